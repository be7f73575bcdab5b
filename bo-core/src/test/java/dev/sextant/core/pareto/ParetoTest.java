package dev.sextant.core.pareto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParetoTest {
    @Test
    void weakDominanceAndFirstOfDuplicates() {
        double[][] y = {{2, 2}, {2, 4}, {3, 1}, {2, 4}, {1, 5}, {0, 5}};
        assertArrayEquals(new boolean[] {false, true, true, false, true, false}, Pareto.nonDominated(y));
        assertArrayEquals(new boolean[] {false, true, true, true, true, false}, Pareto.nonDominated(y, true));
    }

    @Test
    void dominatesNeedsOneStrictlyBetterValue() {
        assertTrue(Pareto.dominates(new double[] {2, 4}, new double[] {2, 2}));
        assertFalse(Pareto.dominates(new double[] {2, 4}, new double[] {2, 4}));
        assertFalse(Pareto.dominates(new double[] {3, 1}, new double[] {2, 4}));
    }

    @Test
    void emptyInputGivesAnEmptyMask() {
        assertArrayEquals(new boolean[0], Pareto.nonDominated(new double[0][]));
    }
}

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

    /** Non-dominated sorting against its definition: peel the non-dominated rows (duplicates kept) layer by layer. */
    @org.junit.jupiter.api.Test
    void ranksPeelTheNonDominatedLayers() {
        java.util.Random rnd = new java.util.Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + rnd.nextInt(30), m = 2 + rnd.nextInt(2);
            double[][] pts = new double[n][m];
            for (double[] p : pts) {
                for (int k = 0; k < m; k++) {
                    p[k] = rnd.nextInt(6); // coarse values: ties and duplicates
                }
            }
            int[] ranks = Pareto.ranks(pts);
            int[] expected = new int[n];
            java.util.Arrays.fill(expected, -1);
            for (int r = 0, left = n; left > 0; r++) {
                java.util.List<Integer> rest = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (expected[i] < 0) {
                        rest.add(i);
                    }
                }
                double[][] sub = new double[rest.size()][];
                for (int a = 0; a < sub.length; a++) {
                    sub[a] = pts[rest.get(a)];
                }
                boolean[] mask = Pareto.nonDominated(sub, true);
                for (int a = 0; a < sub.length; a++) {
                    if (mask[a]) {
                        expected[rest.get(a)] = r;
                        left--;
                    }
                }
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, ranks, "case " + trial);
        }
        org.junit.jupiter.api.Assertions.assertEquals(0, Pareto.ranks(new double[0][]).length);
    }
}

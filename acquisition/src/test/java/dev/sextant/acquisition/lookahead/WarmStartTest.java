package dev.sextant.acquisition.lookahead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class WarmStartTest {

    @Test
    void subtreeOfTheObservedFantasyMovesUpOneLevel() {
        // old tree [2, 2] in d = 1: node i holds the value i (0: root, 1-2: depth 1, 3-6: depth 2)
        double[] old = {0, 1, 2, 3, 4, 5, 6};
        double[] z = MultiStepLookahead.baseSamples(2); // {-1, +1}
        double[] shifted = MultiStepLookahead.shiftedWarmStart(old, new int[] {2, 2}, z[1] + 0.2, new int[] {2, 2}, 1);
        assertArrayEquals(new double[] {2, 5, 6, 5, 5, 6, 6}, shifted);
        double[] low = MultiStepLookahead.shiftedWarmStart(old, new int[] {2, 2}, -3, new int[] {3}, 1);
        assertArrayEquals(new double[] {1, 3, 4, 3}, low);
    }
}

package dev.sextant.acquisition.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** TuRBO-1's update rule: success margin, tolerances, expansion, shrinking, the collapse that triggers a restart. */
class TrustRegionRuleTest {

    @Test
    void failureToleranceIsCeilOfMaxOfFourAndDOverQ() {
        assertEquals(10, TrustRegionRule.failureTolerance(10, 1));
        assertEquals(3, TrustRegionRule.failureTolerance(10, 4));
        assertEquals(4, TrustRegionRule.failureTolerance(2, 1));
        assertEquals(1, TrustRegionRule.failureTolerance(2, 8));
        assertEquals(5, TrustRegionRule.failureTolerance(20, 4));
        assertThrows(IllegalArgumentException.class, () -> TrustRegionRule.failureTolerance(0, 1));
    }

    @Test
    void aSuccessMustBeatTheBestByARelativeMargin() {
        assertFalse(TrustRegionRule.isSuccess(10, 10.005));
        assertTrue(TrustRegionRule.isSuccess(10, 10.02));
        assertFalse(TrustRegionRule.isSuccess(-10, -9.995));
        assertTrue(TrustRegionRule.isSuccess(-10, -9.98));
        assertTrue(TrustRegionRule.isSuccess(Double.NEGATIVE_INFINITY, -1e300));
        assertFalse(TrustRegionRule.isSuccess(1, Double.NEGATIVE_INFINITY));
    }

    @Test
    void threeSuccessesDoubleTheLengthUpToTheMaximum() {
        TrustRegionState s = TrustRegionState.fresh(0);
        s = new TrustRegionState(s.length(), 0, 0, 0, 0.0, 0);
        double best = 0;
        for (int k = 1; k <= 3; k++) {
            best += 1;
            s = TrustRegionRule.update(s, best, 1, 10);
        }
        assertEquals(1.6, s.length(), 1e-15);
        assertEquals(0, s.successes());
        assertEquals(3.0, s.best());
        for (int k = 1; k <= 3; k++) {
            best += 1;
            s = TrustRegionRule.update(s, best, 1, 10);
        }
        assertEquals(TrustRegionRule.MAX_LENGTH, s.length(), 1e-15, "capped at the maximum");
    }

    @Test
    void dFailuresHalveTheLengthAndASuccessResetsTheFailures() {
        TrustRegionState s = new TrustRegionState(0.8, 0, 0, 0, 5.0, 0);
        for (int k = 0; k < 9; k++) s = TrustRegionRule.update(s, 4.0, 1, 10);
        assertEquals(0.8, s.length());
        assertEquals(9, s.failures());
        s = TrustRegionRule.update(s, 6.0, 1, 10);
        assertEquals(0, s.failures());
        assertEquals(1, s.successes());
        for (int k = 0; k < 10; k++) s = TrustRegionRule.update(s, 6.0, 1, 10);
        assertEquals(0.4, s.length(), 1e-15);
        assertEquals(0, s.failures());
        assertEquals(20, s.steps());
        // batches of 4 in 10-d: 3 failed batches halve it
        for (int k = 0; k < 3; k++) s = TrustRegionRule.update(s, 0.0, 4, 10);
        assertEquals(0.2, s.length(), 1e-15);
    }

    @Test
    void sevenHalvingsCollapseTheRegion() {
        TrustRegionState s = new TrustRegionState(0.8, 0, 0, 0, 1.0, 0);
        int halvings = 0;
        while (!TrustRegionRule.collapsed(s)) {
            double before = s.length();
            for (int k = 0; k < 4; k++) s = TrustRegionRule.update(s, 0.0, 1, 2);
            assertEquals(before / 2, s.length(), 1e-15);
            halvings++;
        }
        assertEquals(7, halvings, "0.8 · 0.5⁷ = 0.00625 < 0.5⁷");
    }
}

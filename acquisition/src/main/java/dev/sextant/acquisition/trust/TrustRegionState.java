package dev.sextant.acquisition.trust;

/**
 * Where a trust region stands after the history replayed so far (TuRBO-1's state). A value; see
 * {@link TrustRegionRule#update} for how it moves.
 *
 * @param length    side length before the lengthscale weighting, in the unit cube, in
 *                  [{@link TrustRegionRule#MIN_LENGTH}, {@link TrustRegionRule#MAX_LENGTH}] (below the minimum only
 *                  transiently, which triggers a restart)
 * @param successes consecutive successful steps (reset by a failure or an expansion)
 * @param failures  consecutive failed steps (reset by a success or a shrink)
 * @param restarts  how many times the region has been restarted since the study began
 * @param best      best observed objective value (maximisation sign) since the last restart; −∞ before any
 * @param steps     steps (batches) replayed since the last restart
 */
public record TrustRegionState(double length, int successes, int failures, int restarts, double best, int steps) {
    public TrustRegionState {
        if (!(length > 0) || length > TrustRegionRule.MAX_LENGTH) {
            throw new IllegalArgumentException("trust-region length " + length + " is outside (0, "
                + TrustRegionRule.MAX_LENGTH + "]");
        }
        if (successes < 0 || failures < 0 || restarts < 0 || steps < 0) {
            throw new IllegalArgumentException("trust-region counters must be ≥ 0: successes " + successes
                + ", failures " + failures + ", restarts " + restarts + ", steps " + steps);
        }
        if (Double.isNaN(best)) {
            throw new IllegalArgumentException("trust-region best value is NaN");
        }
    }

    /** A fresh region after {@code restarts} restarts: base length, counters zero, no best value yet. */
    public static TrustRegionState fresh(int restarts) {
        return new TrustRegionState(TrustRegionRule.BASE_LENGTH, 0, 0, restarts, Double.NEGATIVE_INFINITY, 0);
    }
}

package dev.sextant.acquisition.mc;

import dev.sextant.surrogate.model.BatchPosterior;

/**
 * An outcome constraint on one modelled metric: feasible when value ≤ bound (upper = true) or value ≥ bound
 * (upper = false), in the units of the model's outcomes.
 */
public record ConstraintModel(BatchPosterior posterior, double bound, boolean upper) {
    public ConstraintModel {
        if (posterior == null) throw new IllegalArgumentException("constraint posterior is required");
        if (!Double.isFinite(bound)) throw new IllegalArgumentException("constraint bound must be finite");
    }

    /** Signed slack: ≤ 0 means feasible. */
    double slack(double value) {
        return upper ? value - bound : bound - value;
    }

    /** d slack / d value. */
    double slackSign() {
        return upper ? 1 : -1;
    }
}

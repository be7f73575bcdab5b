package dev.sextant.acquisition.mc;

import dev.sextant.acquisition.model.JointPosterior;
import java.util.List;

/**
 * What every MC acquisition function needs: the objective's joint posterior (its baseline is the NEI baseline,
 * empty for the others), the constraint models (same baseline), pending points appended to every batch,
 * q, and the base samples.
 *
 * @param pending p×d pending points (unit cube, not modified), may be empty
 * @param baseSamples optional fixed base samples, one per metric (objective first), each numSamples × (nb + q + p);
 *                    null to draw scrambled-Sobol normals from seed
 * @param eta temperature of the smooth feasibility indicator (BoTorch's default 1e-3)
 */
public record McContext(JointPosterior objective, List<ConstraintModel> constraints, double[] pending, int numPending,
                        int q, int numSamples, long seed, double[][] baseSamples, double eta) {
    public static final int DEFAULT_SAMPLES = 512;
    public static final double DEFAULT_ETA = 1e-3;

    public McContext {
        if (objective == null) throw new IllegalArgumentException("objective posterior is required");
        constraints = List.copyOf(constraints == null ? List.of() : constraints);
        if (pending == null) {
            pending = new double[0];
            numPending = 0;
        }
        if (q < 1) throw new IllegalArgumentException("q must be >= 1, got " + q);
        if (numSamples < 1) throw new IllegalArgumentException("numSamples must be >= 1, got " + numSamples);
        int d = objective.model().dimension();
        if (pending.length < numPending * d) throw new IllegalArgumentException("pending must be numPending×d");
        for (ConstraintModel c : constraints) {
            if (c.posterior().baselineSize() != objective.baselineSize()) {
                throw new IllegalArgumentException("constraint posteriors must share the objective's baseline");
            }
        }
        if (baseSamples != null && baseSamples.length != 1 + constraints.size()) {
            throw new IllegalArgumentException("need one base-sample array per metric (objective first)");
        }
        if (!(eta > 0)) throw new IllegalArgumentException("eta must be > 0");
    }

    /** Simple context: no constraints, no pending points, Sobol base samples. */
    public static McContext of(JointPosterior objective, int q, int numSamples, long seed) {
        return new McContext(objective, List.of(), null, 0, q, numSamples, seed, null, DEFAULT_ETA);
    }

    public int dimension() {
        return objective.model().dimension();
    }

    public int metrics() {
        return 1 + constraints.size();
    }
}

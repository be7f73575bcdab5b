package dev.sextant.acquisition.mc;

import dev.sextant.acquisition.sampling.Sampler;
import dev.sextant.surrogate.model.BatchPosterior;
import java.util.List;

/**
 * What every MC acquisition function needs: the objective's joint posterior (its baseline is the NEI baseline,
 * empty for the others), the constraint models (same baseline), pending points appended to every batch,
 * q, and the sampler that owns the base samples.
 *
 * @param pending p×d pending points (unit cube, not modified), may be empty
 * @param sampler the base samples, one array per metric (objective first), each numSamples × (nb + q + p)
 * @param eta temperature of the smooth feasibility indicator (BoTorch's default 1e-3)
 */
public record McContext(BatchPosterior objective, List<ConstraintModel> constraints, double[] pending, int numPending,
                        int q, Sampler sampler, double eta) {
    public static final int DEFAULT_SAMPLES = 512;
    public static final double DEFAULT_ETA = 1e-3;

    public McContext {
        if (objective == null) throw new IllegalArgumentException("objective posterior is required");
        if (sampler == null) throw new IllegalArgumentException("a sampler is required");
        constraints = List.copyOf(constraints == null ? List.of() : constraints);
        if (pending == null) {
            pending = new double[0];
            numPending = 0;
        }
        if (q < 1) throw new IllegalArgumentException("q must be >= 1, got " + q);
        int d = objective.dimension();
        if (pending.length < numPending * d) throw new IllegalArgumentException("pending must be numPending×d");
        for (ConstraintModel c : constraints) {
            if (c.posterior().baselineSize() != objective.baselineSize()) {
                throw new IllegalArgumentException("constraint posteriors must share the objective's baseline");
            }
        }
        if (!(eta > 0)) throw new IllegalArgumentException("eta must be > 0");
    }

    /** Simple context: no constraints, no pending points, scrambled-Sobol base samples from seed. */
    public static McContext of(BatchPosterior objective, int q, int numSamples, long seed) {
        return new McContext(objective, List.of(), null, 0, q, Sampler.qmc(numSamples, seed), DEFAULT_ETA);
    }

    public int numSamples() {
        return sampler.numSamples();
    }

    public int dimension() {
        return objective.dimension();
    }

    public int metrics() {
        return 1 + constraints.size();
    }
}

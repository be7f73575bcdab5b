package dev.sextant.acquisition.mc;

import dev.sextant.acquisition.sampling.Sampler;
import dev.sextant.surrogate.model.BatchPosterior;
import java.util.List;

/**
 * What a multi-objective MC acquisition (qLogNEHVI, qNParEGO) needs: one joint posterior per objective (independent
 * models, all in "larger is better" model units) and per outcome constraint, all over the same baseline (the observed
 * points, then the pending points: a pending point counts as already evaluated, BoTorch's incremental NEHVI), q, the
 * sampler that owns the base samples (metric index: objectives first, then constraints), the temperature of the smooth
 * feasibility indicator, the hypervolume reference point and the range of the observed outcomes.
 *
 * @param reference       the reference point in model units, one value per objective (not modified; copied)
 * @param outcomeLower    per objective the smallest observed value in model units (qNParEGO's normalisation)
 * @param outcomeUpper    per objective the largest observed value in model units
 * @param scalarisationSeed seed of qNParEGO's random weights (one draw per context)
 */
public record MultiObjectiveContext(List<BatchPosterior> objectives, List<ConstraintModel> constraints, int q,
                                    Sampler sampler, double eta, double[] reference, double[] outcomeLower,
                                    double[] outcomeUpper, long scalarisationSeed) {
    public MultiObjectiveContext {
        objectives = List.copyOf(objectives == null ? List.of() : objectives);
        constraints = List.copyOf(constraints == null ? List.of() : constraints);
        if (objectives.isEmpty()) throw new IllegalArgumentException("need at least one objective posterior");
        if (sampler == null) throw new IllegalArgumentException("a sampler is required");
        if (q < 1) throw new IllegalArgumentException("q must be >= 1, got " + q);
        if (!(eta > 0)) throw new IllegalArgumentException("eta must be > 0");
        int m = objectives.size();
        if (reference == null || reference.length != m) {
            throw new IllegalArgumentException("the reference point needs one value per objective (" + m + ")");
        }
        reference = reference.clone();
        outcomeLower = outcomeLower == null ? new double[m] : outcomeLower.clone();
        outcomeUpper = outcomeUpper == null ? filled(m, 1) : outcomeUpper.clone();
        if (outcomeLower.length != m || outcomeUpper.length != m) {
            throw new IllegalArgumentException("outcome bounds need one value per objective (" + m + ")");
        }
        int nb = objectives.get(0).baselineSize();
        int d = objectives.get(0).dimension();
        for (BatchPosterior p : objectives) {
            if (p.baselineSize() != nb || p.dimension() != d) {
                throw new IllegalArgumentException("objective posteriors must share one baseline");
            }
        }
        for (ConstraintModel c : constraints) {
            if (c.posterior().baselineSize() != nb) {
                throw new IllegalArgumentException("constraint posteriors must share the objectives' baseline");
            }
        }
    }

    private static double[] filled(int m, double v) {
        double[] a = new double[m];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** Number of objectives. */
    public int numObjectives() {
        return objectives.size();
    }

    /** Objectives plus constraints: the metric indices of the sampler. */
    public int metrics() {
        return objectives.size() + constraints.size();
    }

    public int numSamples() {
        return sampler.numSamples();
    }

    public int dimension() {
        return objectives.get(0).dimension();
    }

    public int baselineSize() {
        return objectives.get(0).baselineSize();
    }

    /** Posterior of metric k: objectives first, then constraints. */
    BatchPosterior posterior(int k) {
        int m = objectives.size();
        return k < m ? objectives.get(k) : constraints.get(k - m).posterior();
    }
}

package dev.sextant.surrogate.select;

import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.OutcomeTransform;

import java.util.List;

/**
 * The outcome of automatic model choice for one metric.
 *
 * @param chosen    the chosen candidate
 * @param transform its transform, fitted to the observed values (the GP's outcomes are sign·T(values))
 * @param gp        the chosen candidate's GP (after the final restarts), fitted to sign·T(values)
 * @param scores    every candidate fitted during the search, in the order fitted
 * @param mapRestarts random MAP restarts of the final fit (besides the search's optimum)
 */
public record Selection(ModelChoice chosen, OutcomeTransform transform, GaussianProcess gp, List<CandidateScore> scores,
                        int mapRestarts) {
    public Selection {
        scores = List.copyOf(scores);
    }

    /** The chosen candidate's summed LOO log density (original units). */
    public double chosenLoo() {
        for (CandidateScore s : scores) {
            if (s.choice().equals(chosen)) {
                return s.loo();
            }
        }
        return Double.NaN;
    }
}

package dev.sextant.acquisition;

import dev.sextant.acquisition.generate.GenerationOptions;
import dev.sextant.acquisition.mc.BaselinePruning;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Predicted against observed feasibility on synthetic data shaped like the demo's divergence: a noisy estimate of a
 * distance, clipped at 0 and square-rooted (many values at the floor, a long right tail), constrained to ≤ 0.1.
 * The constraint model (automatic choice) is fitted on 40 random points; on 400 fresh points the mean predicted
 * probability must match the observed fraction, and the predictions must beat the base rate (Brier skill).
 */
class FeasibilityCalibrationTest {
    static final int D = 3;

    /** sqrt(max(0, g(x) + noise)): g a bowl whose feasible set (≤ 0.1², before noise) is a small ball. */
    static double divergence(double[] x, SplittableRandom r) {
        double g = 0;
        double[] c = {0.3, 0.6, 0.5};
        for (int m = 0; m < D; m++) g += (x[m] - c[m]) * (x[m] - c[m]) * (m + 1);
        g = 0.1 * g - 0.02;
        return Math.sqrt(Math.max(0, g + 0.01 * r.nextGaussian()));
    }

    static Trial trial(int number, double value) {
        return new Trial(number, "t", TrialState.COMPLETED, Map.of(), Map.of("divergence", new Observation(value,
            Double.NaN)), "sobol", Map.of(), Instant.EPOCH, Instant.EPOCH, null, null);
    }

    @Test
    void predictedFeasibilityOfAFlooredMetricMatchesTheObservedFraction() {
        for (String selection : List.of("auto", "off")) {
            SplittableRandom r = new SplittableRandom(5);
            int n = 40;
            double[] x = new double[n * D];
            List<Trial> trials = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double[] xi = new double[D];
                for (int m = 0; m < D; m++) xi[m] = x[i * D + m] = r.nextDouble();
                trials.add(trial(i + 1, divergence(xi, r)));
            }
            GenerationOptions opts = GenerationOptions.parse(Map.of("model_selection", selection));
            BayesianGenerator.FittedMetric f = BayesianGenerator.fitMetric("divergence", trials, x, n, D, false, false,
                opts, 3, null);
            double bound = AutoModel.boundInModelUnits(f, 0.1);
            List<double[]> test = new ArrayList<>();
            List<Boolean> feasible = new ArrayList<>();
            for (int j = 0; j < 400; j++) {
                double[] xj = new double[D];
                for (int m = 0; m < D; m++) xj[m] = r.nextDouble();
                test.add(xj);
                feasible.add(divergence(xj, r) <= 0.1);
            }
            double[] p = AutoModel.predictedFeasibility(
                List.of(new BaselinePruning.Constraint(f.model(), bound, true)), List.of(f), test);
            double meanP = 0;
            double observed = 0;
            double brier = 0;
            for (int j = 0; j < p.length; j++) {
                double o = feasible.get(j) ? 1 : 0;
                meanP += p[j] / p.length;
                observed += o / p.length;
                brier += (p[j] - o) * (p[j] - o) / p.length;
            }
            double baseRate = observed * (1 - observed);   // Brier score of always predicting the observed fraction
            assertTrue(observed > 0.05 && observed < 0.5, "the synthetic problem has a minority feasible: " + observed);
            assertEquals(observed, meanP, 0.06, selection + ": mean predicted feasibility vs observed fraction");
            assertTrue(brier < 0.6 * baseRate, selection + ": Brier score " + brier + " vs base rate " + baseRate);
        }
    }
}

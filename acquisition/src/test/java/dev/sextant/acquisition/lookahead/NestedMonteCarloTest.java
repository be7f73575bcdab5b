package dev.sextant.acquisition.lookahead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.acquisition.TestModels;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.model.GpModel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * On a 1-D problem the one-shot two-stage value at a fixed x₀, EI(x₀) + E_y[max_{x₁} EI(x₁ | D ∪ (x₀, y))], approaches
 * a brute-force nested Monte Carlo estimate (plain MC over y, GP refit per draw, inner max on a dense grid) as the
 * number of fantasies grows.
 */
class NestedMonteCarloTest {
    private static final double[] X = {0.05, 0.3, 0.45, 0.8, 0.95};
    private static final double[] Y = {0.2, 0.9, 0.4, -0.5, 0.1};

    private static GpModel model() {
        return TestModels.gp(KernelType.MATERN52, X, X.length, 1, Y, new double[] {0.15}, 1.0, 1e-4, 0.0);
    }

    private static double bruteForce(GpModel model, double x0, int draws, long seed, double[] stdErr) {
        double[] p0 = {x0};
        double mu = model.posteriorMean(p0, 1)[0];
        double sdLatent = Math.sqrt(model.posteriorVariance(p0, 1)[0]);
        double sdPred = Math.sqrt(sdLatent * sdLatent + model.fantasyNoise());
        double best0 = model.bestPosteriorMean();
        int grid = 801;
        double[] g = new double[grid];
        for (int i = 0; i < grid; i++) {
            g[i] = i / (grid - 1.0);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double sum = 0;
        double sumSq = 0;
        for (int r = 0; r < draws; r++) {
            // antithetic pairs of normal draws
            double z = r % 2 == 0 ? gaussian(rng) : -lastZ;
            lastZ = z;
            double y = mu + sdPred * z;
            GpModel m1 = model.condition(p0, 1, new double[] {y});
            double best1 = Math.max(best0, y);
            double[] mean = m1.posteriorMean(g, grid);
            double[] var = m1.posteriorVariance(g, grid);
            double inner = 0;
            for (int i = 0; i < grid; i++) {
                inner = Math.max(inner, FantasyConditioningTest.ei(mean[i], Math.sqrt(Math.max(var[i], 1e-300)), best1));
            }
            sum += inner;
            sumSq += inner * inner;
        }
        double mean = sum / draws;
        stdErr[0] = Math.sqrt(Math.max(sumSq / draws - mean * mean, 0) / draws);
        return FantasyConditioningTest.ei(mu, sdLatent, best0) + mean;
    }

    private static double lastZ;

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Test
    void oneShotValueApproachesNestedMonteCarloAsFantasiesGrow() {
        GpModel model = model();
        double x0 = 0.62;
        double[] se = new double[1];
        double reference = bruteForce(model, x0, 3000, 7, se);
        double[] errors = new double[3];
        int[] ms = {2, 8, 32};
        for (int i = 0; i < ms.length; i++) {
            MultiStepLookahead la = new MultiStepLookahead(model,
                    new LookaheadOptions(new int[] {ms[i]}, LeafValue.EXPECTED_IMPROVEMENT, 6, 64, 300, 3));
            LookaheadResult r = la.optimize(null, new double[] {x0});
            assertEquals(x0, r.proposal()[0], 0.0);
            errors[i] = Math.abs(r.value() - reference);
        }
        assertTrue(errors[2] < errors[0], "error should shrink: " + java.util.Arrays.toString(errors));
        assertTrue(errors[2] < 0.03 * reference + 4 * se[0],
                "32 fantasies: errors " + java.util.Arrays.toString(errors) + " reference " + reference + " ± " + se[0]);
    }

    @Test
    void marginalPredictionsMatchTheJointPosterior() {
        GpModel gp = TestModels.gp(KernelType.MATERN52, X, X.length, 1, Y, new double[] {0.15}, 1.0, 1e-4, 0.0);
        double[] q = {0.1, 0.5, 0.77};
        double[] mean = new double[3];
        double[] var = new double[3];
        gp.predict(q, 3, mean, var);
        dev.sextant.surrogate.posterior.Posterior joint = gp.posterior(q, 3);
        double[] m2 = joint.mean();
        double[] v2 = joint.variance();
        for (int i = 0; i < 3; i++) {
            assertEquals(m2[i], mean[i], 1e-10);
            assertEquals(v2[i], var[i], 1e-10);
        }
    }
}

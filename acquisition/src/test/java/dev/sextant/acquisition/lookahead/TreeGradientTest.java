package dev.sextant.acquisition.lookahead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.acquisition.TestModels;
import dev.sextant.surrogate.kernel.HyperparameterKind;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.model.GpModel;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TreeGradientTest {

    static GpModel randomModel(KernelType kind, int n, int d, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = rng.nextDouble();
                s += Math.sin(3 * x[i * d + j] + j);
            }
            y[i] = s + 0.1 * rng.nextDouble();
        }
        double[] ls = new double[d];
        for (int j = 0; j < d; j++) {
            ls[j] = 0.2 + 0.3 * rng.nextDouble();
        }
        return TestModels.gp(kind, x, n, d, y, ls, 1.3, noise, 0.2);
    }

    @ParameterizedTest
    @CsvSource({
        "MATERN52, POSTERIOR_MEAN, 5, 0, 0",
        "MATERN52, LOG_EXPECTED_IMPROVEMENT, 4, 0, 0",
        "RBF, LOG_EXPECTED_IMPROVEMENT, 3, 2, 0",
        "MATERN52, LOG_EXPECTED_IMPROVEMENT, 3, 3, 0",
        "MATERN52, POSTERIOR_MEAN, 3, 2, 0",
        "MATERN52, LOG_EXPECTED_IMPROVEMENT, 3, 2, 2",
        "RBF, POSTERIOR_MEAN, 2, 3, 2",
        "MATERN52, LOG_EXPECTED_IMPROVEMENT, 2, 2, 2",
    })
    void wholeTreeGradientMatchesCentralDifferences(KernelType kind, LeafValue value, int m1, int m2, int m3) {
        int[] fantasies = m2 == 0 ? new int[] {m1} : m3 == 0 ? new int[] {m1, m2} : new int[] {m1, m2, m3};
        int d = 3;
        GpModel model = randomModel(kind, 7, d, 1e-3, 11 + m1 + 3L * m2 + 7L * m3);
        MultiStepLookahead la = new MultiStepLookahead(model, new LookaheadOptions(fantasies, value, 1, 1, 1, 1));
        double[] grad = assertGradientMatchesCentralDifferences(la, randomTree(la, 5), d);
        // the root point's gradient includes the fantasy posteriors' dependence on x0
        double rootNorm = Math.abs(grad[0]) + Math.abs(grad[1]) + Math.abs(grad[2]);
        assertTrue(rootNorm > 0);
    }

    /**
     * Knowledge gradient (one step, posterior-mean leaves) and two-step lookahead (log EI) on the kernels the old
     * lookahead copy could not represent: Matérn-3/2, a sum and a product, through the surrogate's kernels.
     */
    @ParameterizedTest
    @CsvSource({
        "matern32, POSTERIOR_MEAN, 4, 0",
        "matern32, LOG_EXPECTED_IMPROVEMENT, 3, 2",
        "matern32+rbf, POSTERIOR_MEAN, 4, 0",
        "matern32+rbf, LOG_EXPECTED_IMPROVEMENT, 3, 2",
        "matern52*rbf, LOG_EXPECTED_IMPROVEMENT, 2, 2",
    })
    void treeGradientOnAnyKernelMatchesCentralDifferences(String kernel, LeafValue value, int m1, int m2) {
        int[] fantasies = m2 == 0 ? new int[] {m1} : new int[] {m1, m2};
        int d = 3;
        GpModel model = randomModel(Kernel.parse(kernel, d), 7, d, 1e-3, 31 + m1 + 3L * m2);
        MultiStepLookahead la = new MultiStepLookahead(model, new LookaheadOptions(fantasies, value, 1, 1, 1, 1));
        assertGradientMatchesCentralDifferences(la, randomTree(la, 9), d);
    }

    /** randomModel's data with the given kernel, its lengthscales uniform in [0.2, 0.5] and outputscales 0.8. */
    static GpModel randomModel(Kernel template, int n, int d, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed + 1000);
        double[] theta = new double[template.numHyperparameters()];
        java.util.List<HyperparameterKind> kinds = template.hyperparameterKinds();
        for (int i = 0; i < theta.length; i++) {
            theta[i] = Math.log(kinds.get(i) == HyperparameterKind.LENGTHSCALE ? 0.2 + 0.3 * rng.nextDouble() : 0.8);
        }
        GpModel data = randomModel(KernelType.RBF, n, d, noise, seed);
        return TestModels.gp(template.withHyperparameters(theta), data.trainX(), n, d, data.trainY(), noise, 0.2);
    }

    /** A tree of la's shape with every coordinate uniform in [0.05, 0.95] (away from the box's faces). */
    static double[] randomTree(MultiStepLookahead la, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] tree = new double[la.variables()];
        for (int i = 0; i < tree.length; i++) {
            tree[i] = 0.05 + 0.9 * rng.nextDouble();
        }
        return tree;
    }

    /**
     * Asserts that la's analytic gradient at tree (d coordinates per point) matches central differences coordinate by
     * coordinate, that the value returned with it is the objective, and that the gradient does not vanish.
     *
     * @return the analytic gradient
     */
    static double[] assertGradientMatchesCentralDifferences(MultiStepLookahead la, double[] tree, int d) {
        double[] grad = new double[tree.length];
        double f0 = la.objectiveAndGradient(tree, grad);
        assertEquals(la.objective(tree), f0, 1e-12);
        double h = 1e-6;
        double maxAbs = 0;
        for (int i = 0; i < tree.length; i++) {
            double[] tp = tree.clone();
            double[] tm = tree.clone();
            tp[i] += h;
            tm[i] -= h;
            double fd = (la.objective(tp) - la.objective(tm)) / (2 * h);
            maxAbs = Math.max(maxAbs, Math.abs(fd));
            assertEquals(fd, grad[i], 1e-5 * (1 + Math.abs(fd)), "coordinate " + i + " (point " + i / d + ")");
        }
        assertTrue(maxAbs > 1e-4, "gradient should not vanish on a random tree");
        return grad;
    }
}

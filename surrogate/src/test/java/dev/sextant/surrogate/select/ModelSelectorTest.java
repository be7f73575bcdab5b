package dev.sextant.surrogate.select;

import dev.sextant.surrogate.gp.GpOptions;
import dev.sextant.surrogate.gp.OutcomeTransform;
import dev.sextant.surrogate.kernel.KernelType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelSelectorTest {
    static double[] uniform(int n, int d, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble();
        }
        return x;
    }

    @Test
    void outcomesSpanningDecadesChooseALogTypeTransform() {
        int n = 30;
        int d = 2;
        double[] x = uniform(n, d, 1);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.exp(6 * (x[i * d] - 0.5) + 2 * Math.sin(3 * x[i * d + 1]));   // log-normal-like, > 0
        }
        Selection s = ModelSelector.select(x, n, d, v, null, true, GpOptions.defaults(), ModelSpace.all(KernelType.RBF),
                1.0, 0);
        assertTrue(s.chosen().transform() != TransformFamily.NONE, "chose " + s.chosen() + " from " + s.scores());
        double none = s.scores().stream().filter(c -> c.choice().transform() == TransformFamily.NONE)
                .mapToDouble(CandidateScore::loo).max().orElseThrow();
        assertTrue(s.chosenLoo() > none + 1.0, s.scores().toString());
        // the GP models −T(v): its outcomes are the negated transformed values
        assertEquals(-s.transform().apply(v[0]), s.gp().trainY()[0], 1e-9);
    }

    @Test
    void smoothOutcomesKeepTheSmoothKernelAndNoTransformWithinTheBudgetOfFits() {
        int n = 25;
        int d = 2;
        double[] x = uniform(n, d, 2);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.sin(4 * x[i * d]) + Math.cos(3 * x[i * d + 1]) - 2;   // negative values: no plain log
        }
        ModelSpace space = ModelSpace.all(KernelType.RBF);
        Selection s = ModelSelector.select(x, n, d, v, null, false, GpOptions.defaults(), space, 1.0, 2);
        assertEquals(KernelType.RBF, s.chosen().kernel(), s.scores().toString());
        assertEquals(TransformFamily.NONE, s.chosen().transform(), s.scores().toString());
        assertTrue(s.scores().size() <= space.maxFits(), "fitted " + s.scores().size());
        assertEquals(6, space.maxFits());
    }

    @Test
    void aFunctionWhoseScaleChangesAcrossTheCubeChoosesWarping() {
        int n = 30;
        int d = 1;
        double[] x = uniform(n, d, 3);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.sin(12 * Math.sqrt(x[i]));   // fast near 0, slow near 1: one lengthscale cannot fit both
        }
        ModelSpace space = new ModelSpace(List.of(TransformFamily.NONE), List.of(KernelType.MATERN52),
                List.of(false, true));
        Selection s = ModelSelector.select(x, n, d, v, null, false, GpOptions.defaults(), space, 1.0, 0);
        assertTrue(s.chosen().warped(), s.scores().toString());
    }

    @Test
    void pinnedDimensionsAreNotSearchedAndFailuresAreRecorded() {
        int n = 12;
        int d = 1;
        double[] x = uniform(n, d, 4);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = x[i] - 0.5;
        }
        v[3] = Double.NaN;
        ModelSpace space = new ModelSpace(List.of(TransformFamily.NONE), List.of(KernelType.MATERN32), List.of(false));
        try {
            ModelSelector.select(x, n, d, v, null, false, GpOptions.defaults(), space, 1.0, 0);
            throw new AssertionError("NaN outcomes must be rejected");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("NaN") || expected.getMessage().contains("finite"),
                    expected.getMessage());
        }
        v[3] = 0.1;
        Selection s = ModelSelector.select(x, n, d, v, null, false, GpOptions.defaults(), space, 1.0, 0);
        assertEquals(1, s.scores().size());
        assertEquals(OutcomeTransform.NONE, s.transform());
        assertEquals(KernelType.MATERN32, s.chosen().kernel());
    }

    /**
     * Values piled up at the poor end with a few good ones far above (Hartmann6's shape, maximised): unrestricted,
     * LOO prefers a transform that squeezes the good values together; for the objective every candidate transform
     * must stretch, not squeeze, the good end, whichever way the objective points.
     */
    @Test
    void anObjectivesTransformNeverCompressesItsGoodEnd() {
        int n = 40;
        int d = 2;
        double[] x = uniform(n, d, 5);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double r2 = Math.pow(x[i * d] - 0.3, 2) + Math.pow(x[i * d + 1] - 0.6, 2);
            v[i] = 3 * Math.exp(-r2 / 0.02) + 0.01 * Math.exp(-x[i * d]);   // > 0, mostly near 0
        }
        Selection free = ModelSelector.select(x, n, d, v, null, false, GpOptions.defaults(),
                new ModelSpace(ModelSpace.AUTOMATIC_TRANSFORMS, List.of(KernelType.RBF), List.of(false)), 1.0, 0);
        assertTrue(slopeRatio(free.transform(), v) < 0.5, "unrestricted, the good end is squeezed: "
                + free.scores());
        for (boolean minimise : new boolean[] {false, true}) {
            double sign = minimise ? -1 : 1;
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = sign * v[i];
            }
            ModelSpace space = new ModelSpace(ModelSpace.AUTOMATIC_TRANSFORMS, List.of(KernelType.RBF),
                    List.of(false), true);
            Selection s = ModelSelector.select(x, n, d, w, null, minimise, GpOptions.defaults(), space, 1.0, 0);
            double best = minimise ? min(w) : max(w);
            double worst = minimise ? max(w) : min(w);
            for (TransformFamily family : ModelSpace.AUTOMATIC_TRANSFORMS) {
                OutcomeTransform t = family.fit(w, minimise ? TransformFamily.GoodEnd.LOW
                        : TransformFamily.GoodEnd.HIGH);
                // the slope at the best value at least the slope at the worst: the good end is not compressed
                assertTrue(t.derivative(best) >= t.derivative(worst) * (1 - 1e-9),
                        family + (minimise ? " minimised" : " maximised") + ": " + ModelSelector.describe(t));
            }
            assertTrue(s.transform().derivative(best) >= s.transform().derivative(worst) * (1 - 1e-9),
                    "chosen " + s.scores());
        }
    }

    /** T'(max v) / T'(min v). */
    private static double slopeRatio(OutcomeTransform t, double[] v) {
        return t.derivative(max(v)) / t.derivative(min(v));
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElseThrow();
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElseThrow();
    }
}

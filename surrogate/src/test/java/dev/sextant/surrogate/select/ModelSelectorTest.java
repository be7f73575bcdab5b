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
}

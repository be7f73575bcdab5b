package dev.sextant.surrogate.gp;

import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.posterior.Posterior;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FitTest {

    @Test
    void recoversKnownLengthscalesOnGpDrawnData() {
        int n = 250;
        int d = 2;
        double[] x = GpTestData.uniform(n, d, 31);
        Kernel truth = Kernel.of(KernelType.MATERN52, new double[] {0.15, 0.8}, 1.0);
        double[] y = GpTestData.drawFromGp(truth, x, n, 1e-3, 32);
        GaussianProcess gp = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withPrior(Prior.none()));
        Map<String, Double> h = gp.hyperparameterSummary();
        double l0 = h.get("lengthscale[0]");
        double l1 = h.get("lengthscale[1]");
        assertTrue(l0 > 0.15 / 1.5 && l0 < 0.15 * 1.5, "lengthscale[0] = " + l0 + " (truth 0.15)");
        assertTrue(l1 > 0.8 / 2 && l1 < 0.8 * 2, "lengthscale[1] = " + l1 + " (truth 0.8)");
        assertTrue(h.get("noise") < 0.05, "noise " + h.get("noise"));
    }

    @Test
    void fitImprovesMapOverDefaultStartAndWarmStartIsUsed() {
        int n = 40;
        int d = 3;
        double[] x = GpTestData.uniform(n, d, 33);
        double[] y = GpTestData.smooth(x, n, d);
        GaussianProcess a = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withRestarts(2).withSeed(5));
        // predictions interpolate the smooth function well
        double[] xq = GpTestData.uniform(20, d, 34);
        double[] truth = GpTestData.smooth(xq, 20, d);
        double[] m = a.posterior(xq, 20).mean();
        double err = 0;
        for (int i = 0; i < 20; i++) {
            err = Math.max(err, Math.abs(m[i] - truth[i]));
        }
        assertTrue(err < 0.1, "max prediction error " + err);
        // warm start from the optimum converges to the same MLL (within optimiser tolerance)
        GaussianProcess b = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withWarmStart(a.hyperparameterVector()));
        assertTrue(b.logMarginalLikelihood() >= a.logMarginalLikelihood() - 1e-3 * Math.abs(a.logMarginalLikelihood()) - 1e-3);
        // deterministic for a seed
        GaussianProcess c = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withRestarts(2).withSeed(5));
        assertEquals(a.logMarginalLikelihood(), c.logMarginalLikelihood(), 0.0);
    }

    @Test
    void standardisationReturnsOriginalUnitsAtAnyMagnitude() {
        int n = 20;
        int d = 2;
        double[] x = GpTestData.uniform(n, d, 35);
        double[] y = GpTestData.smooth(x, n, d);
        GaussianProcess unit = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults());
        double[] xq = GpTestData.uniform(3, d, 36);
        Posterior pu = unit.posterior(xq, 3);
        for (double scale : new double[] {1e-9, 1e12}) {
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                ys[i] = 3 * scale + scale * y[i];
            }
            GaussianProcess gp = GaussianProcess.fit(x, n, d, ys, null, GpOptions.defaults());
            Posterior p = gp.posterior(xq, 3);
            for (int j = 0; j < 3; j++) {
                assertEquals(3 * scale + scale * pu.mean()[j], p.mean()[j], 1e-5 * scale, "scale " + scale);
                assertEquals(scale * scale * pu.variance()[j], p.variance()[j], 1e-4 * scale * scale * Math.max(pu.variance()[j], 1e-6));
            }
        }
    }

    @Test
    void degenerateDataWork() {
        int d = 2;
        // a single observation
        GaussianProcess one = GaussianProcess.fit(new double[] {0.3, 0.4}, 1, d, new double[] {5.0}, null, GpOptions.defaults());
        assertEquals(5.0, one.posterior(new double[] {0.3, 0.4}, 1).mean()[0], 0.5);
        // constant outcomes
        double[] x = GpTestData.uniform(8, d, 37);
        double[] c = new double[8];
        java.util.Arrays.fill(c, -2.5);
        GaussianProcess flat = GaussianProcess.fit(x, 8, d, c, null, GpOptions.defaults());
        double m = flat.posterior(new double[] {0.5, 0.5}, 1).mean()[0];
        assertEquals(-2.5, m, 1e-3);
        // duplicate inputs with different outcomes, and duplicates with zero reported noise
        double[] xd = {0.1, 0.2, 0.1, 0.2, 0.7, 0.9, 0.7, 0.9};
        double[] yd = {1.0, 1.2, -0.5, -0.4};
        GaussianProcess dup = GaussianProcess.fit(xd, 4, d, yd, null, GpOptions.defaults());
        assertTrue(Double.isFinite(dup.logMarginalLikelihood()));
        GaussianProcess dupFixed = GaussianProcess.fit(xd, 4, d, yd, new double[] {0, 0, 0, 0}, GpOptions.defaults());
        assertTrue(Double.isFinite(dupFixed.posterior(new double[] {0.1, 0.2}, 1).mean()[0]));
    }

    @Test
    void fixedNoiseFromSemsAndTransforms() {
        int n = 25;
        int d = 2;
        double[] x = GpTestData.uniform(n, d, 38);
        double[] y = GpTestData.smooth(x, n, d);
        double[] sem = new double[n];
        double[] pos = new double[n];
        for (int i = 0; i < n; i++) {
            sem[i] = 0.05;
            pos[i] = Math.exp(2 * y[i]);
        }
        GaussianProcess fixed = GaussianProcess.fit(x, n, d, y, sem, GpOptions.defaults());
        assertTrue(!fixed.hyperparameterSummary().containsKey("noise"));
        double scale = fixed.outcomeScale();
        assertEquals(0.05 * 0.05 / (scale * scale), fixed.noiseVariances()[0], 1e-12);
        GaussianProcess logGp = GaussianProcess.fit(x, n, d, pos, null, GpOptions.defaults().withTransform(OutcomeTransform.LOG));
        double[] xq = {x[0], x[1]};
        // posterior in transformed units: close to log of the observation
        assertEquals(Math.log(pos[0]), logGp.posterior(xq, 1).mean()[0], 0.05);
        GaussianProcess bilog = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withTransform(OutcomeTransform.BILOG));
        assertEquals(OutcomeTransform.BILOG.apply(y[0]), bilog.posterior(xq, 1).mean()[0], 0.05);
        assertThrows(IllegalArgumentException.class,
                () -> GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withTransform(OutcomeTransform.LOG)));
    }

    @Test
    void largeNWithRestartsChoosesStartsOnASubset() {
        int n = 2 * GpOptions.DEFAULT_PREFIT_SIZE + 20;
        int d = 2;
        double[] x = GpTestData.uniform(n, d, 42);
        double[] y = GpTestData.smooth(x, n, d);
        GaussianProcess single = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults());
        GaussianProcess multi = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withRestarts(2).withSeed(3)
                .withWarmStart(single.hyperparameterVector()));
        // the warm start (the single-start optimum) is always polished on all the data, so multi-start is no worse
        assertTrue(multi.logMarginalLikelihood() >= single.logMarginalLikelihood() - 1e-3 * Math.abs(single.logMarginalLikelihood()),
                multi.logMarginalLikelihood() + " vs " + single.logMarginalLikelihood());
        double[] xq = GpTestData.uniform(10, d, 43);
        double[] truth = GpTestData.smooth(xq, 10, d);
        double[] m = multi.posterior(xq, 10).mean();
        for (int i = 0; i < 10; i++) {
            assertEquals(truth[i], m[i], 0.02);
        }
    }

    @Test
    void prefitReachesTheSameMapOptimumAsThePlainFit() {
        int d = 4;
        for (int n : new int[] {260, 530}) {
            double[] x = GpTestData.uniform(n, d, 50 + n);
            double[] y = GpTestData.smooth(x, n, d);
            for (int i = 0; i < n; i++) {   // a rougher, less regular target than smooth() alone
                y[i] += 0.3 * Math.sin(9 * x[i * d] * x[i * d + 1]) + 0.05 * Math.cos(40 * x[i * d + 2]);
            }
            assertEquals(n >= 2 * GpOptions.DEFAULT_PREFIT_SIZE, !Fitter.prefitSizes(n, GpOptions.DEFAULT_PREFIT_SIZE).isEmpty());
            GpOptions opt = GpOptions.defaults();
            GaussianProcess pre = GaussianProcess.fit(x, n, d, y, null, opt);
            GaussianProcess plain = GaussianProcess.fit(x, n, d, y, null, opt.withPrefitSize(0));
            double a = pre.mapObjective(opt.prior());
            double b = plain.mapObjective(opt.prior());
            // same optimum to the optimiser's tolerance (relative decrease 2.2e-9 per step)
            assertEquals(b, a, 1e-7 * Math.abs(b), "n = " + n + ": MAP objective with pre-fit " + a + ", plain " + b);
            double[] pa = pre.hyperparameterVector();
            double[] pb = plain.hyperparameterVector();
            for (int i = 0; i < pa.length; i++) {
                assertEquals(pb[i], pa[i], 1e-2 * Math.max(1, Math.abs(pb[i])), "parameter " + i + " at n = " + n);
            }
        }
    }

    @Test
    void prefitWithKnownNoiseAndRestartsReachesTheSameOptimum() {
        int n = 300;
        int d = 3;
        double[] x = GpTestData.uniform(n, d, 71);
        double[] y = GpTestData.smooth(x, n, d);
        double[] sem = new double[n];
        java.util.Random r = new java.util.Random(72);
        for (int i = 0; i < n; i++) {
            sem[i] = 0.02 + 0.02 * (i % 3);
            y[i] += sem[i] * r.nextGaussian();
        }
        GpOptions opt = GpOptions.defaults().withRestarts(1).withSeed(9);
        GaussianProcess pre = GaussianProcess.fit(x, n, d, y, sem, opt);
        GaussianProcess plain = GaussianProcess.fit(x, n, d, y, sem, opt.withPrefitSize(0));
        double a = pre.mapObjective(opt.prior());
        double b = plain.mapObjective(opt.prior());
        assertTrue(a >= b - 1e-7 * Math.abs(b), "MAP objective with pre-fit " + a + ", plain " + b);
        assertTrue(!pre.hyperparameterSummary().containsKey("noise"));
    }

    @Test
    void prefitLeavesSmallFitsBitForBitUnchanged() {
        int n = 60;
        int d = 3;
        double[] x = GpTestData.uniform(n, d, 61);
        double[] y = GpTestData.smooth(x, n, d);
        assertTrue(Fitter.prefitSizes(n, GpOptions.DEFAULT_PREFIT_SIZE).isEmpty());
        GaussianProcess a = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults());
        GaussianProcess b = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withPrefitSize(0));
        org.junit.jupiter.api.Assertions.assertArrayEquals(b.hyperparameterVector(), a.hyperparameterVector(), 0.0);
        assertEquals(b.logMarginalLikelihood(), a.logMarginalLikelihood(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> GpOptions.defaults().withPrefitSize(-1));
        assertEquals(java.util.List.of(137, 275, 550), Fitter.prefitSizes(1100, 128));
        assertEquals(java.util.List.of(250), Fitter.prefitSizes(500, 128));
    }

    @Test
    void compositeKernelFits() {
        int n = 30;
        int d = 2;
        double[] x = GpTestData.uniform(n, d, 39);
        double[] y = GpTestData.smooth(x, n, d);
        Kernel k = Kernel.sum(Kernel.matern52(d), Kernel.rbf(d));
        GaussianProcess gp = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withCustomKernel(k));
        assertEquals(2 * (d + 1) + 2, gp.hyperparameterVector().length);
        assertTrue(Double.isFinite(gp.logMarginalLikelihood()));
    }

    @Test
    void nonFiniteInputsAreRejectedWithClearMessages() {
        double[] x = {0.1, Double.NaN, 0.3, 0.4};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianProcess.fit(x, 2, 2, new double[] {1, 2}, null, GpOptions.defaults()));
        assertTrue(e.getMessage().contains("[0,1]") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianProcess.fit(new double[] {0.1, 0.2, 0.3, 0.4}, 2, 2, new double[] {1, Double.POSITIVE_INFINITY}, null, GpOptions.defaults()));
        assertTrue(e.getMessage().contains("outcome 1"), e.getMessage());
        GaussianProcess gp = GaussianProcess.fit(new double[] {0.1, 0.2, 0.3, 0.4}, 2, 2, new double[] {1, 2}, null, GpOptions.defaults());
        assertThrows(IllegalArgumentException.class, () -> gp.posterior(new double[] {0.5, Double.POSITIVE_INFINITY}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> GaussianProcess.fit(new double[] {0.1, 0.2, 0.3, 0.4}, 2, 2, new double[] {1, 2}, new double[] {0.1, Double.NaN}, GpOptions.defaults()));
    }
}

package dev.sextant.surrogate.gp;

import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.linalg.LinearAlgebra;
import dev.sextant.surrogate.posterior.Posterior;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PosteriorTest {
    static final int N = 30;
    static final int D = 3;
    static final int Q = 4;

    /** A fitted model in non-trivial units (shift and scale ≠ 0, 1) so the unit handling is exercised. */
    static GaussianProcess model(KernelType t) {
        double[] x = GpTestData.uniform(N, D, 11);
        double[] y = GpTestData.smooth(x, N, D);
        for (int i = 0; i < N; i++) {
            y[i] = 50 + 7 * y[i];
        }
        return GaussianProcess.fit(x, N, D, y, null, GpOptions.defaults().withKernel(t).withMaxIterations(30));
    }

    static void checkGradient(GaussianProcess gp, double[] xq, ToDoubleFunction<Posterior> f, double[] grad, String what) {
        double h = 1e-6;
        for (int i = 0; i < xq.length; i++) {
            double[] xp = xq.clone();
            double[] xm = xq.clone();
            xp[i] += h;
            xm[i] -= h;
            double fd = (f.applyAsDouble(gp.posterior(xp, Q)) - f.applyAsDouble(gp.posterior(xm, Q))) / (2 * h);
            assertEquals(fd, grad[i], 2e-6 * Math.max(1, Math.abs(fd)), what + " d/dx[" + i / D + "," + i % D + "]");
        }
    }

    @Test
    void meanStdGradientMatchesFiniteDifferences() {
        for (KernelType t : KernelType.values()) {
            GaussianProcess gp = model(t);
            double[] xq = GpTestData.uniform(Q, D, 12);
            double[] a = {1.0, -0.5, 2.0, 0.3};
            double[] b = {0.7, 1.1, -0.4, 2.0};
            double[] grad = new double[Q * D];
            gp.posterior(xq, Q).backpropagateMeanStd(a, b, grad);
            checkGradient(gp, xq, p -> {
                double[] m = p.mean();
                double[] v = p.variance();
                double s = 0;
                for (int j = 0; j < Q; j++) {
                    s += a[j] * m[j] + b[j] * Math.sqrt(v[j]);
                }
                return s;
            }, grad, t + " mean/std");
        }
    }

    @Test
    void covarianceGradientMatchesFiniteDifferences() {
        GaussianProcess gp = model(KernelType.MATERN52);
        double[] xq = GpTestData.uniform(Q, D, 13);
        Random r = new Random(14);
        double[] dc = new double[Q * Q];
        for (int i = 0; i < dc.length; i++) {
            dc[i] = r.nextGaussian();
        }
        double[] grad = new double[Q * D];
        gp.posterior(xq, Q).backpropagateMeanCovariance(null, dc, grad);
        checkGradient(gp, xq, p -> {
            double[] c = p.covariance();
            double s = 0;
            for (int i = 0; i < c.length; i++) {
                s += dc[i] * c[i];
            }
            return s;
        }, grad, "covariance");
    }

    @Test
    void sampleGradientMatchesFiniteDifferences() {
        GaussianProcess gp = model(KernelType.RBF);
        double[] xq = GpTestData.uniform(Q, D, 15);
        int s = 5;
        Random r = new Random(16);
        double[] z = new double[s * Q];
        double[] dy = new double[s * Q];
        for (int i = 0; i < z.length; i++) {
            z[i] = r.nextGaussian();
            dy[i] = r.nextGaussian();
        }
        double[] grad = new double[Q * D];
        gp.posterior(xq, Q).backpropagateSamples(z, s, dy, grad);
        checkGradient(gp, xq, p -> {
            double[] y = p.sample(z, s);
            double acc = 0;
            for (int i = 0; i < y.length; i++) {
                acc += dy[i] * y[i];
            }
            return acc;
        }, grad, "samples");
    }

    @Test
    void covarianceIsSymmetricPsdAndSamplesUseItsFactor() {
        GaussianProcess gp = model(KernelType.MATERN52);
        double[] xq = GpTestData.uniform(Q, D, 17);
        Posterior p = gp.posterior(xq, Q);
        double[] c = p.covariance();
        double[] l = p.choleskyFactor();
        for (int i = 0; i < Q; i++) {
            for (int j = 0; j < Q; j++) {
                assertEquals(c[i * Q + j], c[j * Q + i], 0.0);
                double s = 0;
                for (int k = 0; k < Q; k++) {
                    s += l[i * Q + k] * l[j * Q + k];
                }
                assertEquals(c[i * Q + j], s, 1e-10 * Math.max(1, Math.abs(c[i * Q + i])));
            }
        }
        // PSD: Cholesky of the covariance succeeds and the variance matches its diagonal
        assertTrue(LinearAlgebra.cpu().choleskyInPlace(c.clone(), Q));
        double[] z = new double[Q];
        z[2] = 1;
        double[] y = p.sample(z, 1);
        double[] m = p.mean();
        for (int j = 0; j < Q; j++) {
            assertEquals(m[j] + l[j * Q + 2], y[j], 1e-12);
        }
    }

    @Test
    void conditioningEqualsRefitWithSameHyperparameters() {
        int d = 2;
        double[] x = GpTestData.uniform(12, d, 21);
        double[] y = GpTestData.smooth(x, 12, d);
        Kernel k = Kernel.of(KernelType.MATERN52, new double[] {0.3, 0.5}, 1.2);
        GaussianProcess base = GaussianProcess.withHyperparameters(x, 12, d, y, k, 0.1, 0.01);
        double[] xNew = GpTestData.uniform(3, d, 22);
        double[] yNew = {0.5, -0.2, 1.1};
        GaussianProcess conditioned = base.condition(xNew, 3, yNew);
        double[] xAll = new double[15 * d];
        System.arraycopy(x, 0, xAll, 0, 12 * d);
        System.arraycopy(xNew, 0, xAll, 12 * d, 3 * d);
        double[] yAll = new double[15];
        System.arraycopy(y, 0, yAll, 0, 12);
        System.arraycopy(yNew, 0, yAll, 12, 3);
        GaussianProcess refit = GaussianProcess.withHyperparameters(xAll, 15, d, yAll, k, 0.1, 0.01);
        double[] xq = GpTestData.uniform(5, d, 23);
        Posterior a = conditioned.posterior(xq, 5);
        Posterior b = refit.posterior(xq, 5);
        for (int i = 0; i < 5; i++) {
            assertEquals(b.mean()[i], a.mean()[i], 1e-10);
        }
        for (int i = 0; i < 25; i++) {
            assertEquals(b.covariance()[i], a.covariance()[i], 1e-10);
        }
        assertEquals(refit.logMarginalLikelihood(), conditioned.logMarginalLikelihood(), 1e-9);
        // batched fantasies: each equals a single conditioning
        double[] ys = {0.5, -0.2, 1.1, 2.0, 0.0, -1.0};
        List<GaussianProcess> batch = base.conditionOnSamples(xNew, 3, ys, 2);
        GaussianProcess second = base.condition(xNew, 3, new double[] {2.0, 0.0, -1.0});
        assertEquals(a.mean()[0], batch.get(0).posterior(xq, 5).mean()[0], 1e-12);
        assertEquals(second.posterior(xq, 5).mean()[3], batch.get(1).posterior(xq, 5).mean()[3], 1e-12);
    }

    @Test
    void conditioningAFittedModelWorksInOriginalUnits() {
        GaussianProcess gp = model(KernelType.MATERN52);
        double[] xNew = {0.5, 0.5, 0.5};
        GaussianProcess c = gp.condition(xNew, 1, new double[] {60.0});
        Posterior p = c.posterior(xNew, 1);
        // with small noise the posterior mean at the new point moves close to the observed 60
        double before = gp.posterior(xNew, 1).mean()[0];
        assertTrue(Math.abs(p.mean()[0] - 60) < Math.abs(before - 60), "mean " + p.mean()[0] + " before " + before);
    }
}

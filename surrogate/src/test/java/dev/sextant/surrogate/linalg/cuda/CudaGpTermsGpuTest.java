package dev.sextant.surrogate.linalg.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.linalg.LinearAlgebra;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Device-resident GP terms against the CPU kernels and linear algebra. Skipped where no CUDA device initialises. */
class CudaGpTermsGpuTest {
    private static CudaLinearAlgebra gpu;
    private static final LinearAlgebra CPU = LinearAlgebra.cpu();

    @BeforeEach
    void device() {
        gpu = GpuAssumptions.requireGpu();
    }

    private static double[] uniform(int count, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = rnd.nextDouble();
        }
        return v;
    }

    /** Log lengthscales varied per dimension, log outputscale 0.3. */
    private static double[] theta(int d) {
        double[] t = new double[d + 1];
        for (int c = 0; c < d; c++) {
            t[c] = Math.log(0.2 + 0.1 * c);
        }
        t[d] = 0.3;
        return t;
    }

    @ParameterizedTest
    @EnumSource(KernelType.class)
    void kernelAssemblyEqualsCpuKernel(KernelType type) {
        int n = 150;
        int d = 11;                                   // more than one gradient chunk of 8 dims
        double[] x = uniform(n * d, 1);
        double[] th = theta(d);
        double[] expected = new double[n * n];
        Kernel.of(type, d).withHyperparameters(th).matrix(x, n, x, n, d, expected);
        double[] got = new double[n * n];
        try (DeviceGpTerms terms = gpu.openGpTerms(x, n, d, new double[n], type).orElseThrow()) {
            terms.kernelMatrix(th, got);
        }
        for (int i = 0; i < n * n; i++) {
            assertEquals(expected[i], got[i], 1e-13, "element " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(KernelType.class)
    void mllValueAndGradientEqualCpu(KernelType type) {
        int n = 333;                                  // not a multiple of the tile width
        int d = 11;
        double[] x = uniform(n * d, 2);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(6 * x[i * d]) + x[i * d + 1] - 0.5;
        }
        double[] th = theta(d);
        double noise = 0.01;
        double mean = 0.1;
        // CPU reference: same formulas as the GP's marginal likelihood
        Kernel kern = Kernel.of(type, d).withHyperparameters(th);
        double[] k = new double[n * n];
        kern.symmetricMatrix(x, n, k);
        for (int i = 0; i < n; i++) {
            k[i * n + i] += noise;
        }
        assertTrue(CPU.choleskyInPlace(k, n));
        double[] alpha = new double[n];
        for (int i = 0; i < n; i++) {
            alpha[i] = y[i] - mean;
        }
        CPU.solveLower(k, n, alpha, 1);
        double quad = 0;
        for (double a : alpha) {
            quad += a * a;
        }
        CPU.solveLowerTransposed(k, n, alpha, 1);
        double mll = -0.5 * quad - 0.5 * CPU.logDetFromCholesky(k, n) - 0.5 * n * Math.log(2 * Math.PI);
        double[] w = new double[n * n];
        CPU.inverseFromCholesky(k, n, w, new double[n * n]);
        double diagW = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[i * n + j] = alpha[i] * alpha[j] - w[i * n + j];
            }
            diagW += w[i * n + i];
        }
        double[] grad = new double[d + 1];
        kern.gradientWrtHyperparameters(x, n, w, grad);

        try (DeviceGpTerms terms = gpu.openGpTerms(x, n, d, y, type).orElseThrow()) {
            MllTerms t = terms.evaluate(th, noise, null, 0.0, mean);
            assertTrue(t.positiveDefinite());
            assertEquals(mll, t.logMarginalLikelihood(), 1e-9 * Math.abs(mll));
            for (int c = 0; c <= d; c++) {
                assertEquals(0.5 * grad[c], t.kernelGradient()[c], 1e-7 * (1 + Math.abs(grad[c])), "θ" + c);
            }
            assertEquals(0.5 * noise * diagW, t.noiseGradient(), 1e-7 * (1 + Math.abs(diagW)));
            double sumAlpha = 0;
            for (int i = 0; i < n; i++) {
                assertEquals(alpha[i], t.alpha()[i], 1e-8 * (1 + Math.abs(alpha[i])));
                sumAlpha += alpha[i];
            }
            assertEquals(sumAlpha, t.meanGradient(), 1e-8 * (1 + Math.abs(sumAlpha)));
            double[] l = new double[n * n];
            terms.choleskyFactor(l);
            assertTrue(CudaBlockedAlgorithmsTest.maxRelDiff(l, k) <= 1e-10);

            // a finite-difference check of one lengthscale on the device alone
            double h = 1e-5;
            double[] up = th.clone();
            double[] dn = th.clone();
            up[2] += h;
            dn[2] -= h;
            double fd = (terms.evaluate(up, noise, null, 0, mean).logMarginalLikelihood()
                    - terms.evaluate(dn, noise, null, 0, mean).logMarginalLikelihood()) / (2 * h);
            assertEquals(fd, t.kernelGradient()[2], 1e-5 * (1 + Math.abs(fd)));

            // the packed layout of the GP's marginal likelihood gives the same numbers
            double[] packed = java.util.Arrays.copyOf(th, d + 3);
            packed[d + 1] = Math.log(noise);
            packed[d + 2] = mean;
            double[] pg = new double[d + 3];
            MllTerms viaPacked = terms.evaluatePacked(packed, null, 0.0, pg);
            assertEquals(t.logMarginalLikelihood(), viaPacked.logMarginalLikelihood(), 1e-12 * Math.abs(mll));
            assertEquals(t.noiseGradient(), pg[d + 1], 1e-9 * (1 + Math.abs(pg[d + 1])));
            assertEquals(t.meanGradient(), pg[d + 2], 1e-9 * (1 + Math.abs(pg[d + 2])));

            // duplicated inputs with zero noise: not PD, reported
            double[] dup = x.clone();
            System.arraycopy(dup, 0, dup, d, d);
            try (DeviceGpTerms bad = gpu.openGpTerms(dup, n, d, y, type).orElseThrow()) {
                MllTerms r = bad.evaluate(th, 0.0, null, 0.0, 0.0);
                assertFalse(r.positiveDefinite());
                assertTrue(r.failedColumn() >= 1);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void perPointNoiseAndJitterEnterTheDiagonalOnly() {
        int n = 130;
        int d = 3;
        double[] x = uniform(n * d, 8);
        double[] y = uniform(n, 9);
        double[] th = theta(d);
        double[] sem2 = uniform(n, 10);
        for (int i = 0; i < n; i++) {
            sem2[i] = 1e-3 + 1e-2 * sem2[i];
        }
        double jitter = 1e-6;
        double[] k = new double[n * n];
        Kernel.of(KernelType.RBF, d).withHyperparameters(th).symmetricMatrix(x, n, k);
        for (int i = 0; i < n; i++) {
            k[i * n + i] += sem2[i] + jitter;
        }
        assertTrue(CPU.choleskyInPlace(k, n));
        double[] alpha = y.clone();
        CPU.solveLower(k, n, alpha, 1);
        double quad = 0;
        for (double a : alpha) {
            quad += a * a;
        }
        double mll = -0.5 * quad - 0.5 * CPU.logDetFromCholesky(k, n) - 0.5 * n * Math.log(2 * Math.PI);
        try (DeviceGpTerms terms = gpu.openGpTerms(x, n, d, y, KernelType.RBF).orElseThrow()) {
            double[] grad = new double[d + 2];
            double[] packed = java.util.Arrays.copyOf(th, d + 2);   // no noise entry: fixed per-point noise
            MllTerms t = terms.evaluatePacked(packed, sem2, jitter, grad);
            assertTrue(t.positiveDefinite());
            assertEquals(mll, t.logMarginalLikelihood(), 1e-9 * Math.abs(mll));
            assertEquals(t.meanGradient(), grad[d + 1]);
        }
    }

    @org.junit.jupiter.api.Test
    void theGpFitThroughTheEvaluatorSpiReachesTheCpuOptimum() {
        int n = 300;
        int d = 4;
        double[] x = uniform(n * d, 21);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(5 * x[i * d]) + x[i * d + 1] * x[i * d + 2];
        }
        var viaGpu = dev.sextant.surrogate.gp.GaussianProcess.fit(x, n, d, y, null,
                dev.sextant.surrogate.gp.GpOptions.defaults().withBackend(gpu));
        var viaCpu = dev.sextant.surrogate.gp.GaussianProcess.fit(x, n, d, y, null,
                dev.sextant.surrogate.gp.GpOptions.defaults().withBackend(CPU));
        assertEquals(viaCpu.logMarginalLikelihood(), viaGpu.logMarginalLikelihood(),
                1e-3 * Math.abs(viaCpu.logMarginalLikelihood()));
    }

    @org.junit.jupiter.api.Test
    void valueOnlyEvaluationEqualsTheValueWithGradient() {
        int n = 200;
        int d = 2;
        double[] x = uniform(n * d, 31);
        double[] y = uniform(n, 32);
        try (DeviceGpTerms terms = gpu.openGpTerms(x, n, d, y, KernelType.MATERN32).orElseThrow()) {
            double[] p = {Math.log(0.3), Math.log(0.5), 0.2, Math.log(1e-2), 0.4};
            double withGrad = terms.evaluatePacked(p, null, 0.0, new double[p.length]).logMarginalLikelihood();
            double valueOnly = terms.evaluatePacked(p, null, 0.0, null).logMarginalLikelihood();
            assertEquals(withGrad, valueOnly, 1e-12 * Math.abs(withGrad));
        }
    }
}

package dev.sextant.surrogate.gp;

import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.linalg.LinearAlgebra;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarginalLikelihoodGradientTest {
    static final int N = 25;
    static final int D = 3;

    static void checkGradient(MarginalLikelihood ml, double[] p) {
        double[] g = new double[ml.numParameters()];
        ml.evaluate(p, g);
        double h = 1e-6;
        for (int i = 0; i < p.length; i++) {
            double[] pp = p.clone();
            double[] pm = p.clone();
            pp[i] += h;
            pm[i] -= h;
            double fd = (ml.evaluate(pp, null) - ml.evaluate(pm, null)) / (2 * h);
            assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), "parameter " + i);
        }
    }

    @Test
    void inferredNoiseAllKernels() {
        double[] x = GpTestData.uniform(N, D, 1);
        double[] y = GpTestData.smooth(x, N, D);
        for (KernelType t : KernelType.values()) {
            MarginalLikelihood ml = new MarginalLikelihood(x, N, D, y, null, Kernel.of(t, D), LinearAlgebra.cpu());
            checkGradient(ml, new double[] {Math.log(0.3), Math.log(0.6), Math.log(1.2), Math.log(0.8), Math.log(0.05), 0.2});
        }
    }

    @Test
    void fixedNoiseAndCompositeKernel() {
        double[] x = GpTestData.uniform(N, D, 2);
        double[] y = GpTestData.smooth(x, N, D);
        double[] noise = new double[N];
        for (int i = 0; i < N; i++) {
            noise[i] = 0.01 * (1 + i % 3);
        }
        Kernel k = Kernel.sum(Kernel.matern52(D), Kernel.product(Kernel.rbf(D), Kernel.matern32(D)));
        MarginalLikelihood ml = new MarginalLikelihood(x, N, D, y, noise, k, LinearAlgebra.cpu());
        double[] p = new double[ml.numParameters()];
        for (int i = 0; i < p.length - 1; i++) {
            p[i] = Math.log(0.4 + 0.1 * (i % 5));
        }
        p[p.length - 1] = -0.3;
        checkGradient(ml, p);
    }

    @Test
    void warpedKernelsInferredNoise() {
        double[] x = GpTestData.uniform(N, D, 4);
        double[] y = GpTestData.smooth(x, N, D);
        for (KernelType t : KernelType.values()) {
            MarginalLikelihood ml = new MarginalLikelihood(x, N, D, y, null, Kernel.warped(Kernel.of(t, D)),
                    LinearAlgebra.cpu());
            // lengthscales, outputscale, log a ×3, log b ×3, log noise, mean
            checkGradient(ml, new double[] {Math.log(0.3), Math.log(0.6), Math.log(1.2), Math.log(0.8),
                    Math.log(0.5), Math.log(1.7), 0.1, Math.log(2.5), -0.4, Math.log(0.8), Math.log(0.05), 0.2});
        }
    }

    @Test
    void warpedMapObjectiveGradientIncludesWarpPriors() {
        double[] x = GpTestData.uniform(N, D, 5);
        double[] y = GpTestData.smooth(x, N, D);
        MarginalLikelihood ml = new MarginalLikelihood(x, N, D, y, null, Kernel.warped(Kernel.matern52(D)),
                LinearAlgebra.cpu());
        Fitter.MapObjective obj = new Fitter.MapObjective(ml, Prior.defaults(), D, null);
        double[] p = {Math.log(0.2), Math.log(0.9), Math.log(2.0), Math.log(1.5), 0.3, -0.5, 0.8, -0.2, 0.6, -0.9,
            Math.log(0.002), 0.1};
        double[] g = new double[p.length];
        obj.valueAndGradient(p, g);
        double h = 1e-6;
        double[] tmp = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double[] pp = p.clone();
            double[] pm = p.clone();
            pp[i] += h;
            pm[i] -= h;
            double fd = (obj.valueAndGradient(pp, tmp) - obj.valueAndGradient(pm, tmp)) / (2 * h);
            assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), "parameter " + i);
        }
    }

    @Test
    void mapObjectiveGradientIncludesPriors() {
        double[] x = GpTestData.uniform(N, D, 3);
        double[] y = GpTestData.smooth(x, N, D);
        MarginalLikelihood ml = new MarginalLikelihood(x, N, D, y, null, Kernel.matern52(D), LinearAlgebra.cpu());
        Fitter.MapObjective obj = new Fitter.MapObjective(ml, Prior.defaults(), D, null);
        double[] p = {Math.log(0.2), Math.log(0.9), Math.log(2.0), Math.log(1.5), Math.log(0.002), 0.1};
        double[] g = new double[p.length];
        obj.valueAndGradient(p, g);
        double h = 1e-6;
        double[] tmp = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double[] pp = p.clone();
            double[] pm = p.clone();
            pp[i] += h;
            pm[i] -= h;
            double fd = (obj.valueAndGradient(pp, tmp) - obj.valueAndGradient(pm, tmp)) / (2 * h);
            assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), "parameter " + i);
        }
    }

    @Test
    void largeNFastPathsEqualThePlainPathToRounding() {
        // n = 230: row-array kernels, two threads, the kernel pair cache; against the kernel's plain contraction with
        // K⁻¹ from the flat reference Cholesky and triangular solves
        int n = 230;
        double[] x = GpTestData.uniform(n, D, 4);
        double[] y = GpTestData.smooth(x, n, D);
        double[] p = {Math.log(0.3), Math.log(0.5), Math.log(0.9), Math.log(1.1), Math.log(0.01), 0.1};
        for (KernelType t : KernelType.values()) {
            Kernel k = Kernel.of(t, D);
            MarginalLikelihood fast = new MarginalLikelihood(x, n, D, y, null, k, LinearAlgebra.cpu());
            double[] g = new double[fast.numParameters()];
            double v = fast.evaluate(p, g);
            // value-only evaluation followed by gradient() gives the same numbers
            double[] g2 = new double[g.length];
            assertEquals(v, fast.evaluate(p, null), 0.0);
            fast.gradient(p, g2);
            org.junit.jupiter.api.Assertions.assertArrayEquals(g, g2, 0.0);
            double[] ref = referenceGradient(x, n, y, t, p);
            for (int i = 0; i < g.length; i++) {
                assertEquals(ref[i], g[i], 1e-10 * Math.max(1, Math.abs(ref[i])), t + " parameter " + i);
            }
        }
    }

    /** The gradient by the textbook formulas: ½ Σ_ij (ααᵀ − K⁻¹)_ij ∂K_ij, K⁻¹ column by column. */
    private static double[] referenceGradient(double[] x, int n, double[] y, KernelType t, double[] p) {
        Kernel k = Kernel.of(t, D).withHyperparameters(java.util.Arrays.copyOf(p, D + 1));
        double noise = Math.exp(p[D + 1]);
        double[] kk = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] xi = java.util.Arrays.copyOfRange(x, i * D, i * D + D);
                double[] xj = java.util.Arrays.copyOfRange(x, j * D, j * D + D);
                double[] o = new double[1];
                k.matrix(xi, 1, xj, 1, D, o);
                kk[i * n + j] = o[0] + (i == j ? noise : 0);
            }
        }
        double[] l = kk.clone();
        dev.sextant.surrogate.linalg.LinearAlgebraTestAccess.referenceCholesky(l, n);
        // profileMean is off here: the mean constant is p's last entry
        double c = p[p.length - 1];
        double[] alpha = new double[n];
        for (int i = 0; i < n; i++) {
            alpha[i] = y[i] - c;
        }
        LinearAlgebra.cpu().solveLower(l, n, alpha, 1);
        LinearAlgebra.cpu().solveLowerTransposed(l, n, alpha, 1);
        double[] inv = new double[n * n];
        for (int i = 0; i < n; i++) {
            inv[i * n + i] = 1;
        }
        LinearAlgebra.cpu().solveLower(l, n, inv, n);
        LinearAlgebra.cpu().solveLowerTransposed(l, n, inv, n);
        double[] w = new double[n * n];
        double diagW = 0;
        double sumAlpha = 0;
        for (int i = 0; i < n; i++) {
            sumAlpha += alpha[i];
            for (int j = 0; j < n; j++) {
                w[i * n + j] = alpha[i] * alpha[j] - inv[i * n + j];
            }
            diagW += w[i * n + i];
        }
        double[] g = new double[D + 3];
        k.gradientWrtHyperparameters(x, n, w, g);
        for (int m = 0; m <= D; m++) {
            g[m] *= 0.5;
        }
        g[D + 1] = 0.5 * noise * diagW;
        g[D + 2] = sumAlpha;
        return g;
    }
}

package dev.sextant.surrogate.kernel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelGradientTest {
    static final int D = 3;

    static Stream<Kernel> kernels() {
        double[] ls = {0.3, 0.7, 1.4};
        Kernel m52 = Kernel.of(KernelType.MATERN52, ls, 1.7);
        Kernel m32 = Kernel.of(KernelType.MATERN32, ls, 0.6);
        Kernel rbf = Kernel.of(KernelType.RBF, new double[] {0.5, 0.2, 2.0}, 1.1);
        // warped: a and b away from 1 in both directions, so that every warping derivative matters
        double[] warp = {Math.log(0.6), Math.log(1.8), Math.log(0.9), Math.log(1.4), Math.log(0.5), Math.log(2.2)};
        Kernel wm52 = warpedWith(m52, warp);
        Kernel wrbf = warpedWith(rbf, warp);
        return Stream.of(m52, m32, rbf, Kernel.sum(m52, rbf), Kernel.product(m32, rbf), wm52, wrbf);
    }

    /** k warped by Kumaraswamy CDFs with the given log a (first D) and log b (last D). */
    static Kernel warpedWith(Kernel k, double[] logAB) {
        Kernel w = Kernel.warped(k);
        double[] t = w.hyperparameters();
        System.arraycopy(logAB, 0, t, k.numHyperparameters(), 2 * D);
        return w.withHyperparameters(t);
    }

    /** Points include an exact duplicate (r = 0) and a near-duplicate (r ≈ 1e-7). */
    static double[] points(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble();
        }
        System.arraycopy(x, 0, x, D, D);           // row 1 = row 0
        for (int m = 0; m < D; m++) {
            x[2 * D + m] = x[m] + 1e-7 * (m + 1);  // row 2 ≈ row 0
        }
        return x;
    }

    static double[] symmetricWeights(int n, long seed) {
        Random r = new Random(seed);
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                w[i * n + j] = w[j * n + i] = r.nextGaussian();
            }
        }
        return w;
    }

    static double contract(Kernel k, double[] x, int n, double[] w) {
        double[] km = new double[n * n];
        k.symmetricMatrix(x, n, km);
        double s = 0;
        for (int i = 0; i < n * n; i++) {
            s += w[i] * km[i];
        }
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void symmetricMatrixEqualsMatrixAndDiagonal(Kernel k) {
        int n = 7;
        double[] x = points(n, 1);
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        k.symmetricMatrix(x, n, a);
        k.matrix(x, n, x, n, D, b);
        double[] diag = new double[n];
        k.diagonal(x, n, diag);
        for (int i = 0; i < n; i++) {
            assertEquals(diag[i], a[i * n + i], 1e-14);
            for (int j = 0; j < n; j++) {
                assertEquals(b[i * n + j], a[i * n + j], 1e-14);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void hyperparameterGradientMatchesFiniteDifferences(Kernel k) {
        int n = 8;
        double[] x = points(n, 2);
        double[] w = symmetricWeights(n, 3);
        double[] grad = new double[k.numHyperparameters()];
        k.gradientWrtHyperparameters(x, n, w, grad);
        double[] th = k.hyperparameters();
        double h = 1e-6;
        for (int m = 0; m < th.length; m++) {
            double[] tp = th.clone();
            double[] tm = th.clone();
            tp[m] += h;
            tm[m] -= h;
            double fd = (contract(k.withHyperparameters(tp), x, n, w) - contract(k.withHyperparameters(tm), x, n, w)) / (2 * h);
            assertEquals(fd, grad[m], 1e-6 * Math.max(1, Math.abs(fd)), k + " hyperparameter " + k.hyperparameterNames().get(m));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void inputGradientMatchesFiniteDifferencesIncludingCoincidentPoints(Kernel k) {
        int n1 = 4;
        int n2 = 5;
        double[] x2 = points(n2, 4);
        double[] x1 = new double[n1 * D];
        System.arraycopy(x2, 0, x1, 0, D);                 // x1_0 = x2_0: r = 0
        for (int m = 0; m < D; m++) {
            x1[D + m] = x2[m] + 3e-6;                      // r small, not 0
        }
        Random r = new Random(5);
        for (int i = 2 * D; i < n1 * D; i++) {
            x1[i] = r.nextDouble();
        }
        double[] w = new double[n1 * n2];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextGaussian();
        }
        double[] g = new double[n1 * D];
        k.gradientWrtX1(x1, n1, x2, n2, w, g);
        double h = 1e-7;
        for (int i = 0; i < n1 * D; i++) {
            double[] xp = x1.clone();
            double[] xm = x1.clone();
            xp[i] += h;
            xm[i] -= h;
            double fd = (weighted(k, xp, n1, x2, n2, w) - weighted(k, xm, n1, x2, n2, w)) / (2 * h);
            // Matérn-3/2 has a kink in its derivative at r = 0: central differences are exact to O(h) there
            double tol = 2e-5 * Math.max(1, Math.abs(fd));
            assertEquals(fd, g[i], tol, k + " dk/dx1[" + i / D + "," + i % D + "]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void gradientAtCoincidentPointsIsZeroAndFinite(Kernel k) {
        double[] x = {0.2, 0.4, 0.9};
        double[] g = new double[D];
        k.gradientWrtX1(x, 1, x, 1, new double[] {1.0}, g);
        for (double v : g) {
            assertTrue(Double.isFinite(v));
            assertEquals(0.0, v, 0.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void pairValueAndGradientMatchMatrixFormAndFiniteDifferences(Kernel k) {
        double[] b = points(3, 6);
        // a_0 on top of b_0 (r = 0), a_1 at r ≈ 3e-6 from b_0, a_2 anywhere
        double[] a = new double[3 * D];
        System.arraycopy(b, 0, a, 0, D);
        Random r = new Random(8);
        for (int m = 0; m < D; m++) {
            a[D + m] = b[m] + 3e-6;
            a[2 * D + m] = r.nextDouble();
        }
        double[] km = new double[9];
        k.matrix(a, 3, b, 3, D, km);
        double h = 1e-7;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(km[i * 3 + j], k.value(a, i * D, b, j * D), 1e-14, k + " k(a_" + i + ", b_" + j + ")");
                double w = 0.5 + i - j;
                double[] g = new double[D + 2];
                k.addGradientWrtFirst(a, i * D, b, j * D, w, g, 1);
                assertEquals(0.0, g[0], 0.0);
                assertEquals(0.0, g[D + 1], 0.0);
                for (int m = 0; m < D; m++) {
                    double[] ap = a.clone();
                    double[] am = a.clone();
                    ap[i * D + m] += h;
                    am[i * D + m] -= h;
                    double fd = w * (k.value(ap, i * D, b, j * D) - k.value(am, i * D, b, j * D)) / (2 * h);
                    assertTrue(Double.isFinite(g[1 + m]));
                    assertEquals(fd, g[1 + m], 2e-5 * Math.max(1, Math.abs(fd)),
                            k + " w·dk(a_" + i + ", b_" + j + ")/da[" + m + "]");
                }
            }
        }
    }

    static double weighted(Kernel k, double[] x1, int n1, double[] x2, int n2, double[] w) {
        double[] km = new double[n1 * n2];
        k.matrix(x1, n1, x2, n2, D, km);
        double s = 0;
        for (int i = 0; i < km.length; i++) {
            s += w[i] * km[i];
        }
        return s;
    }
}

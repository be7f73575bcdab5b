package dev.sextant.surrogate.linalg.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host-side scheduling of the GPU blocked algorithms (recursion, split points, sub-matrix offsets), run with
 * host tile operations that mirror the kernels; no GPU needed.
 */
class CudaBlockedAlgorithmsTest {

    static double[] randomSpd(int n, long seed) {
        return lowRankPlusDiagonal(n, n, 0.5, seed);
    }

    /** G·Gᵀ/r + diag·I for a Gaussian n×r matrix G (seeded): SPD with a controlled condition number. */
    static double[] lowRankPlusDiagonal(int n, int r, double diag, long seed) {
        Random rnd = new Random(seed);
        double[] g = new double[n * r];
        for (int i = 0; i < g.length; i++) {
            g[i] = rnd.nextGaussian();
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int q = 0; q < r; q++) {
                    s += g[i * r + q] * g[j * r + q];
                }
                a[i * n + j] = s / r;
                a[j * n + i] = s / r;
            }
            a[i * n + i] += diag;
        }
        return a;
    }

    /** Plain unblocked lower Cholesky (reference). */
    static double[] reference(double[] a, int n) {
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int c = 0; c < j; c++) {
                d -= l[j * n + c] * l[j * n + c];
            }
            l[j * n + j] = Math.sqrt(d);
            for (int i = j + 1; i < n; i++) {
                double v = a[i * n + j];
                for (int c = 0; c < j; c++) {
                    v -= l[i * n + c] * l[j * n + c];
                }
                l[i * n + j] = v / l[j * n + j];
            }
        }
        return l;
    }

    static double maxRelDiff(double[] x, double[] y) {
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < x.length; i++) {
            scale = Math.max(scale, Math.abs(y[i]));
            diff = Math.max(diff, Math.abs(x[i] - y[i]));
        }
        return diff / scale;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 63, 64, 65, 100, 127, 128, 129, 191, 200, 257})
    void blockedCholeskyMatchesUnblockedAtSizesOnAndOffTheTileGrid(int n) {
        double[] a = randomSpd(n, 1000 + n);
        double[] l = a.clone();
        HostBlockOps ops = new HostBlockOps();
        BlockedAlgorithms.cholesky(ops, new HostBlockOps.Region(l, 0, n), n, 0);
        assertEquals(0, ops.info);
        for (int i = 0; i < n; i++) {           // the upper triangle outside leaf tiles is left as input
            for (int j = i + 1; j < n; j++) {
                l[i * n + j] = 0;
            }
        }
        assertTrue(maxRelDiff(l, reference(a, n)) < 1e-12, "n=" + n);
        assertTrue(ops.maxTileWidth <= BlockedAlgorithms.NB);
        if (n > BlockedAlgorithms.NB) {
            assertTrue(ops.gemmCalls > 0 && ops.trsmCalls > 0);
        }
    }

    @Test
    void choleskyOfASubRegionLeavesTheRestOfTheArrayAlone() {
        int n = 150;
        int ld = 170;
        double[] a = randomSpd(n, 7);
        double[] big = new double[5 + ld * (n + 3)];
        java.util.Arrays.fill(big, 42.0);
        int off = 5 + ld * 2 + 9;
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n, big, off + i * ld, n);
        }
        HostBlockOps ops = new HostBlockOps();
        BlockedAlgorithms.cholesky(ops, new HostBlockOps.Region(big, off, ld), n, 0);
        double[] ref = reference(a, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                assertEquals(ref[i * n + j], big[off + i * ld + j], 1e-12 * Math.max(1, Math.abs(ref[i * n + j])));
            }
        }
        assertEquals(42.0, big[0]);
        assertEquals(42.0, big[off - 1]);
        assertEquals(42.0, big[off + (n - 1) * ld + n]);   // right of the last row
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 65, 130})
    void nonPositiveDefiniteReportsTheFirstFailingColumn(int n) {
        double[] a = randomSpd(n, 11);
        int bad = n - 3;                       // make the leading (bad+1)×(bad+1) block indefinite at column bad
        double[] l = reference(a, n);
        double s = 0;
        for (int c = 0; c < bad; c++) {
            s += l[bad * n + c] * l[bad * n + c];
        }
        a[bad * n + bad] = s - 1e-3;           // pivot bad becomes negative, earlier pivots unchanged
        HostBlockOps ops = new HostBlockOps();
        BlockedAlgorithms.cholesky(ops, new HostBlockOps.Region(a, 0, n), n, 0);
        assertEquals(bad + 1, ops.info);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 40, 64, 65, 129, 200})
    void rightTriangularSolvesInvertTheirProducts(int k) {
        int m = 37;
        double[] l = reference(randomSpd(k, 3 + k), k);
        Random rnd = new Random(k);
        double[] x = new double[m * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        for (boolean transposed : new boolean[] {true, false}) {
            double[] b = new double[m * k];        // B = X·Lᵀ or X·L
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < k; j++) {
                    double s = 0;
                    for (int c = 0; c < k; c++) {
                        s += x[r * k + c] * (transposed ? l[j * k + c] : l[c * k + j]);
                    }
                    b[r * k + j] = s;
                }
            }
            double[] lWithJunkAbove = l.clone();   // the solve must not read the upper triangle
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++) {
                    lWithJunkAbove[i * k + j] = Double.NaN;
                }
            }
            HostBlockOps ops = new HostBlockOps();
            BlockedAlgorithms.trsmRight(ops, new HostBlockOps.Region(b, 0, k), m, k,
                    new HostBlockOps.Region(lWithJunkAbove, 0, k), transposed);
            assertArrayEquals(x, b, 1e-9, "k=" + k + " transposed=" + transposed);
        }
    }

    @Test
    void splitPointsAreTileMultiplesStrictlyInside() {
        for (int n = BlockedAlgorithms.NB + 1; n < 5000; n++) {
            int n1 = BlockedAlgorithms.split(n);
            assertEquals(0, n1 % BlockedAlgorithms.NB, "n=" + n);
            assertTrue(n1 >= BlockedAlgorithms.NB && n1 < n, "n=" + n);
            assertTrue(n1 <= (n + 1) / 2 || n1 == BlockedAlgorithms.NB, "n=" + n);
        }
        assertThrows(IllegalArgumentException.class, () -> BlockedAlgorithms.split(BlockedAlgorithms.NB));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 64, 65, 129, 200, 260})
    void inverseFromCholeskySkipsOnlyRowsThatStayZero(int n) {
        double[] a = randomSpd(n, 77 + n);
        double[] l = reference(a, n);
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) {
            x[i * n + i] = 1;
        }
        HostBlockOps ops = new HostBlockOps();
        BlockedAlgorithms.inverseFromCholesky(ops, new HostBlockOps.Region(l, 0, n), n, new HostBlockOps.Region(x, 0, n));
        // A·X = I
        double err = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int q = 0; q < n; q++) {
                    s += a[i * n + q] * x[q * n + j];
                }
                err = Math.max(err, Math.abs(s - (i == j ? 1 : 0)));
            }
        }
        assertTrue(err < 1e-9, "n=" + n + " |A·X − I| = " + err);
        // the first stage alone gives L⁻ᵀ, upper triangular
        double[] y = new double[n * n];
        for (int i = 0; i < n; i++) {
            y[i * n + i] = 1;
        }
        BlockedAlgorithms.trsmRightTransposedUpperRhs(ops, new HostBlockOps.Region(y, 0, n), n, n,
                new HostBlockOps.Region(l, 0, n), 0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(0.0, y[i * n + j], "L⁻ᵀ must be upper triangular");
            }
            double s = 0;                       // (Lᵀ·Y)_ii = Σ_q L_qi·Y_qi = 1
            for (int q = 0; q < n; q++) {
                s += l[q * n + i] * y[q * n + i];
            }
            assertEquals(1.0, s, 1e-9);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 64, 65, 200})
    void twoRightSolvesOnARowGiveAlphaAsDeviceGpTermsComputesIt(int n) {
        double[] a = randomSpd(n, 5 + n);
        double[] l = a.clone();
        HostBlockOps ops = new HostBlockOps();
        BlockedAlgorithms.cholesky(ops, new HostBlockOps.Region(l, 0, n), n, 0);
        Random rnd = new Random(n);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextGaussian();
        }
        double[] alpha = y.clone();                 // a 1×n row: αᵀ = yᵀ·L⁻ᵀ·L⁻¹
        BlockedAlgorithms.trsmRight(ops, new HostBlockOps.Region(alpha, 0, n), 1, n, new HostBlockOps.Region(l, 0, n), true);
        BlockedAlgorithms.trsmRight(ops, new HostBlockOps.Region(alpha, 0, n), 1, n, new HostBlockOps.Region(l, 0, n), false);
        for (int i = 0; i < n; i++) {               // K·α = y
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += a[i * n + j] * alpha[j];
            }
            assertEquals(y[i], s, 1e-9, "row " + i);
        }
    }
}

package dev.sextant.surrogate.linalg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearAlgebraTest {
    final LinearAlgebra la = LinearAlgebra.cpu();

    static double[] spd(int n, long seed) {
        Random r = new Random(seed);
        double[] b = new double[n * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextGaussian();
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? n : 0;
                for (int k = 0; k < n; k++) {
                    s += b[i * n + k] * b[j * n + k];
                }
                a[i * n + j] = s;
            }
        }
        return a;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 63, 67, 130, 301, 1100})
    void choleskyReproducesMatrix(int n) {
        double[] a = spd(n, n);
        double[] l = a.clone();
        assertTrue(la.choleskyInPlace(l, n));
        double scale = 0;
        for (double v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < n; i += Math.max(1, n / 37)) {
            for (int j = 0; j < n; j++) {
                if (j > i) {
                    assertEquals(0.0, l[i * n + j], 0.0, "upper triangle zeroed");
                }
                double s = 0;
                for (int k = 0; k <= Math.min(i, j); k++) {
                    s += l[i * n + k] * l[j * n + k];
                }
                assertEquals(a[i * n + j], s, 1e-12 * scale);
            }
        }
    }

    @Test
    void notPositiveDefiniteIsReportedNotThrown() {
        double[] a = {1, 2, 2, 1};
        assertFalse(la.choleskyInPlace(a, 2));
        double[] nan = {Double.NaN, 0, 0, 1};
        assertFalse(la.choleskyInPlace(nan, 2));
    }

    @Test
    void jitterLadderRescuesSingularAndThenThrowsTypedError() {
        double[] singular = {1, 1, 1, 1};
        double jitter = Jitter.cholesky(la, singular, 2, new double[4], "test");
        assertTrue(jitter > 0 && jitter <= 1e-3);
        double[] indefinite = {1, 3, 3, 1};
        NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class,
                () -> Jitter.cholesky(la, indefinite, 2, new double[4], "test matrix"));
        assertTrue(e.getMessage().contains("test matrix"));
    }

    @Test
    void scaledLadderFactorsRoundingNoiseAroundATinyDiagonalAndLeavesTheRestAlone() {
        // a conditional covariance of two points that the conditioning left with (floored) variance 1e-12 of a prior
        // variance 1: the off-diagonal rounding error (3e-12) is far above the relative rungs (≤ 1e-3 · 1e-12)
        double[] tiny = {1e-12, 3e-12, 3e-12, 1e-12};
        assertThrows(NotPositiveDefiniteException.class, () -> Jitter.cholesky(la, tiny.clone(), 2, new double[4], "t"));
        double[] a = tiny.clone();
        double jitter = Jitter.cholesky(la, a, 2, new double[4], "t", 1.0);
        assertTrue(jitter > 1e-15 && jitter <= 1e-6, "jitter " + jitter);
        assertEquals(Math.sqrt(1e-12 + jitter), a[0], 1e-12);
        // what the relative ladder factors, it factors exactly as without a scale
        double[] singular = {1, 1, 1, 1};
        double[] withScale = singular.clone();
        double[] without = singular.clone();
        assertEquals(Jitter.cholesky(la, without, 2, new double[4], "t"),
                Jitter.cholesky(la, withScale, 2, new double[4], "t", 1e6));
        assertArrayEquals(without, withScale);
        // and a matrix no jitter up to 1e-6 · scale can help still throws
        double[] indefinite = {1, 3, 3, 1};
        assertThrows(NotPositiveDefiniteException.class, () -> Jitter.cholesky(la, indefinite, 2, new double[4], "t", 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 257})
    void solvesAndInverse(int n) {
        int m = 3;
        double[] a = spd(n, 3);
        double[] l = a.clone();
        assertTrue(la.choleskyInPlace(l, n));
        Random r = new Random(4);
        double[] b = new double[n * m];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextGaussian();
        }
        double[] x = b.clone();
        la.solveLower(l, n, x, m);
        la.solveLowerTransposed(l, n, x, m);
        double[] ax = new double[n * m];
        la.multiply(a, x, ax, n, n, m);
        for (int i = 0; i < b.length; i++) {
            assertEquals(b[i], ax[i], 1e-10);
        }
        double[] inv = new double[n * n];
        la.inverseFromCholesky(l, n, inv, new double[n * n]);
        double[] id = new double[n * n];
        la.multiply(a, inv, id, n, n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(i == j ? 1 : 0, id[i * n + j], 1e-9);
                assertEquals(inv[i * n + j], inv[j * n + i], 0.0);
            }
        }
        double logdet = la.logDetFromCholesky(l, n);
        double expected = 0;
        double[] lu = l.clone();
        for (int i = 0; i < n; i++) {
            expected += 2 * Math.log(lu[i * n + i]);
        }
        assertEquals(expected, logdet, 1e-12);
    }

    @Test
    void batchedCholeskyMatchesSingle() {
        int n = 4;
        double[] a1 = spd(n, 5);
        double[] a2 = {1, 2, 0, 0, 2, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        double[] batch = new double[2 * n * n];
        System.arraycopy(a1, 0, batch, 0, n * n);
        System.arraycopy(a2, 0, batch, n * n, n * n);
        boolean[] ok = new boolean[2];
        la.batchedCholesky(batch, 2, n, ok);
        assertTrue(ok[0]);
        assertFalse(ok[1]);
        double[] l1 = a1.clone();
        la.choleskyInPlace(l1, n);
        for (int i = 0; i < n * n; i++) {
            assertEquals(l1[i], batch[i], 1e-14);
        }
    }

    @Test
    void selectHonoursDeviceAndFallsBackToCpu() {
        String old = System.getProperty("sextant.device");
        try {
            System.setProperty("sextant.device", "cpu");
            assertEquals(la.name(), LinearAlgebra.select(10).name());
            System.setProperty("sextant.device", "auto");
            assertTrue(LinearAlgebra.select(10).name().startsWith("cpu"));
            System.setProperty("sextant.device", "cuda");
            assertTrue(LinearAlgebra.select(5000) != null);
            System.setProperty("sextant.device", "tpu");
            assertThrows(IllegalArgumentException.class, () -> LinearAlgebra.select(10));
        } finally {
            if (old == null) {
                System.clearProperty("sextant.device");
            } else {
                System.setProperty("sextant.device", old);
            }
        }
    }
}

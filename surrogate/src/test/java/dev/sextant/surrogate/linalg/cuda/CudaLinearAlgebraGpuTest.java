package dev.sextant.surrogate.linalg.cuda;

import static dev.sextant.surrogate.linalg.cuda.CudaBlockedAlgorithmsTest.maxRelDiff;
import static dev.sextant.surrogate.linalg.cuda.CudaBlockedAlgorithmsTest.randomSpd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import dev.sextant.surrogate.linalg.LinearAlgebra;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GPU results against the CPU backend. Skipped where no CUDA device initialises. */
class CudaLinearAlgebraGpuTest {
    private static CudaLinearAlgebra gpu;
    private static final LinearAlgebra CPU = LinearAlgebra.cpu();

    @BeforeEach
    void device() {
        gpu = GpuAssumptions.requireGpu();
    }

    /** SPD with a spread spectrum (Gram of random vectors + shift), from a fast O(n²·r) construction. */
    static double[] spd(int n, long seed) {
        return n <= 300 ? randomSpd(n, seed) : CudaBlockedAlgorithmsTest.lowRankPlusDiagonal(n, 64, 0.1, seed);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 17, 63, 64, 65, 100, 127, 128, 129, 255, 257, 500, 1000, 1025, 2000})
    void choleskyEqualsCpu(int n) {
        double[] a = spd(n, 31L * n);
        double[] g = a.clone();
        double[] c = a.clone();
        assertTrue(gpu.choleskyInPlace(g, n));
        assertTrue(CPU.choleskyInPlace(c, n));
        assertTrue(maxRelDiff(g, c) <= 1e-10, "n=" + n + " rel err " + maxRelDiff(g, c));
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                assertEquals(0.0, g[i * n + j], "upper triangle must be zero");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 64, 70, 200})
    void nonPositiveDefiniteIsReportedNotThrown(int n) {
        double[] a = spd(n, 5);
        a[(n - 2) * n + (n - 2)] = -1.0;          // a negative diagonal entry: not PD
        assertFalse(gpu.choleskyInPlace(a.clone(), n));
        double[] nan = spd(n, 6);
        nan[0] = Double.NaN;
        assertFalse(gpu.choleskyInPlace(nan, n));
        assertTrue(gpu.choleskyInPlace(spd(n, 7), n), "the backend still works afterwards");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 33, 64, 77, 78, 100})
    void batchedEqualsOneByOneAndFlagsNonPdMatrices(int n) {
        int batch = 40;
        int nn = n * n;
        double[] a = new double[batch * nn];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(spd(n, 100 + b), 0, a, b * nn, nn);
        }
        for (int b = 3; b < batch; b += 7) {
            a[b * nn + (n - 1) * n + (n - 1)] = -0.5;   // the last pivot fails
        }
        double[] batched = a.clone();
        boolean[] ok = new boolean[batch];
        gpu.batchedCholesky(batched, batch, n, ok);
        for (int b = 0; b < batch; b++) {
            double[] one = java.util.Arrays.copyOfRange(a, b * nn, (b + 1) * nn);
            boolean expect = CPU.choleskyInPlace(one, n);
            assertEquals(expect, ok[b], "matrix " + b);
            assertEquals(b % 7 != 3, ok[b], "matrix " + b);
            if (expect) {
                double[] got = java.util.Arrays.copyOfRange(batched, b * nn, (b + 1) * nn);
                assertTrue(maxRelDiff(got, one) <= 1e-10, "matrix " + b);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 64, 65, 300, 1000})
    void triangularSolvesAndInverseEqualCpu(int n) {
        double[] l = spd(n, 9);
        assertTrue(CPU.choleskyInPlace(l, n));
        Random rnd = new Random(n);
        for (int m : new int[] {1, 3, 70}) {
            double[] b = new double[n * m];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextGaussian();
            }
            double[] g1 = b.clone();
            double[] c1 = b.clone();
            gpu.solveLower(l, n, g1, m);
            CPU.solveLower(l, n, c1, m);
            assertTrue(maxRelDiff(g1, c1) <= 1e-10, "solveLower n=" + n + " m=" + m);
            double[] g2 = b.clone();
            double[] c2 = b.clone();
            gpu.solveLowerTransposed(l, n, g2, m);
            CPU.solveLowerTransposed(l, n, c2, m);
            assertTrue(maxRelDiff(g2, c2) <= 1e-10, "solveLowerTransposed n=" + n + " m=" + m);
        }
        double[] gi = new double[n * n];
        double[] ci = new double[n * n];
        gpu.inverseFromCholesky(l, n, gi, new double[n * n]);
        CPU.inverseFromCholesky(l, n, ci, new double[n * n]);
        assertTrue(maxRelDiff(gi, ci) <= 1e-9, "inverse n=" + n + " rel err " + maxRelDiff(gi, ci));
    }

    @Test
    void multiplyEqualsCpuForOddShapes() {
        Random rnd = new Random(4);
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {64, 64, 64}, {65, 17, 129}, {200, 1, 300}, {513, 250, 130}};
        for (int[] s : shapes) {
            double[] a = new double[s[0] * s[1]];
            double[] b = new double[s[1] * s[2]];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextGaussian();
            }
            double[] g = new double[s[0] * s[2]];
            java.util.Arrays.fill(g, Double.NaN);     // beta = 0 must not read c
            double[] c = new double[s[0] * s[2]];
            gpu.multiply(a, b, g, s[0], s[1], s[2]);
            CPU.multiply(a, b, c, s[0], s[1], s[2]);
            assertArrayEquals(c, g, 1e-12 * s[1] * 10, java.util.Arrays.toString(s));
        }
    }
}

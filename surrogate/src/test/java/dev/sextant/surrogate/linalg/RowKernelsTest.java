package dev.sextant.surrogate.linalg;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The row-array kernels of the CPU backend against the flat single-threaded reference loops. */
class RowKernelsTest {
    final LinearAlgebra la = LinearAlgebra.cpu();

    @ParameterizedTest
    @ValueSource(ints = {63, 64, 65, 67, 130, 191, 192, 193, 257, 301, 515})
    void choleskyAndInverseEqualTheReferenceToRounding(int n) {
        double[] a = LinearAlgebraTest.spd(n, 17 + n);
        double scale = 0;
        for (double v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        double[] ref = a.clone();
        assertTrue(ReferenceKernels.choleskyUpperPanels(ref, n));
        double[] l = a.clone();
        assertTrue(la.choleskyInPlace(l, n));
        double lmax = 0;
        for (double v : ref) {
            lmax = Math.max(lmax, Math.abs(v));
        }
        for (int i = 0; i < n * n; i++) {
            assertEquals(ref[i], l[i], 1e-10 * lmax, "L[" + i / n + "," + i % n + "]");
        }
        double[] invRef = new double[n * n];
        double[] w = new double[n * n];
        CpuLinearAlgebra.invertLower(ref, n, w);
        CpuLinearAlgebra.lowerTransposeTimesLower(w, n, invRef);
        double[] inv = new double[n * n];
        la.inverseFromCholesky(l, n, inv, new double[n * n]);
        double imax = 0;
        for (double v : invRef) {
            imax = Math.max(imax, Math.abs(v));
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(invRef[i * n + j], inv[i * n + j], 1e-10 * imax, "inverse[" + i + "," + j + "]");
                assertEquals(inv[i * n + j], inv[j * n + i], 0.0, "symmetric");
            }
        }
        assertTrue(scale > 0);
        double[] lower = new double[n * n];
        la.inverseLowerFromCholesky(l, n, lower, new double[n * n]);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                assertEquals(inv[i * n + j], lower[i * n + j], 0.0, "lower inverse[" + i + "," + j + "]");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {66, 200, 301})
    void notPositiveDefiniteIsReported(int n) {
        double[] a = LinearAlgebraTest.spd(n, 5);
        a[(n - 3) * n + (n - 3)] = -1;   // a negative diagonal entry late in the matrix
        assertTrue(!la.choleskyInPlace(a, n));
        double[] b = LinearAlgebraTest.spd(n, 6);
        b[n + 1] = Double.NaN;
        assertTrue(!la.choleskyInPlace(b, n));
    }
}

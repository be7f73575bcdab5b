package dev.sextant.surrogate.linalg;

/**
 * The flat row-major Cholesky the CPU backend used before {@link RowKernels} (kept single-threaded here as the
 * reference the new kernels are tested against; the flat inverse loops still live in {@link CpuLinearAlgebra}).
 */
final class ReferenceKernels {
    private ReferenceKernels() {
    }

    /**
     * Right-looking Cholesky computing U = Lᵀ in the upper triangle (row-major, so every inner loop is a
     * contiguous axpy), in panels of 4 rows with a rank-4 trailing update; then transposed into L. Reads the upper
     * triangle of the symmetric a.
     */
    static boolean choleskyUpperPanels(double[] a, int n) {
        for (int kb = 0; kb < n; kb += 4) {
            int b = Math.min(4, n - kb);
            for (int j = kb; j < kb + b; j++) {
                int rj = j * n;
                for (int p = kb; p < j; p++) {
                    int rp = p * n;
                    double c = a[rp + j];
                    for (int col = j; col < n; col++) {
                        a[rj + col] -= c * a[rp + col];
                    }
                }
                double piv = a[rj + j];
                if (!(piv > 0) || !Double.isFinite(piv)) {
                    return false;
                }
                piv = Math.sqrt(piv);
                a[rj + j] = piv;
                double inv = 1.0 / piv;
                for (int col = j + 1; col < n; col++) {
                    a[rj + col] *= inv;
                }
            }
            int start = kb + b;
            if (b == 4) {
                trailingRank4(a, n, kb, start, n);
            } else {
                for (int p = kb; p < kb + b; p++) {
                    int rp = p * n;
                    for (int i = start; i < n; i++) {
                        double c = a[rp + i];
                        int ri = i * n;
                        for (int col = i; col < n; col++) {
                            a[ri + col] -= c * a[rp + col];
                        }
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                a[i * n + j] = a[j * n + i];
                a[j * n + i] = 0;
            }
        }
        return true;
    }

    /** Rows [i0, i1) of the trailing update A[i, i:] −= Σ_p U[kb+p, i]·U[kb+p, i:], p = 0..3. */
    static void trailingRank4(double[] a, int n, int kb, int i0, int i1) {
        int r0 = kb * n;
        int r1 = r0 + n;
        int r2 = r1 + n;
        int r3 = r2 + n;
        for (int i = i0; i < i1; i++) {
            double c0 = a[r0 + i];
            double c1 = a[r1 + i];
            double c2 = a[r2 + i];
            double c3 = a[r3 + i];
            int ri = i * n;
            for (int col = i; col < n; col++) {
                a[ri + col] -= c0 * a[r0 + col] + c1 * a[r1 + col] + c2 * a[r2 + col] + c3 * a[r3 + col];
            }
        }
    }
}

package dev.sextant.surrogate.linalg;

/**
 * The flat row-major loops the CPU backend used before {@link RowKernels} (kept single-threaded here as the reference
 * the new kernels are tested against).
 */
final class ReferenceKernels {
    private ReferenceKernels() {
    }

    private static boolean parallel(int n) {
        return false;
    }

    private static void runPair(Runnable a, Runnable b) {
        a.run();
        b.run();
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
                final int k0 = kb;
                if (parallel(n) && n - start >= 64) {
                    // row i of the trailing update costs ∝ n − i: split into halves of equal work
                    int mid = n - (int) ((n - start) / Math.sqrt(2));
                    runPair(() -> trailingRank4(a, n, k0, start, mid), () -> trailingRank4(a, n, k0, mid, n));
                } else {
                    trailingRank4(a, n, k0, start, n);
                }
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

    /** w ← L⁻¹ (lower, zeros above the diagonal). */
    static void invertLower(double[] l, int n, double[] w) {
        java.util.Arrays.fill(w, 0, n * n, 0.0);
        if (parallel(n)) {
            // column j costs ∝ (n − j)³: split where both halves cost the same
            int c1 = (int) Math.round(n * (1 - Math.cbrt(0.5)));
            runPair(() -> invertLowerColumns(l, n, w, 0, c1), () -> invertLowerColumns(l, n, w, c1, n));
        } else {
            invertLowerColumns(l, n, w, 0, n);
        }
    }

    /**
     * Columns [j0, j1) of L⁻¹ (they depend only on the same columns of earlier rows), row by row:
     * x_i = (e_i − Σ_{k<i} L_ik x_k) / L_ii, four rows k per pass.
     */
    static void invertLowerColumns(double[] l, int n, double[] w, int j0, int j1) {
        for (int i = j0; i < n; i++) {
            int ri = i * n;
            int k = j0;
            for (; k + 3 < i; k += 4) {
                double a0 = l[ri + k];
                double a1 = l[ri + k + 1];
                double a2 = l[ri + k + 2];
                double a3 = l[ri + k + 3];
                int r0 = k * n;
                int r1 = r0 + n;
                int r2 = r1 + n;
                int r3 = r2 + n;
                int jmax = Math.min(k + 3, j1 - 1);   // rows k..k+3 of w are zero beyond their own index
                for (int j = j0; j <= jmax; j++) {
                    w[ri + j] -= a0 * w[r0 + j] + a1 * w[r1 + j] + a2 * w[r2 + j] + a3 * w[r3 + j];
                }
            }
            for (; k < i; k++) {
                double a = l[ri + k];
                int rk = k * n;
                int jmax = Math.min(k, j1 - 1);
                for (int j = j0; j <= jmax; j++) {
                    w[ri + j] -= a * w[rk + j];
                }
            }
            if (i < j1) {
                w[ri + i] += 1.0;
            }
            double inv = 1.0 / l[ri + i];
            int jmax = Math.min(i, j1 - 1);
            for (int j = j0; j <= jmax; j++) {
                w[ri + j] *= inv;
            }
        }
    }

    /** out ← Wᵀ·W (full symmetric) for lower-triangular W (zeros above the diagonal). */
    static void lowerTransposeTimesLower(double[] w, int n, double[] out) {
        java.util.Arrays.fill(out, 0, n * n, 0.0);
        if (parallel(n)) {
            // row i of the result costs ∝ i·(n − i): halves at n/2
            int r1 = n / 2;
            runPair(() -> lowerProductRows(w, n, out, 0, r1), () -> lowerProductRows(w, n, out, r1, n));
        } else {
            lowerProductRows(w, n, out, 0, n);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                out[j * n + i] = out[i * n + j];
            }
        }
    }

    /** Lower-triangle rows [i0, i1) of WᵀW: out_ij = Σ_{k ≥ i} W_ki W_kj, by rank-4 updates over k. */
    static void lowerProductRows(double[] w, int n, double[] out, int i0, int i1) {
        int k = i0;
        for (; k + 3 < n; k += 4) {
            int r0 = k * n;
            int r1 = r0 + n;
            int r2 = r1 + n;
            int r3 = r2 + n;
            int imax = Math.min(i1 - 1, k + 3);
            for (int i = i0; i <= imax; i++) {
                double c0 = w[r0 + i];
                double c1 = w[r1 + i];
                double c2 = w[r2 + i];
                double c3 = w[r3 + i];
                int ri = i * n;
                for (int j = 0; j <= i; j++) {
                    out[ri + j] += c0 * w[r0 + j] + c1 * w[r1 + j] + c2 * w[r2 + j] + c3 * w[r3 + j];
                }
            }
        }
        for (; k < n; k++) {
            int rk = k * n;
            int imax = Math.min(i1 - 1, k);
            for (int i = i0; i <= imax; i++) {
                double c = w[rk + i];
                int ri = i * n;
                for (int j = 0; j <= i; j++) {
                    out[ri + j] += c * w[rk + j];
                }
            }
        }
    }
}

package dev.sextant.surrogate.linalg;

/**
 * Dense O(n³) kernels of the CPU backend on matrices stored as arrays of rows ({@code double[][]}, row i a separate
 * array). Every inner loop has the form {@code dst[j] ±= Σ_m c_m · src_m[j]} with all arrays indexed by the same
 * {@code j}: HotSpot's C2 (JDK 17) only auto-vectorises such loops when all accesses share one index expression, which
 * a flat row-major {@code a[i*n + j]} layout with different row offsets does not give (measured: ≈ 3–4× slower). Each
 * update combines 4 source rows (rank-4: with more terms per iteration C2 no longer unrolls, hence no longer
 * vectorises, the loop), so a destination row is read and written once per 4 multiply-adds. From {@link #PARALLEL_MIN_N} the work is split between the caller and one common-pool
 * worker ({@link #runPair}).
 *
 * <p>Arithmetic is the textbook right-looking/row-oriented one; results equal the flat reference loops to rounding
 * (the sums are merely grouped in fours).
 */
final class RowKernels {
    /** From this size the kernels run on two threads (the caller and one common-pool worker) when available. */
    static final int PARALLEL_MIN_N = Parallel.MIN_N;
    /** Panel width of the blocked Cholesky = rank of every update. */
    static final int NB = 4;

    private RowKernels() {
    }

    static boolean parallel(int n) {
        return Parallel.worthIt(n);
    }

    static void runPair(Runnable a, Runnable b) {
        Parallel.runPair(a, b);
    }

    /**
     * Upper Cholesky A = UᵀU in place: on entry u[i][j] (j ≥ i) holds the upper triangle of A, on success U (the
     * strict lower part of the rows is neither read nor written). Right-looking, panels of {@link #NB} rows with a
     * rank-NB trailing update. Returns false when a pivot is not positive and finite (u then undefined).
     */
    static boolean choleskyUpper(double[][] u, int n) {
        boolean par = parallel(n);
        for (int kb = 0; kb < n; kb += NB) {
            int b = Math.min(NB, n - kb);
            // the panel rows kb..kb+b-1: updates from the panel rows above them, then scaling
            for (int j = kb; j < kb + b; j++) {
                double[] uj = u[j];
                for (int p = kb; p < j; p++) {
                    double[] up = u[p];
                    double c = up[j];
                    for (int col = j; col < n; col++) {
                        uj[col] -= c * up[col];
                    }
                }
                double piv = uj[j];
                if (!(piv > 0) || !Double.isFinite(piv)) {
                    return false;
                }
                piv = Math.sqrt(piv);
                uj[j] = piv;
                double inv = 1.0 / piv;
                for (int col = j + 1; col < n; col++) {
                    uj[col] *= inv;
                }
            }
            int start = kb + b;
            if (start >= n) {
                break;
            }
            final int k0 = kb;
            if (b < NB) {
                trailing(u, n, k0, b, start, n);
            } else if (par && n - start >= 64) {
                // row i of the trailing update costs ∝ n − i: halves of equal work
                int mid = n - (int) ((n - start) / Math.sqrt(2));
                runPair(() -> trailing(u, n, k0, NB, start, mid), () -> trailing(u, n, k0, NB, mid, n));
            } else {
                trailing(u, n, k0, NB, start, n);
            }
        }
        return true;
    }

    /** Rows [i0, i1) of the trailing update U[i, i:] −= Σ_p U[kb+p, i]·U[kb+p, i:], p < b. */
    private static void trailing(double[][] u, int n, int kb, int b, int i0, int i1) {
        if (b == 4) {
            double[] u0 = u[kb];
            double[] u1 = u[kb + 1];
            double[] u2 = u[kb + 2];
            double[] u3 = u[kb + 3];
            for (int i = i0; i < i1; i++) {
                double[] ui = u[i];
                double c0 = u0[i];
                double c1 = u1[i];
                double c2 = u2[i];
                double c3 = u3[i];
                for (int col = i; col < n; col++) {
                    ui[col] -= (c0 * u0[col] + c1 * u1[col]) + (c2 * u2[col] + c3 * u3[col]);
                }
            }
            return;
        }
        for (int p = kb; p < kb + b; p++) {
            double[] up = u[p];
            for (int i = i0; i < i1; i++) {
                double[] ui = u[i];
                double c = up[i];
                for (int col = i; col < n; col++) {
                    ui[col] -= c * up[col];
                }
            }
        }
    }

    /**
     * x ← L⁻¹ for lower-triangular l (rows; l[i][j] read for j ≤ i). Every row of x gets its entries 0..i and
     * zeros up to column min(n, i + NB) − 1 (the rest of the row is not written and not read).
     */
    static void invertLower(double[][] l, int n, double[][] x) {
        if (parallel(n)) {
            // column j costs ∝ (n − j)³: split where both halves cost the same
            int c1 = (int) Math.round(n * (1 - Math.cbrt(0.5)));
            runPair(() -> invertLowerColumns(l, n, x, 0, c1), () -> invertLowerColumns(l, n, x, c1, n));
        } else {
            invertLowerColumns(l, n, x, 0, n);
        }
    }

    /**
     * Columns [j0, j1) of L⁻¹ (they depend only on the same columns of earlier rows), row by row:
     * x_i = (e_i − Σ_{k<i} L_ik x_k) / L_ii, four rows k per pass.
     */
    static void invertLowerColumns(double[][] l, int n, double[][] x, int j0, int j1) {
        for (int i = j0; i < n; i++) {
            double[] li = l[i];
            double[] xi = x[i];
            int zmax = Math.min(Math.min(n, i + NB), j1);
            for (int j = j0; j < zmax; j++) {
                xi[j] = 0;
            }
            int k = j0;
            for (; k + 3 < i; k += 4) {
                double a0 = li[k];
                double a1 = li[k + 1];
                double a2 = li[k + 2];
                double a3 = li[k + 3];
                double[] x0 = x[k];
                double[] x1 = x[k + 1];
                double[] x2 = x[k + 2];
                double[] x3 = x[k + 3];
                int jend = Math.min(k + 4, j1);   // rows k..k+3 are zero beyond their own index (padding)
                for (int j = j0; j < jend; j++) {
                    xi[j] -= (a0 * x0[j] + a1 * x1[j]) + (a2 * x2[j] + a3 * x3[j]);
                }
            }
            for (; k < i; k++) {
                double a = li[k];
                double[] xk = x[k];
                int jend = Math.min(k + 1, j1);
                for (int j = j0; j < jend; j++) {
                    xi[j] -= a * xk[j];
                }
            }
            if (i < j1) {
                xi[i] += 1.0;
            }
            double inv = 1.0 / li[i];
            int jend = Math.min(i + 1, j1);
            for (int j = j0; j < jend; j++) {
                xi[j] *= inv;
            }
        }
    }

    /**
     * Lower triangle of XᵀX into out (out[i][j], j ≤ i; nothing else written) for lower-triangular x as left by
     * {@link #invertLower} (entries 0..k of row k, zero padding after them).
     */
    static void lowerTransposeTimesLower(double[][] x, int n, double[][] out) {
        if (parallel(n)) {
            // row i of the result costs ∝ i·(n − i): halves at n/2, interleaved in pairs for balance
            int r1 = n / 2;
            runPair(() -> productRows(x, n, out, 0, r1), () -> productRows(x, n, out, r1, n));
        } else {
            productRows(x, n, out, 0, n);
        }
    }

    /** Rows [i0, i1) of the lower triangle of XᵀX: out_ij = Σ_{k ≥ i} X_ki X_kj, four rows k per pass. */
    static void productRows(double[][] x, int n, double[][] out, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            double[] oi = out[i];
            int jend = i + 1;
            for (int j = 0; j < jend; j++) {
                oi[j] = 0;
            }
            int k = i;
            for (; k + 3 < n; k += 4) {
                double[] x0 = x[k];
                double[] x1 = x[k + 1];
                double[] x2 = x[k + 2];
                double[] x3 = x[k + 3];
                double c0 = x0[i];
                double c1 = x1[i];
                double c2 = x2[i];
                double c3 = x3[i];
                for (int j = 0; j < jend; j++) {
                    oi[j] += (c0 * x0[j] + c1 * x1[j]) + (c2 * x2[j] + c3 * x3[j]);
                }
            }
            for (; k < n; k++) {
                double[] xk = x[k];
                double c = xk[i];
                for (int j = 0; j < jend; j++) {
                    oi[j] += c * xk[j];
                }
            }
        }
    }
}

package dev.sextant.surrogate.linalg;

/**
 * Dense O(n³) kernels of the CPU backend on matrices stored as arrays of rows ({@code double[][]}, row i a separate
 * array). Every inner loop has the form {@code dst[j] ±= Σ_m c_m · src_m[j]} with all arrays indexed by the same
 * {@code j}: HotSpot's C2 (JDK 17) only auto-vectorises such loops when all accesses share one index expression, which
 * a flat row-major {@code a[i*n + j]} layout with different row offsets does not give (measured: ≈ 3–4× slower). Each
 * update combines 4 source rows (rank-4: with more terms per iteration C2 no longer unrolls, hence no longer
 * vectorises, the loop), so a destination row is read and written once per 4 multiply-adds. L⁻¹ and L⁻ᵀL⁻¹ are
 * computed {@link #RB} destination rows at a time, so each group of source rows is read from memory once per block.
 * From {@link #PARALLEL_MIN_N} the work is split between the caller and a helper thread ({@link Parallel}).
 * Measured single-threaded on the 2-core development machine (AVX-512, JDK 17), n = 500: Cholesky ≈ 2.2 ms, L⁻¹ plus
 * L⁻ᵀL⁻¹ ≈ 4.1 ms, i.e. ≈ 20 GFlop/s.
 *
 * <p>Arithmetic is the textbook right-looking/row-oriented one; results equal the flat reference loops to rounding
 * (the sums are merely grouped in fours).
 */
final class RowKernels {
    /** From this size the kernels run on two threads (the caller and the helper of {@link Parallel}). */
    static final int PARALLEL_MIN_N = Parallel.MIN_N;
    /** Panel width of the blocked Cholesky (wider panels, applied as several rank-4 updates, measured no faster). */
    static final int NB = 4;
    /**
     * From this n the panels are {@link #NB_LARGE} wide: the trailing matrix no longer fits in L2, and a destination
     * chunk then takes NB_LARGE/4 rank-4 updates while it is in L1 (n = 2000: 1.45× faster; no change at n = 1000).
     */
    static final int LARGE_N = 768;
    static final int NB_LARGE = 32;

    static int panelWidth(int n) {
        return n >= LARGE_N ? NB_LARGE : NB;
    }

    /** Rows of X computed together (their updates share every source row while it is in L1). */
    static final int RB = 8;
    /** Column chunk: RB destination and 4 source row chunks of C doubles stay in L1/L2 for large n. */
    static final int C = 512;
    /** Zeros written after the diagonal of every row of L⁻¹ (≥ RB, so blocks may read past the diagonal). */
    static final int PAD = 16;

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
        int nb = panelWidth(n);
        for (int kb = 0; kb < n; kb += nb) {
            int b = Math.min(nb, n - kb);
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
            if (b < nb) {
                trailing(u, n, k0, b, start, n);
            } else if (par && n - start >= 64) {
                // row i of the trailing update costs ∝ n − i: halves of equal work
                int mid = n - (int) ((n - start) / Math.sqrt(2));
                runPair(() -> trailing(u, n, k0, nb, start, mid), () -> trailing(u, n, k0, nb, mid, n));
            } else {
                trailing(u, n, k0, nb, start, n);
            }
        }
        return true;
    }

    /** Rows [i0, i1) of the trailing update U[i, i:] −= Σ_p U[kb+p, i]·U[kb+p, i:], p < b. */
    private static void trailing(double[][] u, int n, int kb, int b, int i0, int i1) {
        int g4 = kb + (b & ~3);   // panel rows [kb, g4) in groups of four, then one at a time
        for (int i = i0; i < i1; i++) {
            double[] ui = u[i];
            for (int c0 = i; c0 < n; c0 += C) {
                int ce = Math.min(n, c0 + C);
                for (int p = kb; p < g4; p += 4) {
                    double[] u0 = u[p];
                    double[] u1 = u[p + 1];
                    double[] u2 = u[p + 2];
                    double[] u3 = u[p + 3];
                    double a0 = u0[i];
                    double a1 = u1[i];
                    double a2 = u2[i];
                    double a3 = u3[i];
                    for (int col = c0; col < ce; col++) {
                        ui[col] -= (a0 * u0[col] + a1 * u1[col]) + (a2 * u2[col] + a3 * u3[col]);
                    }
                }
                for (int p = g4; p < kb + b; p++) {
                    double[] up = u[p];
                    double a = up[i];
                    for (int col = c0; col < ce; col++) {
                        ui[col] -= a * up[col];
                    }
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
     * Columns [j0, j1) of L⁻¹ (they depend only on the same columns of earlier rows): x_i = (e_i − Σ_{k<i} L_ik x_k)
     * / L_ii. Rows are computed in blocks of {@link #RB}: first the finished rows above the block are applied to all
     * its rows (four source rows per pass, chunk by chunk of columns), then the block's own triangle row by row.
     */
    static void invertLowerColumns(double[][] l, int n, double[][] x, int j0, int j1) {
        for (int ib = j0; ib < n; ib += RB) {
            int ie = Math.min(n, ib + RB);
            for (int i = ib; i < ie; i++) {
                double[] xi = x[i];
                int zmax = Math.min(Math.min(n, i + PAD), j1);
                for (int j = j0; j < zmax; j++) {
                    xi[j] = 0;
                }
            }
            int k4 = j0 + ((ib - j0) & ~3);
            int cmax = Math.min(ib, j1);   // rows above the block are zero beyond column ib − 1
            for (int c0 = j0; c0 < cmax; c0 += C) {
                int ce = Math.min(cmax, c0 + C);
                // source rows k < c0 are zero in this chunk
                for (int k = c0 - ((c0 - j0) & 3); k < k4; k += 4) {
                    double[] x0 = x[k];
                    double[] x1 = x[k + 1];
                    double[] x2 = x[k + 2];
                    double[] x3 = x[k + 3];
                    int jend = Math.min(k + 4, ce);   // rows k..k+3 are zero beyond their own index (padding)
                    for (int i = ib; i < ie; i++) {
                        double[] li = l[i];
                        double[] xi = x[i];
                        double a0 = li[k];
                        double a1 = li[k + 1];
                        double a2 = li[k + 2];
                        double a3 = li[k + 3];
                        for (int j = c0; j < jend; j++) {
                            xi[j] -= (a0 * x0[j] + a1 * x1[j]) + (a2 * x2[j] + a3 * x3[j]);
                        }
                    }
                }
                for (int k = Math.max(k4, c0); k < ib; k++) {
                    double[] xk = x[k];
                    int jend = Math.min(k + 1, ce);
                    for (int i = ib; i < ie; i++) {
                        double a = l[i][k];
                        double[] xi = x[i];
                        for (int j = c0; j < jend; j++) {
                            xi[j] -= a * xk[j];
                        }
                    }
                }
            }
            for (int i = ib; i < ie; i++) {
                double[] li = l[i];
                double[] xi = x[i];
                for (int k = ib; k < i; k++) {
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

    /**
     * Rows [i0, i1) of the lower triangle of XᵀX: out_ij = Σ_{k ≥ i} X_ki X_kj, in blocks of {@link #RB} rows that
     * share each group of four source rows k, chunk by chunk of columns (X_ki = 0 for k &lt; i is skipped).
     */
    static void productRows(double[][] x, int n, double[][] out, int i0, int i1) {
        for (int ib = i0; ib < i1; ib += RB) {
            int ie = Math.min(i1, ib + RB);
            for (int i = ib; i < ie; i++) {
                java.util.Arrays.fill(out[i], 0, i + 1, 0.0);
            }
            int k4 = ib + ((n - ib) & ~3);
            for (int c0 = 0; c0 < ie; c0 += C) {
                int ce = Math.min(ie, c0 + C);
                for (int k = ib; k < k4; k += 4) {
                    double[] x0 = x[k];
                    double[] x1 = x[k + 1];
                    double[] x2 = x[k + 2];
                    double[] x3 = x[k + 3];
                    int imax = Math.min(ie, k + 4);   // rows i > k + 3 get nothing from these four
                    for (int i = ib; i < imax; i++) {
                        int jend = Math.min(i + 1, ce);
                        if (jend <= c0) {
                            continue;
                        }
                        double[] oi = out[i];
                        double a0 = k >= i ? x0[i] : 0.0;
                        double a1 = k + 1 >= i ? x1[i] : 0.0;
                        double a2 = k + 2 >= i ? x2[i] : 0.0;
                        double a3 = x3[i];
                        for (int j = c0; j < jend; j++) {
                            oi[j] += (a0 * x0[j] + a1 * x1[j]) + (a2 * x2[j] + a3 * x3[j]);
                        }
                    }
                }
                for (int k = k4; k < n; k++) {
                    double[] xk = x[k];
                    int imax = Math.min(ie, k + 1);
                    for (int i = ib; i < imax; i++) {
                        int jend = Math.min(i + 1, ce);
                        if (jend <= c0) {
                            continue;
                        }
                        double[] oi = out[i];
                        double a = xk[i];
                        for (int j = c0; j < jend; j++) {
                            oi[j] += a * xk[j];
                        }
                    }
                }
            }
        }
    }
}

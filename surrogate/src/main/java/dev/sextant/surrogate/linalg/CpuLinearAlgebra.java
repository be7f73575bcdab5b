package dev.sextant.surrogate.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * CPU backend: plain Java loops for Cholesky, triangular solves and inverses (from n = {@value #ROWS_MIN_N} on arrays of
 * rows, {@link RowKernels}, vectorised by the JIT and on two threads from n = {@value RowKernels#PARALLEL_MIN_N}); EJML
 * for general products.
 */
final class CpuLinearAlgebra implements LinearAlgebra {
    static final CpuLinearAlgebra INSTANCE = new CpuLinearAlgebra();

    private CpuLinearAlgebra() {
    }

    @Override
    public String name() {
        return "cpu-ejml";
    }

    @Override
    public boolean choleskyInPlace(double[] a, int n) {
        if (n < ROWS_MIN_N) {
            return choleskyRows(a, 0, n);
        }
        double[][] u = Workspace.get(n).u;
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n + i, u[i], i, n - i);
        }
        if (!RowKernels.choleskyUpper(u, n)) {
            return false;
        }
        // L = Uᵀ into a (zeros above the diagonal), in 64×64 tiles
        for (int ib = 0; ib < n; ib += 64) {
            int ie = Math.min(n, ib + 64);
            for (int jb = 0; jb <= ib; jb += 64) {
                int je = Math.min(n, jb + 64);
                for (int i = ib; i < ie; i++) {
                    int ri = i * n;
                    int jm = Math.min(je, i + 1);
                    for (int j = jb; j < jm; j++) {
                        a[ri + j] = u[j][i];
                    }
                }
            }
            for (int i = ib; i < ie; i++) {
                java.util.Arrays.fill(a, i * n + i + 1, i * n + n, 0.0);
            }
        }
        return true;
    }

    @Override
    public void inverseLowerFromCholesky(double[] l, int n, double[] out, double[] work) {
        if (n < ROWS_MIN_N) {
            inverseFromCholesky(l, n, out, work);
            return;
        }
        double[][] lr = inverseRows(l, n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(lr[i], 0, out, i * n, i + 1);
        }
    }

    /** Lower triangle of A⁻¹ = L⁻ᵀL⁻¹ as rows (the workspace's u rows, valid until the next call on this thread). */
    private static double[][] inverseRows(double[] l, int n) {
        Workspace ws = Workspace.get(n);
        double[][] lr = ws.u;
        for (int i = 0; i < n; i++) {
            System.arraycopy(l, i * n, lr[i], 0, i + 1);
        }
        RowKernels.invertLower(lr, n, ws.v);
        RowKernels.lowerTransposeTimesLower(ws.v, n, lr);
        return lr;
    }

    /** From this size the O(n³) work runs in {@link RowKernels} (arrays of rows); below, flat in-place loops. */
    static final int ROWS_MIN_N = 64;

    /** Per-thread arrays of rows for {@link RowKernels}, reused while n stays the same. */
    private static final class Workspace {
        private static final ThreadLocal<Workspace> CURRENT = new ThreadLocal<>();
        final int n;
        final double[][] u;
        final double[][] v;

        private Workspace(int n) {
            this.n = n;
            this.u = new double[n][n];
            this.v = new double[n][n];
        }

        static Workspace get(int n) {
            Workspace w = CURRENT.get();
            if (w == null || w.n != n) {
                w = new Workspace(n);
                CURRENT.set(w);
            }
            return w;
        }
    }

    /**
     * Σ_{k<len} x[xi+k]·y[yi+k] with four interleaved partial sums (the remainder goes to the first), added as
     * (s0 + s1) + (s2 + s3): independent accumulators the CPU can pipeline.
     */
    static double dot4(double[] x, int xi, double[] y, int yi, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            s0 += x[xi + k] * y[yi + k];
            s1 += x[xi + k + 1] * y[yi + k + 1];
            s2 += x[xi + k + 2] * y[yi + k + 2];
            s3 += x[xi + k + 3] * y[yi + k + 3];
        }
        for (; k < len; k++) {
            s0 += x[xi + k] * y[yi + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Row-oriented (Cholesky–Crout) lower factorisation of the block at offset off; reads the lower triangle. */
    static boolean choleskyRows(double[] a, int off, int n) {
        for (int i = 0; i < n; i++) {
            int ri = off + i * n;
            for (int j = 0; j <= i; j++) {
                int rj = off + j * n;
                double s = a[ri + j] - dot4(a, ri, a, rj, j);
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        return false;
                    }
                    a[ri + i] = Math.sqrt(s);
                } else {
                    a[ri + j] = s / a[rj + j];
                }
            }
            for (int j = i + 1; j < n; j++) {
                a[ri + j] = 0;
            }
        }
        return true;
    }

    @Override
    public void solveLower(double[] l, int n, double[] b, int m) {
        if (m == 1) {   // one right-hand side: dot products (the general loop would run one element per k)
            for (int i = 0; i < n; i++) {
                int ri = i * n;
                double acc = b[i];
                if (n < ROWS_MIN_N) {   // the same operations, in the same order, as the general loop
                    for (int k = 0; k < i; k++) {
                        acc -= l[ri + k] * b[k];
                    }
                } else {
                    acc -= dot4(l, ri, b, 0, i);
                }
                b[i] = acc * (1.0 / l[ri + i]);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            int bi = i * m;
            for (int k = 0; k < i; k++) {
                double lik = l[ri + k];
                if (lik != 0) {
                    int bk = k * m;
                    for (int c = 0; c < m; c++) {
                        b[bi + c] -= lik * b[bk + c];
                    }
                }
            }
            double inv = 1.0 / l[ri + i];
            for (int c = 0; c < m; c++) {
                b[bi + c] *= inv;
            }
        }
    }

    @Override
    public void solveLowerTransposed(double[] l, int n, double[] b, int m) {
        if (m == 1) {   // one right-hand side: x_i final, then an axpy over the row of L
            for (int i = n - 1; i >= 0; i--) {
                int ri = i * n;
                double xi = b[i] * (1.0 / l[ri + i]);
                b[i] = xi;
                for (int k = 0; k < i; k++) {
                    b[k] -= l[ri + k] * xi;
                }
            }
            return;
        }
        for (int i = n - 1; i >= 0; i--) {
            int bi = i * m;
            double inv = 1.0 / l[i * n + i];
            for (int c = 0; c < m; c++) {
                b[bi + c] *= inv;
            }
            // row i of X is final; eliminate it from rows k < i: b_k -= L[i,k] x_i
            int ri = i * n;
            for (int k = 0; k < i; k++) {
                double lik = l[ri + k];
                if (lik != 0) {
                    int bk = k * m;
                    for (int c = 0; c < m; c++) {
                        b[bk + c] -= lik * b[bi + c];
                    }
                }
            }
        }
    }

    @Override
    public void multiply(double[] a, double[] b, double[] c, int n, int k, int m) {
        CommonOps_DDRM.mult(DMatrixRMaj.wrap(n, k, a), DMatrixRMaj.wrap(k, m, b), DMatrixRMaj.wrap(n, m, c));
    }

    @Override
    public void batchedCholesky(double[] a, int batch, int n, boolean[] ok) {
        for (int b = 0; b < batch; b++) {
            ok[b] = choleskyRows(a, b * n * n, n);
        }
    }

    @Override
    public void inverseFromCholesky(double[] l, int n, double[] out, double[] work) {
        if (n < ROWS_MIN_N) {
            invertLower(l, n, work);
            lowerTransposeTimesLower(work, n, out);
            return;
        }
        double[][] lr = inverseRows(l, n);
        // full symmetric out from the lower triangle, in 64×64 tiles
        for (int ib = 0; ib < n; ib += 64) {
            int ie = Math.min(n, ib + 64);
            for (int i = ib; i < ie; i++) {
                System.arraycopy(lr[i], 0, out, i * n, i + 1);
            }
            for (int jb = ib; jb < n; jb += 64) {
                int je = Math.min(n, jb + 64);
                for (int i = ib; i < ie; i++) {
                    int ri = i * n;
                    for (int j = Math.max(jb, i + 1); j < je; j++) {
                        out[ri + j] = lr[j][i];
                    }
                }
            }
        }
    }

    /** w ← L⁻¹ (lower, zeros above the diagonal); flat, single-threaded (small n, and the tests' reference). */
    static void invertLower(double[] l, int n, double[] w) {
        java.util.Arrays.fill(w, 0, n * n, 0.0);
        invertLowerColumns(l, n, w, 0, n);
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

    /** out ← Wᵀ·W (full symmetric) for lower-triangular W (zeros above the diagonal); flat, single-threaded. */
    static void lowerTransposeTimesLower(double[] w, int n, double[] out) {
        java.util.Arrays.fill(out, 0, n * n, 0.0);
        lowerProductRows(w, n, out, 0, n);
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

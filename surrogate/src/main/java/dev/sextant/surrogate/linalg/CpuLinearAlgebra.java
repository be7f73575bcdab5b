package dev.sextant.surrogate.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;

/** CPU backend: EJML for Cholesky and products, plain row-oriented loops for triangular solves and inverses. */
final class CpuLinearAlgebra implements LinearAlgebra {
    static final CpuLinearAlgebra INSTANCE = new CpuLinearAlgebra();
    /** Below this size an unblocked row-oriented Cholesky (in place, no copies) is used. */
    private static final int BLOCK_THRESHOLD = 1000;

    private CpuLinearAlgebra() {
    }

    @Override
    public String name() {
        return "cpu-ejml";
    }

    @Override
    public boolean choleskyInPlace(double[] a, int n) {
        if (n < 64) {
            return choleskyRows(a, 0, n);
        }
        if (n < BLOCK_THRESHOLD) {
            return choleskyUpperPanels(a, n);
        }
        DMatrixRMaj m = DMatrixRMaj.wrap(n, n, a);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(m)) {
            return false;
        }
        if (!chol.inputModified() || !(chol instanceof CholeskyDecompositionInner_DDRM)) {
            DMatrixRMaj t = chol.getT(null);
            System.arraycopy(t.data, 0, a, 0, n * n);
        }
        for (int i = 0; i < n; i++) {
            double d = a[i * n + i];
            if (!(d > 0) || !Double.isFinite(d)) {
                return false;
            }
            for (int j = i + 1; j < n; j++) {
                a[i * n + j] = 0;
            }
        }
        return true;
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
    private static void trailingRank4(double[] a, int n, int kb, int i0, int i1) {
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

    /** Row-oriented (Cholesky–Crout) lower factorisation of the block at offset off; reads the lower triangle. */
    static boolean choleskyRows(double[] a, int off, int n) {
        for (int i = 0; i < n; i++) {
            int ri = off + i * n;
            for (int j = 0; j <= i; j++) {
                int rj = off + j * n;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int k = 0;
                for (; k + 3 < j; k += 4) {
                    s0 += a[ri + k] * a[rj + k];
                    s1 += a[ri + k + 1] * a[rj + k + 1];
                    s2 += a[ri + k + 2] * a[rj + k + 2];
                    s3 += a[ri + k + 3] * a[rj + k + 3];
                }
                for (; k < j; k++) {
                    s0 += a[ri + k] * a[rj + k];
                }
                double s = a[ri + j] - ((s0 + s1) + (s2 + s3));
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

    /** From this size the inverse runs on two threads (the caller and one common-pool worker) when available. */
    static final int PARALLEL_MIN_N = 192;

    @Override
    public void inverseFromCholesky(double[] l, int n, double[] out, double[] work) {
        invertLower(l, n, work);
        lowerTransposeTimesLower(work, n, out);
    }

    /**
     * Runs a here and b on a common-pool worker; if no worker has picked b up by the time a is done, the caller
     * runs b itself, so a busy pool never stalls the caller.
     */
    static void runPair(Runnable a, Runnable b) {
        AtomicBoolean claimed = new AtomicBoolean();
        ForkJoinTask<?> other = ForkJoinPool.commonPool().submit(() -> {
            if (claimed.compareAndSet(false, true)) {
                b.run();
            }
        });
        a.run();
        if (claimed.compareAndSet(false, true)) {
            b.run();
        } else {
            other.join();
        }
    }

    private static boolean parallel(int n) {
        return n >= PARALLEL_MIN_N && ForkJoinPool.getCommonPoolParallelism() >= 1
                && Runtime.getRuntime().availableProcessors() >= 2;
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

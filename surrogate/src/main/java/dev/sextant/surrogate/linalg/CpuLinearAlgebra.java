package dev.sextant.surrogate.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

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
        if (n < BLOCK_THRESHOLD) {
            return choleskyRows(a, 0, n);
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

    /** Row-oriented (Cholesky–Crout) lower factorisation of the block at offset off; reads the lower triangle. */
    static boolean choleskyRows(double[] a, int off, int n) {
        for (int i = 0; i < n; i++) {
            int ri = off + i * n;
            for (int j = 0; j <= i; j++) {
                int rj = off + j * n;
                double s = a[ri + j];
                for (int k = 0; k < j; k++) {
                    s -= a[ri + k] * a[rj + k];
                }
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

    @Override
    public void inverseFromCholesky(double[] l, int n, double[] out, double[] work) {
        // work <- L⁻¹ (lower), row by row: x_i = (e_i - Σ_{k<i} L_ik x_k) / L_ii
        java.util.Arrays.fill(work, 0, n * n, 0.0);
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int k = 0; k < i; k++) {
                double lik = l[ri + k];
                if (lik != 0) {
                    int rk = k * n;
                    for (int j = 0; j <= k; j++) {
                        work[ri + j] -= lik * work[rk + j];
                    }
                }
            }
            work[ri + i] += 1.0;
            double inv = 1.0 / l[ri + i];
            for (int j = 0; j <= i; j++) {
                work[ri + j] *= inv;
            }
        }
        // out = L⁻ᵀ L⁻¹: out_ij = Σ_{k ≥ max(i,j)} W_ki W_kj; accumulate the lower triangle by rank-1 row updates
        java.util.Arrays.fill(out, 0, n * n, 0.0);
        for (int k = 0; k < n; k++) {
            int rk = k * n;
            for (int i = 0; i <= k; i++) {
                double wki = work[rk + i];
                if (wki != 0) {
                    int ri = i * n;
                    for (int j = 0; j <= i; j++) {
                        out[ri + j] += wki * work[rk + j];
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                out[j * n + i] = out[i * n + j];
            }
        }
    }
}

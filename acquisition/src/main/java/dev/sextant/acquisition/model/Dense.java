package dev.sextant.acquisition.model;

/** Small row-major dense kernels (Cholesky, triangular solves). Package-private workhorses. */
final class Dense {
    private Dense() {}

    /** In-place lower Cholesky of SPD a (n×n, row-major); upper triangle zeroed. False if not PD. */
    static boolean cholesky(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            int rj = j * n;
            double s = a[rj + j];
            for (int k = 0; k < j; k++) s -= a[rj + k] * a[rj + k];
            if (!(s > 0) || Double.isNaN(s)) return false;
            double ljj = Math.sqrt(s);
            a[rj + j] = ljj;
            double inv = 1 / ljj;
            for (int i = j + 1; i < n; i++) {
                int ri = i * n;
                double t = a[ri + j];
                for (int k = 0; k < j; k++) t -= a[ri + k] * a[rj + k];
                a[ri + j] = t * inv;
            }
            for (int k = j + 1; k < n; k++) a[rj + k] = 0;
        }
        return true;
    }

    /**
     * Cholesky with a jitter ladder: tries a, then a + jitter·mean(diag)·I for jitter 1e-10 … 1e-4.
     * a is overwritten by L. Returns the absolute jitter added (0 when none). Throws if all fail.
     */
    static double choleskyWithJitter(double[] a, int n) {
        double[] copy = a.clone();
        if (cholesky(a, n)) return 0;
        double meanDiag = 0;
        for (int i = 0; i < n; i++) meanDiag += Math.abs(copy[i * n + i]);
        meanDiag = Math.max(meanDiag / Math.max(n, 1), 1e-300);
        for (double j = 1e-10; j <= 1e-3; j *= 10) {
            System.arraycopy(copy, 0, a, 0, copy.length);
            double add = j * meanDiag;
            for (int i = 0; i < n; i++) a[i * n + i] += add;
            if (cholesky(a, n)) return add;
        }
        throw new ArithmeticException("covariance matrix of size " + n + " is not positive definite even with jitter");
    }

    /** Solves L·X = B in place; l n×n lower, b n×m row-major. */
    static void solveLower(double[] l, int n, double[] b, int m) {
        for (int i = 0; i < n; i++) {
            int ri = i * n, bi = i * m;
            for (int k = 0; k < i; k++) {
                double lik = l[ri + k];
                if (lik == 0) continue;
                int bk = k * m;
                for (int c = 0; c < m; c++) b[bi + c] -= lik * b[bk + c];
            }
            double inv = 1 / l[ri + i];
            for (int c = 0; c < m; c++) b[bi + c] *= inv;
        }
    }

    /** Solves Lᵀ·X = B in place; l n×n lower, b n×m row-major. */
    static void solveLowerTransposed(double[] l, int n, double[] b, int m) {
        for (int i = n - 1; i >= 0; i--) {
            int bi = i * m;
            double inv = 1 / l[i * n + i];
            for (int c = 0; c < m; c++) b[bi + c] *= inv;
            for (int k = 0; k < i; k++) {
                double lik = l[i * n + k];
                if (lik == 0) continue;
                int bk = k * m;
                for (int c = 0; c < m; c++) b[bk + c] -= lik * b[bi + c];
            }
        }
    }
}

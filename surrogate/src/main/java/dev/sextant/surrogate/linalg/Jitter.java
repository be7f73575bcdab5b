package dev.sextant.surrogate.linalg;

/**
 * Cholesky with a jitter ladder: when A is not numerically PD, retries with A + δ·mean(diag A)·I for
 * δ = 1e-9, 1e-8, …, 1e-3, then throws {@link NotPositiveDefiniteException}.
 */
public final class Jitter {
    private static final double[] LADDER = {1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3};

    private Jitter() {
    }

    /**
     * Factors {@code a} (n×n symmetric, overwritten by its lower Cholesky factor) trying no jitter first.
     * {@code backup} (length ≥ n·n) is scratch used to restore a between attempts.
     *
     * @param what names the matrix in the error message, e.g. "training covariance"
     * @return the absolute jitter added to the diagonal (0 when none was needed)
     * @throws NotPositiveDefiniteException when every rung fails
     */
    public static double cholesky(LinearAlgebra la, double[] a, int n, double[] backup, String what) {
        int nn = n * n;
        System.arraycopy(a, 0, backup, 0, nn);
        if (la.choleskyInPlace(a, n)) {
            return 0;
        }
        double meanDiag = 0;
        boolean finite = true;
        for (int i = 0; i < n; i++) {
            meanDiag += backup[i * n + i];
        }
        for (int i = 0; i < nn && finite; i++) {
            finite = Double.isFinite(backup[i]);
        }
        if (!finite) {
            throw new NotPositiveDefiniteException(what + " (" + n + "×" + n
                    + ") contains NaN or infinite entries; check the inputs and hyperparameters", n, 0);
        }
        meanDiag = Math.abs(meanDiag / Math.max(n, 1));
        if (meanDiag == 0) {
            meanDiag = 1;
        }
        double jitter = 0;
        for (double rung : LADDER) {
            jitter = rung * meanDiag;
            System.arraycopy(backup, 0, a, 0, nn);
            for (int i = 0; i < n; i++) {
                a[i * n + i] += jitter;
            }
            if (la.choleskyInPlace(a, n)) {
                return jitter;
            }
        }
        System.arraycopy(backup, 0, a, 0, nn);
        throw new NotPositiveDefiniteException(what + " (" + n + "×" + n
                + ") is not positive definite even with jitter " + jitter + " on the diagonal; typical causes are "
                + "duplicate inputs with (near-)zero noise or extreme hyperparameters", n, jitter);
    }
}

package dev.sextant.surrogate.linalg;

/**
 * Cholesky with a jitter ladder: when A is not numerically PD, retries with A + δ·mean(diag A)·I for
 * δ = 1e-9, 1e-8, …, 1e-3, then throws {@link NotPositiveDefiniteException}. For a matrix computed as a difference of
 * much larger terms (a conditional covariance k − vᵀv), {@link #cholesky(LinearAlgebra, double[], int, double[],
 * String, double)} continues the ladder relative to the size of those terms, where the rounding errors are.
 */
public final class Jitter {
    private static final double[] LADDER = {1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3};
    /** Rungs relative to the scale of the cancelled terms, tried after {@link #LADDER} (see the scaled overload). */
    private static final double[] SCALE_LADDER = {1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6};

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
        return cholesky(la, a, n, backup, what, 0);
    }

    /**
     * As {@link #cholesky(LinearAlgebra, double[], int, double[], String)}, for a matrix whose entries were computed
     * as differences of terms of size about {@code scale} (e.g. the prior variance, for a posterior covariance
     * conditioned on many points): its rounding errors are about ε·scale times the condition number of what it was
     * conditioned on (clustered data with noise at its floor), however small its own diagonal is, so when the
     * ladder relative to mean(diag A) fails (a diagonal near 0 makes those rungs smaller than the errors) it
     * continues with δ·scale for δ = 1e-12, 1e-11, …, 1e-6 (at most a thousandth of the prior standard deviation as
     * sample noise), and throws only when those fail too. Not further: a candidate on a pending point has no
     * variance of its own given that point, and jitter of a tenth of the prior standard deviation (1e-2·scale, tried)
     * gave such duplicates a sampled improvement that made a 4-worker run propose one corner point three times. A
     * matrix that the first ladder factors gets exactly the same result as from the overload without a scale.
     *
     * @param scale size of the terms {@code a} was computed from (≥ 0; 0: no second ladder)
     */
    public static double cholesky(LinearAlgebra la, double[] a, int n, double[] backup, String what, double scale) {
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
            if (factorWith(la, a, n, backup, jitter)) {
                return jitter;
            }
        }
        if (scale > 0 && Double.isFinite(scale)) {
            for (double rung : SCALE_LADDER) {
                if (rung * scale <= jitter) {
                    continue;   // no larger than what the first ladder tried
                }
                jitter = rung * scale;
                if (factorWith(la, a, n, backup, jitter)) {
                    return jitter;
                }
            }
        }
        System.arraycopy(backup, 0, a, 0, nn);
        throw new NotPositiveDefiniteException(what + " (" + n + "×" + n
                + ") is not positive definite even with jitter " + jitter + " on the diagonal; typical causes are "
                + "duplicate inputs with (near-)zero noise or extreme hyperparameters", n, jitter);
    }

    /** Restores {@code a} from {@code backup}, adds {@code jitter} to its diagonal and factors it in place. */
    private static boolean factorWith(LinearAlgebra la, double[] a, int n, double[] backup, double jitter) {
        System.arraycopy(backup, 0, a, 0, n * n);
        for (int i = 0; i < n; i++) {
            a[i * n + i] += jitter;
        }
        return la.choleskyInPlace(a, n);
    }
}

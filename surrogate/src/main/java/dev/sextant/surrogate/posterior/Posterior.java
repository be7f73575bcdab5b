package dev.sextant.surrogate.posterior;

/**
 * Joint Gaussian posterior of the latent function at q points, in the model's output units (the original outcome
 * units unless a nonlinear outcome transform is active; see {@code GaussianProcess}). Arrays returned are copies
 * unless stated otherwise; inputs are never modified.
 */
public interface Posterior {

    int q();

    /** Input dimension d of the points. */
    int dimension();

    /** The q points (q×d row-major), a copy. */
    double[] points();

    /** Posterior mean, length q. */
    double[] mean();

    /** Joint covariance of the latent f (no observation noise), q×q row-major, symmetric. */
    double[] covariance();

    /** Diagonal of {@link #covariance()}, length q (clamped at 0). */
    double[] variance();

    /** Lower Cholesky factor of {@link #covariance()} (with jitter if it was needed), q×q row-major. */
    double[] choleskyFactor();

    /**
     * Samples Y = mean + z·Lᵀ (s×q row-major) for base samples {@code z} (s×q, not modified), L = {@link #choleskyFactor()}.
     */
    double[] sample(double[] z, int s);

    /**
     * Pathwise gradient: given dV/dY (s×q) for Y = {@link #sample}(z, s), adds dV/dX to {@code gradX} (q×d), X the
     * q points. z and dValueDSamples are not modified.
     */
    void backpropagateSamples(double[] z, int s, double[] dValueDSamples, double[] gradX);

    /**
     * Adds to {@code gradX} (q×d) the gradient wrt X of Σ_j dMean_j·mean_j + Σ_j dStd_j·std_j (std = √variance);
     * for analytic acquisitions. Either array may be null (treated as zeros).
     */
    void backpropagateMeanStd(double[] dMean, double[] dStd, double[] gradX);

    /**
     * Adds to {@code gradX} (q×d) the gradient wrt X of Σ_j dMean_j·mean_j + Σ_jk dCov_jk·cov_jk, dCov q×q
     * (any matrix; its symmetric part is used). Either may be null.
     */
    void backpropagateMeanCovariance(double[] dMean, double[] dCov, double[] gradX);
}

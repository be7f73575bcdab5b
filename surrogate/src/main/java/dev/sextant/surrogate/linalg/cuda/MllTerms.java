package dev.sextant.surrogate.linalg.cuda;

/**
 * Exact GP log marginal likelihood and its gradient, as computed on the device by {@link DeviceGpTerms}.
 *
 * @param logMarginalLikelihood log N(y; c, K), K = s·k(X, X) + σ²I + diag(noise) + jitter·I; NaN when not PD
 * @param kernelGradient        ∂/∂θ for the kernel's log hyperparameters, in {@code Kernel} order: d log lengthscales
 *                              then log outputscale (length d + 1); NaN when not PD
 * @param noiseGradient         ∂/∂ log σ² (the scalar noise variance); NaN when not PD
 * @param meanGradient          ∂/∂c for the constant mean c, = Σ α_i; NaN when not PD
 * @param alpha                 α = K⁻¹(y − c), length n (empty when not PD)
 * @param failedColumn          −1 when K was positive definite, else the first column whose pivot was not positive
 */
public record MllTerms(double logMarginalLikelihood, double[] kernelGradient, double noiseGradient,
                       double meanGradient, double[] alpha, int failedColumn) {

    public MllTerms {
        if (kernelGradient == null || alpha == null) {
            throw new IllegalArgumentException("kernelGradient and alpha must not be null");
        }
        if (failedColumn < -1) {
            throw new IllegalArgumentException("failedColumn must be ≥ −1, got " + failedColumn);
        }
    }

    /** True when K was numerically positive definite (all values are then finite). */
    public boolean positiveDefinite() {
        return failedColumn < 0;
    }

    static MllTerms notPositiveDefinite(int numKernelHyperparameters, int failedColumn) {
        double[] g = new double[numKernelHyperparameters];
        java.util.Arrays.fill(g, Double.NaN);
        return new MllTerms(Double.NaN, g, Double.NaN, Double.NaN, new double[0], failedColumn);
    }
}

package dev.sextant.surrogate.gp;

/**
 * Log-normal priors on the GP hyperparameters, used in the MAP objective. As in GPyTorch, each density is the
 * log-normal density of the parameter value v (not of log v), while the optimiser works on log v: the MAP
 * objective is log p(y|θ) + Σ log LogNormal(v; loc, scale), whose maximiser in log v is at loc − scale².
 *
 * <p>{@link #defaults()} follows BoTorch's 2024 defaults ("Vanilla BO in high dimensions"): lengthscales
 * LogNormal(√2 + ½·log d, √3) (dimension-scaled), noise LogNormal(−4, 1). BoTorch has no outputscale; ours gets
 * LogNormal(1, 1), whose mode in log space is 1, matching standardised outcomes. The mean constant is flat.
 *
 * @param lengthscaleLoc   loc of the lengthscale prior; NaN means √2 + ½·log d (dimension-scaled)
 * @param lengthscaleScale scale (&gt; 0)
 * @param enabled          false: plain maximum likelihood (no prior terms)
 */
public record Prior(double lengthscaleLoc, double lengthscaleScale, double outputscaleLoc, double outputscaleScale,
                    double noiseLoc, double noiseScale, boolean enabled) {

    public Prior {
        if (!(lengthscaleScale > 0) || !(outputscaleScale > 0) || !(noiseScale > 0)) {
            throw new IllegalArgumentException("prior scales must be > 0");
        }
        if (Double.isInfinite(lengthscaleLoc) || !Double.isFinite(outputscaleLoc) || !Double.isFinite(noiseLoc)) {
            throw new IllegalArgumentException("prior locations must be finite (lengthscaleLoc may be NaN = dimension-scaled)");
        }
    }

    public static Prior defaults() {
        return new Prior(Double.NaN, Math.sqrt(3), 1.0, 1.0, -4.0, 1.0, true);
    }

    /** No priors: maximum-likelihood fitting. */
    public static Prior none() {
        return new Prior(Double.NaN, Math.sqrt(3), 1.0, 1.0, -4.0, 1.0, false);
    }

    /** Effective lengthscale loc for dimension d. */
    public double lengthscaleLoc(int d) {
        return Double.isNaN(lengthscaleLoc) ? Math.sqrt(2) + 0.5 * Math.log(d) : lengthscaleLoc;
    }

    /**
     * Standard deviation of the prior on each log concentration (log a, log b) of a Kumaraswamy input warping: a
     * Gaussian in log space centred at 0 (the identity warping), so that the likelihood must pay for a warping; with
     * 0.75, a or b of 0.22 or 4.5 (two standard deviations) are still plausible. Used whenever the prior is enabled.
     */
    public static final double WARP_SCALE = 0.75;

    /** log N(p; 0, {@link #WARP_SCALE}) of a log warping concentration and its derivative, written to der[0]. */
    static double warpLogDensity(double p, double[] der) {
        double z = p / WARP_SCALE;
        der[0] = -z / WARP_SCALE;
        return -0.5 * z * z - Math.log(WARP_SCALE * Math.sqrt(2 * Math.PI));
    }

    /** log LogNormal(e^p; loc, scale) and its derivative with respect to p, written to der[0]. */
    static double logDensity(double p, double loc, double scale, double[] der) {
        double z = (p - loc) / scale;
        der[0] = -1 - z / scale;
        return -p - 0.5 * z * z - Math.log(scale * Math.sqrt(2 * Math.PI));
    }
}

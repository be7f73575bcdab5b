package dev.sextant.surrogate.bayes;

/**
 * Which prior a fully Bayesian GP puts on its lengthscales: {@link #SAAS} (sparse axis-aligned subspaces,
 * Eriksson &amp; Jankowiak 2021: a global shrinkage τ ~ half-Cauchy(0.1) and, per input, the inverse squared
 * lengthscale ρ_i = ℓ_i⁻² ~ half-Cauchy(τ), so most inputs are switched off unless the data needs them),
 * {@link #STANDARD} (the MAP fit's log-normal lengthscale prior, as a Gaussian density of log ℓ), or {@link #AUTO}
 * (SAAS from {@value #SAAS_MIN_DIMENSION} to {@value #SAAS_MAX_DIMENSION} inputs, STANDARD otherwise: BENCHMARKS.md
 * section 13 measured SAAS ahead of the standard prior on Cosine8 and ahead of MAP on the suite's problems of 8–20
 * inputs, but behind both on Hartmann6 embedded in 30 inputs, where the MAP fit's dimension-scaled prior already
 * switches the ignored inputs off and 10–40 points are too few for SAAS to find the active ones). Outputscale and noise keep the MAP fit's priors
 * in every case.
 */
public enum HyperparameterPrior {
    AUTO, SAAS, STANDARD;

    /** From this many inputs {@link #AUTO} means {@link #SAAS}. */
    public static final int SAAS_MIN_DIMENSION = 8;
    /** Above this many inputs {@link #AUTO} means {@link #STANDARD} again. */
    public static final int SAAS_MAX_DIMENSION = 20;

    /** Scale of the half-Cauchy prior on SAAS's global shrinkage τ. */
    public static final double SAAS_TAU_SCALE = 0.1;

    /** Whether this prior, for a kernel over d inputs, is SAAS. */
    public boolean saas(int d) {
        return this == SAAS || (this == AUTO && d >= SAAS_MIN_DIMENSION && d <= SAAS_MAX_DIMENSION);
    }

    /** log of the half-Cauchy(scale) density at v &gt; 0: log 2 − log π − log scale − log(1 + (v/scale)²). */
    static double logHalfCauchy(double v, double scale) {
        double r = v / scale;
        return Math.log(2 / Math.PI) - Math.log(scale) - Math.log1p(r * r);
    }

    /**
     * SAAS log density of (log ℓ_1 … log ℓ_k, log τ): Σ_i [log HC(ρ_i; τ) + log ρ_i + log 2] + log HC(τ; 0.1) + log τ,
     * the Jacobians of ρ_i = exp(−2 log ℓ_i) and τ = exp(log τ) included (a proper density over the log-parameters
     * the sampler moves in).
     *
     * @param logLengthscales the k log lengthscales (not modified)
     */
    static double saasLogDensity(double[] logLengthscales, int k, double logTau) {
        double tau = Math.exp(logTau);
        double lp = logHalfCauchy(tau, SAAS_TAU_SCALE) + logTau;
        for (int i = 0; i < k; i++) {
            double logRho = -2 * logLengthscales[i];
            lp += logHalfCauchy(Math.exp(logRho), tau) + logRho + Math.log(2);
        }
        return lp;
    }

    /** log N(p; loc, scale²): the log-normal prior LogNormal(loc, scale) of e^p as a density of p. */
    static double logNormal(double p, double loc, double scale) {
        double z = (p - loc) / scale;
        return -0.5 * z * z - Math.log(scale * Math.sqrt(2 * Math.PI));
    }
}

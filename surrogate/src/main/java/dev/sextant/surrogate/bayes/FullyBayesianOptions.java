package dev.sextant.surrogate.bayes;

/**
 * How a fully Bayesian GP is sampled: the lengthscale prior, the chain's warm-up sweeps, the number of retained
 * draws S (the ensemble size), the thinning, and the seed.
 */
public record FullyBayesianOptions(HyperparameterPrior prior, int warmup, int samples, int thin, long seed) {
    /** Default S: ensemble members per metric. */
    public static final int DEFAULT_SAMPLES = 16;
    /** Default warm-up sweeps (the chain starts at the MAP estimate, so a short warm-up suffices). */
    public static final int DEFAULT_WARMUP = 32;
    /** Default thinning: one draw kept every 2 sweeps. */
    public static final int DEFAULT_THIN = 2;

    public FullyBayesianOptions {
        if (prior == null) throw new IllegalArgumentException("a lengthscale prior is required (auto, saas or standard)");
        new SamplerOptions(warmup, samples, thin, seed);   // validates the chain lengths
    }

    public static FullyBayesianOptions defaults() {
        return new FullyBayesianOptions(HyperparameterPrior.AUTO, DEFAULT_WARMUP, DEFAULT_SAMPLES, DEFAULT_THIN, 0L);
    }

    public FullyBayesianOptions withSeed(long s) {
        return new FullyBayesianOptions(prior, warmup, samples, thin, s);
    }

    public FullyBayesianOptions withPrior(HyperparameterPrior p) {
        return new FullyBayesianOptions(p, warmup, samples, thin, seed);
    }

    SamplerOptions sampler() {
        return new SamplerOptions(warmup, samples, thin, seed);
    }
}

package dev.sextant.surrogate.bayes;

/**
 * How a fully Bayesian GP is sampled: the lengthscale prior, the chain's warm-up sweeps from the MAP estimate
 * ({@code warmup}) and when continuing an earlier chain ({@code rewarmup}, see
 * {@link FullyBayesianGp#sample(dev.sextant.surrogate.gp.GaussianProcess, dev.sextant.surrogate.gp.Prior,
 * FullyBayesianOptions, ChainState)}), the number of retained draws S (the ensemble size), the thinning, and the seed.
 */
public record FullyBayesianOptions(HyperparameterPrior prior, int warmup, int rewarmup, int samples, int thin,
                                   long seed) {
    /** Default S: ensemble members per metric (BENCHMARKS.md section 13: 8 keep the gains of 16 at half the cost). */
    public static final int DEFAULT_SAMPLES = 8;
    /** Default warm-up sweeps (the chain starts at the MAP estimate, so a short warm-up suffices). */
    public static final int DEFAULT_WARMUP = 16;
    /** Default warm-up sweeps of a chain continued from the previous generation's last state. */
    public static final int DEFAULT_REWARMUP = 4;
    /** Default thinning: one draw kept every 2 sweeps. */
    public static final int DEFAULT_THIN = 2;

    public FullyBayesianOptions {
        if (prior == null) throw new IllegalArgumentException("a lengthscale prior is required (auto, saas or standard)");
        new SamplerOptions(warmup, samples, thin, seed);   // validates the chain lengths
        if (rewarmup < 0) throw new IllegalArgumentException("warm-up sweeps of a continued chain must be >= 0, got " + rewarmup);
    }

    /** Options whose continued chains warm up as long as fresh ones (rewarmup = warmup). */
    public FullyBayesianOptions(HyperparameterPrior prior, int warmup, int samples, int thin, long seed) {
        this(prior, warmup, warmup, samples, thin, seed);
    }

    public static FullyBayesianOptions defaults() {
        return new FullyBayesianOptions(HyperparameterPrior.AUTO, DEFAULT_WARMUP, DEFAULT_REWARMUP, DEFAULT_SAMPLES,
            DEFAULT_THIN, 0L);
    }

    public FullyBayesianOptions withSeed(long s) {
        return new FullyBayesianOptions(prior, warmup, rewarmup, samples, thin, s);
    }

    public FullyBayesianOptions withPrior(HyperparameterPrior p) {
        return new FullyBayesianOptions(p, warmup, rewarmup, samples, thin, seed);
    }

    /** The chain of a fresh start (continued: false) or of a continuation (true). */
    SamplerOptions sampler(boolean continued) {
        return new SamplerOptions(continued ? rewarmup : warmup, samples, thin, seed);
    }
}

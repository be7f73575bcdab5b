package dev.sextant.acquisition.optim;

/**
 * Defaults (and why):
 * <ul>
 *   <li>rawSamples 2048: scoring raw q-batches is cheap here (cached baseline), and four times BoTorch's 512
 *       makes the best basin more likely to be seeded (Hartmann6 loop checks); ≥ 512 always.</li>
 *   <li>restarts 10: as BoTorch; starts chosen by the Boltzmann rule on standardised raw values (eta 2),
 *       the best raw point always included.</li>
 *   <li>maxIterations 200, ftol 1e-10, pgtol 1e-6: BoTorch's L-BFGS-B cap; the log-acquisitions are well scaled,
 *       so tight tolerances cost little.</li>
 *   <li>threads: all available processors (restarts are independent).</li>
 *   <li>penalty 1e4 on squared linear-constraint violations, followed by an exact projection.</li>
 * </ul>
 */
public record OptimizerOptions(int rawSamples, int restarts, int maxIterations, double boltzmannEta, int threads,
                               double penalty, long seed) {
    public OptimizerOptions {
        if (rawSamples < 1) throw new IllegalArgumentException("rawSamples must be >= 1");
        if (restarts < 1) throw new IllegalArgumentException("restarts must be >= 1");
        if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1");
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
    }

    public static OptimizerOptions defaults(long seed) {
        return new OptimizerOptions(2048, 10, 200, 2.0, Runtime.getRuntime().availableProcessors(), 1e4, seed);
    }

    public OptimizerOptions withThreads(int t) {
        return new OptimizerOptions(rawSamples, restarts, maxIterations, boltzmannEta, t, penalty, seed);
    }

    public OptimizerOptions withRawSamples(int r) {
        return new OptimizerOptions(r, restarts, maxIterations, boltzmannEta, threads, penalty, seed);
    }

    public OptimizerOptions withRestarts(int r) {
        return new OptimizerOptions(rawSamples, r, maxIterations, boltzmannEta, threads, penalty, seed);
    }

    /** Temperature of the Boltzmann start selection (&gt; 0; BoTorch's initialize_q_batch default is 1). */
    public OptimizerOptions withBoltzmannEta(double eta) {
        if (!(eta > 0) || Double.isInfinite(eta)) throw new IllegalArgumentException("boltzmannEta must be > 0, got " + eta);
        return new OptimizerOptions(rawSamples, restarts, maxIterations, eta, threads, penalty, seed);
    }

    public OptimizerOptions withSeed(long s) {
        return new OptimizerOptions(rawSamples, restarts, maxIterations, boltzmannEta, threads, penalty, s);
    }
}

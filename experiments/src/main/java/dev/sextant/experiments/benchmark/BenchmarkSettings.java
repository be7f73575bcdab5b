package dev.sextant.experiments.benchmark;

/**
 * One closed-loop benchmark: {@code problem} (a {@link TestFunctions} name) in {@code dim} dimensions (≤ 0: the
 * name's own or default), {@code init} Sobol points, then {@code iters} iterations of {@code batch} points,
 * Gaussian observation noise of standard deviation {@code noise}, seeds {@code firstSeed … firstSeed+seeds−1} run
 * on up to {@code threads} threads, each run's generator using {@code threadsPerRun} threads, {@code acquisition} the study's acquisition name (null: the default),
 * {@code options} extra generation options for the study (e.g. {@code fixed_outputscale}; copied, never null).
 */
public record BenchmarkSettings(String problem, int dim, int init, int iters, int batch, double noise, int seeds,
                                int threads, int threadsPerRun, String acquisition, long firstSeed,
                                java.util.Map<String, Object> options) {
    /** Settings without extra generation options. */
    public BenchmarkSettings(String problem, int dim, int init, int iters, int batch, double noise, int seeds,
                             int threads, int threadsPerRun, String acquisition, long firstSeed) {
        this(problem, dim, init, iters, batch, noise, seeds, threads, threadsPerRun, acquisition, firstSeed,
                java.util.Map.of());
    }

    public BenchmarkSettings {
        options = options == null ? java.util.Map.of() : java.util.Map.copyOf(options);
        if (problem == null || problem.isBlank()) {
            throw new IllegalArgumentException("--problem is required; one of " + String.join(", ", TestFunctions.names()));
        }
        require(init >= 1, "--init must be >= 1, got " + init);
        require(iters >= 0, "--iters must be >= 0, got " + iters);
        require(batch >= 1, "--batch must be >= 1, got " + batch);
        require(noise >= 0 && Double.isFinite(noise), "--noise must be a finite standard deviation >= 0, got " + noise);
        require(seeds >= 1, "--seeds must be >= 1, got " + seeds);
        require(threads >= 1, "--threads must be >= 1, got " + threads);
        require(threadsPerRun >= 1, "--threads-per-run must be >= 1, got " + threadsPerRun);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

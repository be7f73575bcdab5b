package dev.sextant.experiments.benchmark;

import java.util.Map;
import java.util.Objects;

/**
 * One problem of a benchmark suite with its protocol: {@code id} (unique in the suite, e.g. {@code "hartmann6-noisy"},
 * the name of its reference data), the test function {@code function} (a {@link TestFunctions} name with its
 * dimension), {@code init} Sobol points, then {@code iters} iterations of {@code batch} points, observation noise SD
 * {@code noise}.
 */
public record SuiteProblem(String id, String function, int init, int iters, int batch, double noise) {
    public SuiteProblem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(function, "function");
        if (!TestFunctions.exists(function)) {
            throw new IllegalArgumentException("suite problem '" + id + "': unknown test function '" + function + "'");
        }
        // the remaining checks are BenchmarkSettings'
        new BenchmarkSettings(function, 0, init, iters, batch, noise, 1, 1, 1, null, 0);
    }

    /** The test function (in its own dimension). */
    public TestFunction testFunction() {
        return TestFunctions.byName(function, 0);
    }

    /**
     * The settings of a run of this problem: seeds {@code firstSeed … firstSeed+seeds−1} on up to {@code threads}
     * threads, each run on {@code threadsPerRun}; {@code acquisition} null for the default; {@code options} extra
     * generation options (not modified).
     */
    public BenchmarkSettings settings(long firstSeed, int seeds, int threads, int threadsPerRun, String acquisition,
                                      Map<String, Object> options) {
        return new BenchmarkSettings(function, 0, init, iters, batch, noise, seeds, threads, threadsPerRun, acquisition,
                firstSeed, options);
    }

    /** Evaluations after the initial design: {@code iters × batch}. */
    public int evaluations() {
        return iters * batch;
    }
}

package dev.sextant.experiments.benchmark;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the problems of a suite one after another, each with its own protocol through {@link BenchmarkRunner}
 * (unchanged: the same settings give the same numbers as {@code sextant bench --problem …}), and puts each beside
 * its reference results ({@link Reference#forProblem}).
 */
public final class SuiteRunner {
    /** Told after every iteration of every seed of every problem (from the seed's thread). */
    public interface Listener {
        void iterationDone(SuiteProblem problem, long seed, int iteration, double best);

        /** Told after each problem (from the calling thread) with the report of the problems done so far. */
        default void problemDone(SuiteReport soFar) {
        }
    }

    private final BenchmarkRunner runner;

    public SuiteRunner(BenchmarkRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /**
     * Runs {@code problems} (not modified) of suite {@code suite} on seeds {@code firstSeed … firstSeed+seeds−1},
     * up to {@code threads} seed runs in parallel, each on {@code threadsPerRun} threads, with {@code acquisition}
     * (null: the default) and extra generation {@code options}; {@code listener} may be null.
     */
    public SuiteReport run(String suite, List<SuiteProblem> problems, long firstSeed, int seeds, int threads,
                           int threadsPerRun, String acquisition, Map<String, Object> options, Listener listener) {
        List<SuiteReport.Entry> entries = new ArrayList<>();
        for (SuiteProblem p : problems) {
            BenchmarkSettings s = p.settings(firstSeed, seeds, threads, threadsPerRun, acquisition, options);
            double before = load();
            BenchmarkResult r = runner.run(s, listener == null ? null
                    : (seed, it, best) -> listener.iterationDone(p, seed, it, best));
            entries.add(new SuiteReport.Entry(p, r, Reference.forProblem(p.id()).orElse(null), before, load()));
            if (listener != null) {
                listener.problemDone(new SuiteReport(suite, entries));
            }
        }
        return new SuiteReport(suite, entries);
    }

    /** The one-minute system load average, or −1 where the platform does not tell. */
    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}

package dev.sextant.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sextant.experiments.benchmark.BenchmarkResult;
import dev.sextant.experiments.benchmark.BenchmarkRunner;
import dev.sextant.experiments.benchmark.BenchmarkSettings;
import dev.sextant.experiments.benchmark.MultiObjectiveProblem;
import dev.sextant.experiments.benchmark.MultiObjectiveProblems;
import dev.sextant.experiments.benchmark.SeedResult;
import dev.sextant.experiments.benchmark.TestFunction;
import dev.sextant.experiments.benchmark.TestFunctions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sextant bench}: the closed-loop benchmark protocol on a synthetic test function. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Closed-loop benchmark on a synthetic test function.",
                "Sobol init, then iterations of --batch points; prints per-seed final regret,",
                "median regret and median seconds per iteration; --out FILE also writes the settings and every seed's",
                "best-so-far curve, final regret and timing as JSON (protocol and reference numbers: BENCHMARKS.md).",
                "Problems: branin, six-hump-camel, hartmann (d=3|6), ackley, levy, rosenbrock, styblinski-tang,",
                "michalewicz, griewank (any d; or a suffix: ackley10), cosine8, hartmann6-constrained;",
                "multi-objective (hypervolume regret): branin-currin, dtlz2 (--objectives 2|3), zdt1, zdt2, zdt3,",
                "vehicle-safety, c2dtlz2."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--problem", required = true, description = "test function name")
    String problem;
    @Option(names = "--dim", defaultValue = "0", description = "dimension for any-d functions (default: the name's or 2)")
    int dim;
    @Option(names = "--objectives", defaultValue = "0",
            description = "objectives of a multi-objective problem that has a choice (dtlz2: 2 or 3; default 2)")
    int objectives;
    @Option(names = "--init", required = true, description = "Sobol points before the model")
    int init;
    @Option(names = "--iters", required = true, description = "iterations after the initial design")
    int iters;
    @Option(names = "--batch", defaultValue = "1", description = "points per iteration (q), default ${DEFAULT-VALUE}")
    int batch;
    @Option(names = "--noise", defaultValue = "0", description = "SD of Gaussian noise on every observation")
    double noise;
    @Option(names = "--seeds", required = true, description = "number of seeds (0 … S-1)")
    int seeds;
    @Option(names = "--first-seed", defaultValue = "0", description = "first seed, default ${DEFAULT-VALUE}")
    long firstSeed;
    @Option(names = "--threads", description = "seed runs in parallel (default: available processors)")
    Integer threads;
    @Option(names = "--threads-per-run", defaultValue = "1",
            description = "threads of each run's acquisition optimiser, default ${DEFAULT-VALUE} (the protocol's one thread per run)")
    int threadsPerRun;
    @Option(names = "--acquisition",
            description = "acquisition name (default qlognei, qlognehvi for several objectives; sobol = no model)")
    String acquisition;
    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "generation option for the model (repeatable), e.g. --option fixed_outputscale=true")
    java.util.Map<String, String> options = new java.util.LinkedHashMap<>();

    @Option(names = "--out", description = "write the results as JSON to this file")
    Path out;
    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        if (MultiObjectiveProblems.exists(problem)) {
            MultiObjectiveProblem p;
            try {
                p = MultiObjectiveProblems.byName(problem, dim, objectives);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            return MultiObjectiveBench.run(p, settings(), out, !noProgress);
        }
        TestFunction f;
        try {
            f = TestFunctions.byName(problem, dim);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        BenchmarkSettings s = settings();
        PrintStream err = System.err;
        ProgressBar bar = new ProgressBar("bench " + f.name(), seeds * iters, err, !noProgress);
        AtomicInteger done = new AtomicInteger();
        double[] bestRegret = {Double.POSITIVE_INFINITY};
        BenchmarkResult r = new BenchmarkRunner().run(s, (seed, it, best) -> {
            int n = done.incrementAndGet();
            synchronized (bestRegret) {
                if (!Double.isNaN(best)) {
                    bestRegret[0] = Math.min(bestRegret[0], Math.abs(f.optimalScore() - best));
                }
            }
            bar.update(n, "regret " + fmt(bestRegret[0]), false);
        });
        bar.update(done.get(), "regret " + fmt(bestRegret[0]), true);
        bar.finish();
        PrintStream o = System.out;
        o.printf(Locale.ROOT, "%s (d=%d), %d Sobol + %d iterations x q=%d, noise %s, acquisition %s, optimum %s%n",
                r.problem(), r.dim(), r.init(), r.iters(), r.batch(), fmt(r.noise()), r.acquisition(), fmt(r.optimum()));
        o.printf(Locale.ROOT, "%-8s %14s %12s %10s%n", "seed", "final best", "regret", "s/iter");
        for (SeedResult sr : r.seeds()) {
            double last = sr.best().isEmpty() ? sr.initBest() : sr.best().get(sr.best().size() - 1);
            o.printf(Locale.ROOT, "%-8d %14s %12s %10.3f%n", sr.seed(), fmt(last), fmt(sr.regret()), sr.secondsPerIter());
        }
        o.printf(Locale.ROOT, "median final regret %s, median %.3f s/iteration%n", fmt(r.medianRegret()), r.medianSecondsPerIter());
        if (out != null) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            json.writeValue(out.toFile(), r.toJson());
            o.println("wrote " + out);
        }
        return 0;
    }

    private BenchmarkSettings settings() {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        java.util.Map<String, Object> typed = new java.util.LinkedHashMap<>();
        options.forEach((k, v) -> typed.put(k, optionValue(v)));
        return new BenchmarkSettings(problem, dim, init, iters, batch, noise, seeds, t, threadsPerRun, acquisition,
                firstSeed, typed);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.4g", v);
        }
        return String.format(Locale.ROOT, "%.5g", v);
    }

    /** "true"/"false" as booleans, integers as Long, other numbers as Double, anything else as text. */
    static Object optionValue(String v) {
        String t = v.trim();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t);
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException notLong) {
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException notNumber) {
                return t;
            }
        }
    }
}

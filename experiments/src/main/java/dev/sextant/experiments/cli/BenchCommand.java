package dev.sextant.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sextant.experiments.benchmark.BenchmarkResult;
import dev.sextant.experiments.benchmark.BenchmarkRunner;
import dev.sextant.experiments.benchmark.BenchmarkSettings;
import dev.sextant.experiments.benchmark.MultiObjectiveProblem;
import dev.sextant.experiments.benchmark.MultiObjectiveProblems;
import dev.sextant.experiments.benchmark.BenchmarkSuite;
import dev.sextant.experiments.benchmark.SeedRange;
import dev.sextant.experiments.benchmark.SeedResult;
import dev.sextant.experiments.benchmark.SuiteProblem;
import dev.sextant.experiments.benchmark.SuiteReport;
import dev.sextant.experiments.benchmark.SuiteRunner;
import dev.sextant.experiments.benchmark.TestFunction;
import dev.sextant.experiments.benchmark.TestFunctions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sextant bench}: the closed-loop benchmark protocol on a synthetic test function, or ({@code --suite NAME})
 * on every problem of a suite with its own protocol beside the reference's per-seed results.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Closed-loop benchmark on a synthetic test function.",
                "Sobol init, then iterations of --batch points; prints per-seed final regret,",
                "median regret and median seconds per iteration; --out FILE also writes the settings and every seed's",
                "best-so-far curve, final regret and timing as JSON (protocol and reference numbers: BENCHMARKS.md).",
                "Problems: branin, six-hump-camel, hartmann (d=3|6), ackley, levy, rosenbrock, styblinski-tang,",
                "michalewicz, griewank (any d; or a suffix: ackley10), cosine8, hartmann6-constrained; any of them",
                "embedded in more inputs that it ignores: hartmann6-in-30d, branin-in-20d;",
                "multi-objective (hypervolume regret): branin-currin, dtlz2 (--objectives 2|3), zdt1, zdt2, zdt3,",
                "vehicle-safety, c2dtlz2.",
                "--suite public runs every problem of the public suite with its protocol (--problems for a subset) and",
                "prints our median regret beside BoTorch's, their ratio, exact Mann-Whitney p-values and s/iteration."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--suite", description = "run every problem of this suite with its protocol (suites: public)")
    String suite;
    @Option(names = "--problems", split = ",", paramLabel = "ID",
            description = "with --suite: only these problem ids (comma-separated), e.g. branin,levy10")
    List<String> problems;
    @Option(names = "--json", paramLabel = "FILE",
            description = "write the results as JSON (with --suite: every problem, per-seed regrets, reference, p-values)")
    Path json;

    @Option(names = "--problem", description = "test function name (required without --suite)")
    String problem;
    @Option(names = "--dim", defaultValue = "0", description = "dimension for any-d functions (default: the name's or 2)")
    int dim;
    @Option(names = "--objectives", defaultValue = "0",
            description = "objectives of a multi-objective problem that has a choice (dtlz2: 2 or 3; default 2)")
    int objectives;
    @Option(names = "--init", description = "Sobol points before the model (required without --suite)")
    Integer init;
    @Option(names = "--iters", description = "iterations after the initial design (required without --suite)")
    Integer iters;
    @Option(names = "--batch", description = "points per iteration (q), default 1")
    Integer batch;
    @Option(names = "--noise", description = "SD of Gaussian noise on every observation, default 0")
    Double noise;
    @Option(names = "--seeds", paramLabel = "FIRST-LAST|N",
            description = "seeds: a range (0-9) or a count N from --first-seed; required without --suite (default 0-9)")
    String seeds;
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
        if (suite != null) {
            return callSuite();
        }
        if (problems != null) {
            throw new ParameterException(spec.commandLine(), "--problems selects problems of a --suite; use --problem NAME");
        }
        if (problem == null || init == null || iters == null || seeds == null) {
            throw new ParameterException(spec.commandLine(),
                    "Missing required options: --problem, --init, --iters and --seeds (or run a --suite)");
        }
        if (out != null && json != null && !out.equals(json)) {
            throw new ParameterException(spec.commandLine(), "--out and --json name the same output; give one");
        }
        if (out == null) {
            out = json;
        }
        SeedRange range = seedRange(seeds);
        int batch = this.batch == null ? 1 : this.batch;
        double noise = this.noise == null ? 0 : this.noise;
        if (MultiObjectiveProblems.exists(problem)) {
            MultiObjectiveProblem p;
            try {
                p = MultiObjectiveProblems.byName(problem, dim, objectives);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            return MultiObjectiveBench.run(p, settings(range, batch, noise), out, !noProgress);
        }
        TestFunction f;
        try {
            f = TestFunctions.byName(problem, dim);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        BenchmarkSettings s = settings(range, batch, noise);
        PrintStream err = System.err;
        ProgressBar bar = new ProgressBar("bench " + f.name(), range.count() * iters, err, !noProgress);
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

    private BenchmarkSettings settings(SeedRange range, int batch, double noise) {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        java.util.Map<String, Object> typed = new java.util.LinkedHashMap<>();
        options.forEach((k, v) -> typed.put(k, optionValue(v)));
        return new BenchmarkSettings(problem, dim, init, iters, batch, noise, range.count(), t, threadsPerRun,
                acquisition, range.first(), typed);
    }

    /** {@code sextant bench --suite NAME}: every problem of the suite with its protocol, then the comparison table. */
    private int callSuite() throws IOException {
        for (Object[] given : new Object[][] {{"--problem", problem}, {"--init", init}, {"--iters", iters},
                {"--batch", batch}, {"--noise", noise}, {"--dim", dim == 0 ? null : dim}, {"--out", out}}) {
            if (given[1] != null) {
                throw new ParameterException(spec.commandLine(), given[0] + " cannot be combined with --suite: the suite"
                        + " fixes every problem's protocol (select problems with --problems, write JSON with --json)");
            }
        }
        List<SuiteProblem> list;
        SeedRange range;
        try {
            list = BenchmarkSuite.problems(suite, problems);
            range = seedRange(seeds == null ? "0-9" : seeds);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        java.util.Map<String, Object> typed = new java.util.LinkedHashMap<>();
        options.forEach((k, v) -> typed.put(k, optionValue(v)));
        int total = list.stream().mapToInt(p -> p.iters() * range.count()).sum();
        PrintStream err = System.err;
        ProgressBar bar = new ProgressBar("bench --suite " + suite, total, err, !noProgress);
        AtomicInteger done = new AtomicInteger();
        int threadCount = t;
        SuiteReport report = new SuiteRunner(new BenchmarkRunner()).run(suite, list, range.first(), range.count(), t,
                threadsPerRun, acquisition, typed, new SuiteRunner.Listener() {
                    @Override
                    public void iterationDone(SuiteProblem p, long seed, int it, double best) {
                        bar.update(done.incrementAndGet(), p.id(), false);
                    }

                    @Override
                    public void problemDone(SuiteReport soFar) {
                        SuiteReport.Entry last = soFar.entries().get(soFar.entries().size() - 1);
                        bar.message(String.format(Locale.ROOT, "%s done: median regret %s", last.problem().id(),
                                fmt(last.ours().medianRegret())));
                        writeSuiteJson(soFar, range, typed, threadCount);   // a partial file survives an interruption
                    }
                });
        bar.update(done.get(), "done", true);
        bar.finish();
        PrintStream o = System.out;
        o.printf(Locale.ROOT, "suite %s, seeds %d-%d, acquisition %s%n", suite, range.first(),
                range.first() + range.count() - 1, acquisition == null ? "default" : acquisition);
        o.print(report.table());
        if (json != null) {
            writeSuiteJson(report, range, typed, t);
            o.println("wrote " + json);
        }
        return 0;
    }

    /** Writes {@code report} with the run's settings to {@code --json} (if given); rewritten after every problem. */
    private void writeSuiteJson(SuiteReport report, SeedRange range, java.util.Map<String, Object> typed, int t) {
        if (json == null) {
            return;
        }
        try {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            if (json.toAbsolutePath().getParent() != null) {
                Files.createDirectories(json.toAbsolutePath().getParent());
            }
            java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
            doc.put("first_seed", range.first());
            doc.put("seeds", range.count());
            doc.put("acquisition", acquisition);
            doc.put("options", typed);
            doc.put("threads", t);
            doc.put("threads_per_run", threadsPerRun);
            doc.put("java", System.getProperty("java.version"));
            doc.put("processors", Runtime.getRuntime().availableProcessors());
            doc.putAll(report.toJson());
            mapper.writeValue(json.toFile(), doc);
        } catch (IOException e) {
            throw new CliException("cannot write " + json + ": " + e.getMessage(), e);
        }
    }

    private SeedRange seedRange(String text) {
        if (text.trim().indexOf('-') > 0 && firstSeed != 0) {
            throw new ParameterException(spec.commandLine(), "--seeds " + text + " gives the first seed; drop --first-seed");
        }
        try {
            return SeedRange.parse(text, firstSeed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Five significant digits (four below 1e-3 or from 1e6). */
    static String fmt(double v) {
        return SuiteReport.number(v, "%.4g", "%.5g");
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

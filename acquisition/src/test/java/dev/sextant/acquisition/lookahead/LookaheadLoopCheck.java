package dev.sextant.acquisition.lookahead;

import dev.sextant.core.generate.CandidateGenerator;
import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.generate.SobolGenerator;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Trial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Closed-loop benchmark (a program, not a test): Branin (4 Sobol + 12 iterations) and Hartmann6 (10 + 20), noise
 * free, q = 1, minimising; regret = true optimum − best true value found. Prints median final regret, median
 * wall seconds per model-based iteration (fit + acquisition), median fit seconds and median process CPU seconds
 * per iteration (all threads; robust to a loaded machine) per acquisition.
 *
 * <pre>
 * mvn -o -q -B -pl acquisition -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/la.cp -Dmdep.includeScope=test
 * java -cp acquisition/target/test-classes:acquisition/target/classes:$(cat /tmp/la.cp) \
 *      dev.sextant.acquisition.lookahead.LookaheadLoopCheck [seeds=10] \
 *      [acquisitions=lookahead2,lookahead2+b,lookahead3,lookahead3+b,kg,kg+b,qlognei,tree-logei] [problems=branin,hartmann6]
 * </pre>
 * Seeds are 1000, 1001, …; "tree-logei" is the k = 0 tree (analytic LogEI on the same GP and optimiser).
 * A suffix "+b" (e.g. lookahead2+b) passes the study's total budget, so the tree never looks beyond it.
 * "qlognei" is run through the acquisition module's strategy when that exists on the classpath (reflection on
 * dev.sextant.acquisition.Strategies.forAcquisition or BayesianGenerator), else skipped.
 */
public final class LookaheadLoopCheck {
    private LookaheadLoopCheck() {
    }

    record Problem(String name, int d, double optimum, int init, int iters, ToDoubleFunction<double[]> f,
                   double[] low, double[] high) {
    }

    static double branin(double[] v) {
        double x1 = v[0];
        double x2 = v[1];
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
    }

    private static final double[] H_ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] H_A = {
        {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] H_P = {
        {1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
        {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};

    static double hartmann6(double[] x) {
        double s = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                double t = x[j] - H_P[i][j] * 1e-4;
                inner += H_A[i][j] * t * t;
            }
            s += H_ALPHA[i] * Math.exp(-inner);
        }
        return -s;
    }

    static Problem problem(String name) {
        switch (name) {
            case "branin":
                return new Problem("branin", 2, 0.397887, 4, 12, LookaheadLoopCheck::branin, new double[] {-5, 0},
                        new double[] {10, 15});
            case "hartmann6":
                double[] lo = new double[6];
                double[] hi = new double[6];
                Arrays.fill(hi, 1);
                return new Problem("hartmann6", 6, -3.32237, 10, 20, LookaheadLoopCheck::hartmann6, lo, hi);
            default:
                throw new IllegalArgumentException("unknown problem " + name);
        }
    }

    /** The generator for an acquisition name: ours, or the acquisition module's (by reflection), or empty. */
    static Optional<CandidateGenerator> generator(String acquisition, StudySpec spec) {
        if (acquisition.equals("tree-logei")) { // the k = 0 tree: analytic LogEI with the same GP and optimiser
            return Optional.of(new LookaheadGenerator("bayes:tree-logei", LookaheadOptions.steps(spec.seed())));
        }
        Optional<CandidateGenerator> ours = LookaheadGenerators.forName(acquisition, spec);
        if (ours.isPresent()) {
            return ours;
        }
        try {
            Class<?> strategies = Class.forName("dev.sextant.acquisition.Strategies");
            Object s = strategies.getMethod("defaultFor", StudySpec.class).invoke(null, spec);
            List<CandidateGenerator> gens = ((GenerationStrategy) s).generators();
            return Optional.of(gens.get(gens.size() - 1));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Returns {final regret, median seconds per model-based iteration}. */
    static double[] run(Problem p, String acquisition, long seed) {
        SearchSpace.Builder b = SearchSpace.builder();
        for (int i = 0; i < p.d(); i++) {
            b.addFloat("x" + i, p.low()[i], p.high()[i]);
        }
        SearchSpace space = b.build();
        boolean budgetAware = acquisition.endsWith("+b");
        String acq = budgetAware ? acquisition.substring(0, acquisition.length() - 2) : acquisition;
        Map<String, Object> options = budgetAware ? Map.of("budget", p.init() + p.iters()) : Map.of();
        StudySpec spec = new StudySpec(p.name() + "-" + acquisition + "-" + seed, space, Objective.minimize("f"),
                List.of(), new GenerationSettings(p.init(), acq, options), seed);
        CandidateGenerator gen = generator(acq, spec).orElseThrow(
                () -> new IllegalStateException("acquisition '" + acquisition + "' is not available"));
        GenerationStrategy strategy = GenerationStrategy.builder().then(new SobolGenerator(), p.init()).last(gen).build();
        Study study = Study.create(spec, new InMemoryStorage(), strategy);
        double best = Double.POSITIVE_INFINITY;
        List<Double> times = new ArrayList<>();
        List<Double> fits = new ArrayList<>();
        List<Double> cpus = new ArrayList<>();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < p.init() + p.iters(); i++) {
            long t0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            Trial t = study.ask();
            double sec = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - c0) / 1e9;
            if (i >= p.init()) {
                times.add(sec);
                cpus.add(cpu);
                Object fit = t.generation().get("fit_seconds");
                if (fit instanceof Number num) {
                    fits.add(num.doubleValue());
                }
            }
            double[] x = new double[p.d()];
            for (int j = 0; j < p.d(); j++) {
                x[j] = ((Number) t.parameters().get("x" + j)).doubleValue();
            }
            double v = p.f().applyAsDouble(x);
            best = Math.min(best, v);
            study.tell(t, Map.of("f", v));
        }
        return new double[] {best - p.optimum(), median(times.stream().mapToDouble(Double::doubleValue).toArray()),
            median(fits.stream().mapToDouble(Double::doubleValue).toArray()),
            median(cpus.stream().mapToDouble(Double::doubleValue).toArray())};
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    public static void main(String[] args) {
        int seeds = 10;
        List<String> acqs = List.of("lookahead2", "lookahead3", "kg", "tree-logei", "qlognei");
        List<String> problems = List.of("branin", "hartmann6");
        for (String a : args) {
            if (a.startsWith("seeds=")) {
                seeds = Integer.parseInt(a.substring(6));
            } else if (a.startsWith("acquisitions=")) {
                acqs = List.of(a.substring(13).split(","));
            } else if (a.startsWith("problems=")) {
                problems = List.of(a.substring(9).split(","));
            }
        }
        System.out.printf("%-10s %-13s %6s %14s %14s %12s %12s %12s%n", "problem", "acquisition", "seeds",
                "median regret", "mean regret", "median s/it", "fit s/it", "cpu s/it");
        for (String pn : problems) {
            Problem p = problem(pn);
            for (String acq : acqs) {
                double[] regrets = new double[seeds];
                double[] secs = new double[seeds];
                double[] fitSecs = new double[seeds];
                double[] cpuSecs = new double[seeds];
                try {
                    for (int s = 0; s < seeds; s++) {
                        double[] r = run(p, acq, 1000 + s);
                        regrets[s] = r[0];
                        secs[s] = r[1];
                        fitSecs[s] = r[2];
                        cpuSecs[s] = r[3];
                    }
                } catch (IllegalStateException e) {
                    System.out.printf("%-10s %-13s skipped: %s%n", pn, acq, e.getMessage());
                    continue;
                }
                System.out.printf("%-10s %-13s %6d %14.4g %14.4g %12.3f %12.3f %12.3f   regrets %s%n", pn, acq,
                        seeds, median(regrets), Arrays.stream(regrets).average().orElse(Double.NaN), median(secs),
                        median(fitSecs), median(cpuSecs),
                        Arrays.toString(Arrays.stream(regrets).map(r -> Math.round(r * 1e4) / 1e4).toArray()));
            }
        }
    }
}

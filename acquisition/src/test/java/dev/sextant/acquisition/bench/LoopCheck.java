package dev.sextant.acquisition.bench;

import dev.sextant.acquisition.Strategies;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.OutcomeConstraint;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Trial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Closed-loop benchmark harness for tuning (anchors protocol, section 1): Sobol init + iters of q = 1, score =
 * best TRUE value (among truly feasible points), median regret and median seconds per BO iteration over seeds.
 *
 * <pre>java ... LoopCheck PROBLEM SEEDS [ACQ] [THREADS] [FIRST_SEED]
 *   PROBLEM: branin | hartmann6 | hartmann6-noisy | ackley10 | hartmann6-constrained | all</pre>
 */
public final class LoopCheck {
    record Problem(String name, int d, double[] lo, double[] hi, int init, int iters, double noise, double optimum,
                   Function<double[], Double> f, boolean constrained) {}

    static final double[][] H6_A = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8},
        {17, 8, 0.05, 10, 0.1, 14}};
    static final double[][] H6_P = {{1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
        {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};
    static final double[] H6_ALPHA = {1.0, 1.2, 3.0, 3.2};

    static double hartmann6(double[] x) {
        double s = 0;
        for (int i = 0; i < 4; i++) {
            double e = 0;
            for (int j = 0; j < 6; j++) e += H6_A[i][j] * Math.pow(x[j] - 1e-4 * H6_P[i][j], 2);
            s += H6_ALPHA[i] * Math.exp(-e);
        }
        return -s;
    }

    static double branin(double[] x) {
        double a = 1, b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, r = 6, s = 10, t = 1 / (8 * Math.PI);
        return a * Math.pow(x[1] - b * x[0] * x[0] + c * x[0] - r, 2) + s * (1 - t) * Math.cos(x[0]) + s;
    }

    static double ackley(double[] x) {
        int d = x.length;
        double s1 = 0, s2 = 0;
        for (double v : x) { s1 += v * v; s2 += Math.cos(2 * Math.PI * v); }
        return -20 * Math.exp(-0.2 * Math.sqrt(s1 / d)) - Math.exp(s2 / d) + 20 + Math.E;
    }

    static Problem problem(String name) {
        switch (name) {
            case "branin": return new Problem(name, 2, new double[] {-5, 0}, new double[] {10, 15}, 5, 25, 0,
                0.397887357729738, LoopCheck::branin, false);
            case "hartmann6": return new Problem(name, 6, fill(6, 0), fill(6, 1), 10, 40, 0, -3.32236801141551,
                LoopCheck::hartmann6, false);
            case "hartmann6-noisy": return new Problem(name, 6, fill(6, 0), fill(6, 1), 10, 40, 0.1, -3.32236801141551,
                LoopCheck::hartmann6, false);
            case "ackley10": return new Problem(name, 10, fill(10, -32.768), fill(10, 32.768), 20, 40, 0, 0,
                LoopCheck::ackley, false);
            case "hartmann6-constrained": return new Problem(name, 6, fill(6, 0), fill(6, 1), 10, 30, 0.1,
                -3.32236801141551, LoopCheck::hartmann6, true);
            default: throw new IllegalArgumentException("unknown problem " + name);
        }
    }

    static double[] fill(int d, double v) {
        double[] a = new double[d];
        Arrays.fill(a, v);
        return a;
    }

    record RunResult(double regret, double secondsPerIter, double fitSeconds, double optSeconds) {}

    static RunResult run(Problem p, long seed, String acq, int threads) {
        SearchSpace.Builder b = SearchSpace.builder();
        for (int i = 0; i < p.d; i++) b.addFloat("x" + i, p.lo[i], p.hi[i]);
        SearchSpace space = b.build();
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("threads", threads);
        for (String k : System.getProperties().stringPropertyNames()) {
            if (k.startsWith("opt.")) opts.put(k.substring(4), System.getProperty(k));
        }
        List<OutcomeConstraint> cons = p.constrained ? List.of(OutcomeConstraint.parse("c <= 3")) : List.of();
        StudySpec spec = new StudySpec(p.name + "-" + seed, space, new Objective("f", Goal.MINIMIZE), cons,
            new GenerationSettings(p.init, acq, opts), seed);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.forAcquisition(acq, spec));
        SplittableRandom noise = new SplittableRandom(seed * 7919 + 1);
        double best = Double.POSITIVE_INFINITY;
        double boSeconds = 0, fit = 0, opt = 0;
        int boIters = 0;
        for (int it = 0; it < p.init + p.iters; it++) {
            long t0 = CPU_TIME ? MX.getCurrentThreadCpuTime() : System.nanoTime();
            Trial t = study.ask();
            double dt = ((CPU_TIME ? MX.getCurrentThreadCpuTime() : System.nanoTime()) - t0) / 1e9;
            if (it >= p.init) {
                boSeconds += dt;
                boIters++;
                Object fs = t.generation().get("fit_seconds"), os = t.generation().get("optimize_seconds");
                if (fs instanceof Number n) fit += n.doubleValue();
                if (os instanceof Number n) opt += n.doubleValue();
            }
            double[] x = new double[p.d];
            for (int i = 0; i < p.d; i++) x[i] = ((Number) t.parameters().get("x" + i)).doubleValue();
            double fx = p.f.apply(x);
            Map<String, Double> vals = new LinkedHashMap<>();
            vals.put("f", fx + p.noise * noise.nextGaussian());
            double sum = 0;
            for (double v : x) sum += v;
            boolean feasible = true;
            if (p.constrained) {
                vals.put("c", sum + p.noise * noise.nextGaussian());
                feasible = sum <= 3;
            }
            study.tell(t.number(), vals);
            if (VERBOSE && it >= p.init) System.out.printf("  it %d f=%.5f best=%.5f %s%n", it, fx, Math.min(best, fx), t.generation().get("hyperparameters"));
            if (feasible) best = Math.min(best, fx);
        }
        double regret = Double.isFinite(best) ? Math.abs(best - p.optimum) : Double.NaN;
        return new RunResult(regret, boSeconds / Math.max(1, boIters), fit / Math.max(1, boIters),
            opt / Math.max(1, boIters));
    }

    /** -Dcpu=true: measure thread CPU time instead of wall time (for a loaded shared machine; threads = 1). */
    static final boolean VERBOSE = Boolean.getBoolean("verbose");
    static final boolean CPU_TIME = Boolean.getBoolean("cpu");
    static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Double::compare);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : 0.5 * (s.get(n / 2 - 1) + s.get(n / 2));
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "branin";
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String acq = args.length > 2 ? args[2] : "qlognei";
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        long first = args.length > 4 ? Long.parseLong(args[4]) : 0;
        List<String> names = name.equals("all")
            ? List.of("branin", "hartmann6", "hartmann6-noisy", "ackley10", "hartmann6-constrained") : List.of(name);
        for (String n : names) {
            Problem p = problem(n);
            List<Double> regrets = new ArrayList<>(), secs = new ArrayList<>();
            for (long s = first; s < first + seeds; s++) {
                RunResult r = run(p, s, acq, threads);
                regrets.add(r.regret());
                secs.add(r.secondsPerIter());
                System.out.printf("%s seed %d: regret %.5g  s/iter %.4f (fit %.4f, opt %.4f)%n", n, s, r.regret(),
                    r.secondsPerIter(), r.fitSeconds(), r.optSeconds());
            }
            System.out.printf("%s (%s, %d seeds, %d+%d, noise %.2g): median regret %.5g  median s/iter %.4f%n", n, acq,
                seeds, p.init, p.iters, p.noise, median(regrets), median(secs));
        }
    }
}

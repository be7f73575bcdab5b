package dev.sextant.experiments.benchmark;

import static dev.sextant.experiments.benchmark.BenchmarkResult.finite;

import dev.sextant.acquisition.Strategies;
import dev.sextant.core.pareto.Hypervolume;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The multi-objective closed-loop protocol: a study with objectives f0…f{m−1} (all minimised, each with the problem's
 * reference value as its threshold) and, for a constrained problem, the outcome constraint {@code c0 >= 0}; the first
 * {@code init} points are the study's scrambled Sobol design, then {@code iters} iterations ask {@code batch} points
 * each; observations get Gaussian noise of SD {@code noise}; after every iteration the score is the hypervolume of the
 * TRUE objective values of the evaluated points that are feasible by their true constraint value, above the reference
 * point; a run's result is log10(max HV − final HV). Each seed is one study on one thread; seeds run in parallel.
 */
public final class MultiObjectiveBenchmark {
    private MultiObjectiveBenchmark() {
    }

    /** Told after every iteration of every seed (from the seed's thread): hypervolume so far. */
    public interface Listener {
        void iterationDone(long seed, int iteration, double hypervolume);
    }

    /** One seed: the hypervolume after each iteration, after the Sobol start, and the mean seconds per iteration. */
    public record SeedRun(long seed, List<Double> hv, double initHv, double secondsPerIter) {
        public SeedRun {
            hv = List.copyOf(hv);
        }

        /** The final hypervolume (the Sobol start's without iterations). */
        public double finalHv() {
            return hv.isEmpty() ? initHv : hv.get(hv.size() - 1);
        }
    }

    /**
     * All seeds of one problem.
     *
     * @param settings the run's settings (problem, init, iters, batch, noise, seeds, acquisition, options)
     */
    public record Result(MultiObjectiveProblem problem, BenchmarkSettings settings, String acquisition,
                         List<SeedRun> seeds) {
        public Result {
            seeds = List.copyOf(seeds);
        }

        /** log10(max HV − HV) of a hypervolume (−∞ at or above the maximum, which BoTorch's is only approximately). */
        public double log10Regret(double hv) {
            return Math.log10(problem.maxHypervolume() - hv);
        }

        public double medianLog10HvRegret() {
            return BenchmarkResult.median(seeds.stream().mapToDouble(s -> log10Regret(s.finalHv())).toArray());
        }

        public double medianSecondsPerIter() {
            return BenchmarkResult.median(seeds.stream().mapToDouble(SeedRun::secondsPerIter).toArray());
        }

        /**
         * The JSON of {@code sextant bench --out} for a multi-objective problem: the single-objective keys where they
         * apply ("problem", "dim", "init", "iters", "batch", "noise", "acquisition", "median_seconds_per_iter") plus
         * "objectives", "reference_point", "max_hypervolume", "median_log10_hv_regret" and per seed {"seed", "hv"
         * (after each iteration), "init_hv", "log10_hv_regret", "seconds_per_iter"}; non-finite numbers become null.
         */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("problem", problem.name());
            m.put("dim", problem.dimension());
            m.put("objectives", problem.objectives());
            BenchmarkResult.putProtocol(m, settings.init(), settings.iters(), settings.batch(), settings.noise(),
                    acquisition);
            List<Double> ref = new ArrayList<>();
            for (double r : problem.referencePoint()) ref.add(r);
            m.put("reference_point", ref);
            m.put("max_hypervolume", problem.maxHypervolume());
            m.put("median_log10_hv_regret", finite(medianLog10HvRegret()));
            m.put("median_seconds_per_iter", finite(medianSecondsPerIter()));
            List<Object> list = new ArrayList<>();
            for (SeedRun s : seeds) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("seed", s.seed());
                e.put("hv", s.hv());
                e.put("init_hv", s.initHv());
                e.put("log10_hv_regret", finite(log10Regret(s.finalHv())));
                e.put("seconds_per_iter", finite(s.secondsPerIter()));
                list.add(e);
            }
            m.put("seeds", list);
            return m;
        }
    }

    /** The study spec of one seed's run (see the class comment). */
    public static StudySpec spec(MultiObjectiveProblem p, BenchmarkSettings s, long seed) {
        SearchSpace.Builder b = SearchSpace.builder();
        for (int j = 0; j < p.dimension(); j++) b.addFloat("x" + j, p.lower()[j], p.upper()[j]);
        List<Objective> objectives = new ArrayList<>();
        for (int k = 0; k < p.objectives(); k++) {
            objectives.add(new Objective("f" + k, Goal.MINIMIZE, p.referencePoint()[k]));
        }
        List<OutcomeConstraint> cons = p.constrained() ? List.of(OutcomeConstraint.parse("c0 >= 0")) : List.of();
        // no acquisition given: the study's default, qlognehvi
        return new StudySpec("bench-" + p.name() + "-" + seed, b.build(), objectives, cons,
                new GenerationSettings(s.init(), s.acquisition(), BenchmarkRunner.generationOptions(s)), seed);
    }

    /** Runs every seed of {@code p}; {@code listener} may be null. */
    public static Result run(MultiObjectiveProblem p, BenchmarkSettings s, Listener listener) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(s.threads(), s.seeds()), r -> {
            Thread t = new Thread(r, "bench-seed");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SeedRun>> futures = new ArrayList<>();
            for (int i = 0; i < s.seeds(); i++) {
                long seed = s.firstSeed() + i;
                futures.add(pool.submit(() -> runSeed(p, s, seed, listener)));
            }
            List<SeedRun> runs = new ArrayList<>();
            for (Future<SeedRun> f : futures) runs.add(f.get());
            return new Result(p, s, acquisitionName(p, s), runs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static String acquisitionName(MultiObjectiveProblem p, BenchmarkSettings s) {
        return s.acquisition() == null ? GenerationSettings.MULTI_OBJECTIVE_DEFAULT_ACQUISITION : s.acquisition();
    }

    /** One seed's closed loop (on the calling thread). */
    public static SeedRun runSeed(MultiObjectiveProblem p, BenchmarkSettings s, long seed, Listener listener) {
        StudySpec spec = spec(p, s, seed);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        Random noise = new Random(0x5eed0000L ^ (seed * 0x9E3779B97F4A7C15L));
        List<double[]> front = new ArrayList<>(); // true values of the feasible evaluated points, maximise convention
        evaluate(p, study, study.ask(s.init()), s.noise(), noise, front);
        double[] ref = new double[p.objectives()];
        for (int k = 0; k < ref.length; k++) ref[k] = -p.referencePoint()[k];
        double initHv = Hypervolume.of(front.toArray(new double[0][]), ref);
        List<Double> curve = new ArrayList<>();
        long total = 0;
        for (int it = 0; it < s.iters(); it++) {
            long t0 = System.nanoTime();
            evaluate(p, study, study.ask(s.batch()), s.noise(), noise, front);
            total += System.nanoTime() - t0;
            double hv = Hypervolume.of(front.toArray(new double[0][]), ref);
            curve.add(hv);
            if (listener != null) listener.iterationDone(seed, it + 1, hv);
        }
        return new SeedRun(seed, curve, initHv, s.iters() == 0 ? 0 : total / 1e9 / s.iters());
    }

    private static void evaluate(MultiObjectiveProblem p, Study study, List<Trial> trials, double sd, Random noise,
                                 List<double[]> front) {
        int d = p.dimension();
        for (Trial t : trials) {
            double[] x = new double[d];
            for (int j = 0; j < d; j++) x[j] = ((Number) t.parameters().get("x" + j)).doubleValue();
            double[] y = p.values().apply(x);
            Map<String, Double> values = new HashMap<>();
            for (int k = 0; k < y.length; k++) values.put("f" + k, y[k] + sd * noise.nextGaussian());
            if (p.constrained()) values.put("c0", p.slack().applyAsDouble(x) + sd * noise.nextGaussian());
            study.tell(t.number(), values);
            if (p.feasible(x)) {
                double[] max = new double[y.length];
                for (int k = 0; k < y.length; k++) max[k] = -y[k];
                front.add(max);
            }
        }
    }
}

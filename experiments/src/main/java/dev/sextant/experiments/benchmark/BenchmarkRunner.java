package dev.sextant.experiments.benchmark;

import dev.sextant.acquisition.Strategies;
import dev.sextant.core.generate.GenerationStrategy;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The closed-loop protocol of the reference measurements (anchors README, section 1): maximise the score of a test
 * function (the negated function for minimisation problems); the first {@code init} points are the study's scrambled
 * Sobol design, then {@code iters} iterations ask {@code batch} points each; every observation (objective and
 * constraint metrics) gets Gaussian noise of SD {@code noise}; the score of a run is the best TRUE value among the
 * evaluated points (for constrained problems among those feasible by their true constraint values); regret =
 * |optimum − best|. Each seed is one study run on one thread; seeds run in parallel on up to {@code threads}.
 */
public final class BenchmarkRunner {
    /** Metric name of the objective in benchmark studies. */
    public static final String OBJECTIVE = "score";

    /** Told after every iteration of every seed (from the seed's thread): best true score so far. */
    public interface Listener {
        void iterationDone(long seed, int iteration, double best);
    }

    private final Function<StudySpec, GenerationStrategy> strategies;

    /** A runner using {@link Strategies#defaultFor} (Sobol for {@code init} trials, then the acquisition) per study. */
    public BenchmarkRunner() {
        this(Strategies::defaultFor);
    }

    public BenchmarkRunner(Function<StudySpec, GenerationStrategy> strategies) {
        this.strategies = strategies;
    }

    /**
     * The study spec of one seed's run: parameters x0…x{d−1} on the function's box, objective "score" maximised,
     * generation option {@code threads} = threadsPerRun (the protocol gives each run one CPU thread).
     */
    public static StudySpec spec(TestFunction f, BenchmarkSettings s, long seed) {
        SearchSpace.Builder b = SearchSpace.builder();
        double[] lo = f.lower();
        double[] hi = f.upper();
        for (int j = 0; j < f.dimension(); j++) {
            b.addFloat("x" + j, lo[j], hi[j]);
        }
        List<OutcomeConstraint> cons = new ArrayList<>();
        for (ConstraintFunction c : f.constraints()) {
            cons.add(OutcomeConstraint.parse(c.text()));
        }
        String acq = s.acquisition() == null ? GenerationSettings.DEFAULT_ACQUISITION : s.acquisition();
        return new StudySpec("bench-" + f.name() + "-" + seed, b.build(), new Objective(OBJECTIVE, Goal.MAXIMIZE), cons,
                // budget: the study's total trial count, which lets lookahead stop looking past the last trial
                new GenerationSettings(s.init(), acq, generationOptions(s)), seed);
    }

    /** Runs every seed; {@code listener} may be null. */
    public BenchmarkResult run(BenchmarkSettings s, Listener listener) {
        TestFunction f = TestFunctions.byName(s.problem(), s.dim());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(s.threads(), s.seeds()), r -> {
            Thread t = new Thread(r, "bench-seed");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SeedResult>> futures = new ArrayList<>();
            for (int i = 0; i < s.seeds(); i++) {
                long seed = s.firstSeed() + i;
                futures.add(pool.submit(() -> runSeed(f, s, seed, listener)));
            }
            List<SeedResult> results = new ArrayList<>();
            for (Future<SeedResult> fu : futures) {
                results.add(fu.get());
            }
            String acq = s.acquisition() == null ? GenerationSettings.DEFAULT_ACQUISITION : s.acquisition();
            return new BenchmarkResult(f.name(), f.dimension(), s.init(), s.iters(), s.batch(), s.noise(), acq,
                    f.optimalScore(), results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One seed's closed loop (on the calling thread). */
    public SeedResult runSeed(TestFunction f, BenchmarkSettings s, long seed, Listener listener) {
        StudySpec spec = spec(f, s, seed);
        Study study = Study.create(spec, new InMemoryStorage(), strategies.apply(spec));
        Random noise = new Random(0x5eed0000L ^ (seed * 0x9E3779B97F4A7C15L));
        double[] best = {Double.NaN};
        evaluate(f, study, study.ask(s.init()), s.noise(), noise, best);
        double initBest = best[0];
        List<Double> curve = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        long total = 0;
        for (int it = 0; it < s.iters(); it++) {
            long t0 = System.nanoTime();
            List<Trial> batch = study.ask(s.batch());
            evaluate(f, study, batch, s.noise(), noise, best);
            long elapsed = System.nanoTime() - t0;
            total += elapsed;
            times.add(elapsed / 1e9);
            curve.add(best[0]);
            if (listener != null) {
                listener.iterationDone(seed, it + 1, best[0]);
            }
        }
        double opt = f.optimalScore();
        double regret = Double.isNaN(best[0]) ? Double.POSITIVE_INFINITY : Math.abs(opt - best[0]);
        double spi = s.iters() == 0 ? 0 : total / 1e9 / s.iters();
        return new SeedResult(seed, curve, regret, spi, initBest, times);
    }

    private static void evaluate(TestFunction f, Study study, List<Trial> trials, double sd, Random noise, double[] best) {
        int d = f.dimension();
        for (Trial t : trials) {
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                x[j] = ((Number) t.parameters().get("x" + j)).doubleValue();
            }
            double score = f.score(x);
            Map<String, Double> values = new HashMap<>();
            values.put(OBJECTIVE, score + sd * noise.nextGaussian());
            boolean feasible = true;
            for (ConstraintFunction c : f.constraints()) {
                double v = c.value(x);
                feasible &= c.satisfiedBy(v);
                values.put(c.metric(), v + sd * noise.nextGaussian());
            }
            study.tell(t.number(), values);
            if (feasible && (Double.isNaN(best[0]) || score > best[0])) {
                best[0] = score;
            }
        }
    }

    /** The study's generation options: the user's, plus threads per run and the trial budget (which lets lookahead
     *  stop looking past the last trial). */
    static Map<String, Object> generationOptions(BenchmarkSettings s) {
        Map<String, Object> o = new java.util.LinkedHashMap<>(s.options());
        o.put("threads", s.threadsPerRun());
        o.putIfAbsent("budget", s.init() + s.iters() * s.batch());
        return o;
    }
}

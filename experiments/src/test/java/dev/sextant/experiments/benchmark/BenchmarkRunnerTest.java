package dev.sextant.experiments.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.generate.GenerationStrategy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkRunnerTest {
    private final BenchmarkRunner sobol = new BenchmarkRunner(spec -> GenerationStrategy.sobolOnly());

    @Test
    void protocolCurveRegretAndJsonShape() {
        BenchmarkSettings s = new BenchmarkSettings("branin", 0, 5, 6, 2, 0.0, 3, 2, 1, "sobol", 10);
        BenchmarkResult r = sobol.run(s, null);
        assertEquals("branin", r.problem());
        assertEquals(-0.39788735772973816, r.optimum(), 1e-12);
        assertEquals(3, r.seeds().size());
        for (SeedResult sr : r.seeds()) {
            assertEquals(6, sr.best().size());
            for (int i = 1; i < sr.best().size(); i++) {
                assertTrue(sr.best().get(i) >= sr.best().get(i - 1), "best-so-far never decreases");
            }
            assertTrue(sr.best().get(0) >= sr.initBest());
            double last = sr.best().get(5);
            assertTrue(last <= r.optimum() + 1e-12);
            assertEquals(Math.abs(r.optimum() - last), sr.regret(), 1e-12);
        }
        assertEquals(List.of(10L, 11L, 12L), r.seeds().stream().map(SeedResult::seed).toList());
        Map<String, Object> json = r.toJson();
        assertEquals(List.of("problem", "dim", "init", "iters", "batch", "noise", "acquisition", "optimum", "median_regret",
                "median_seconds_per_iter", "seeds"), List.copyOf(json.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> seed0 = ((List<Map<String, Object>>) json.get("seeds")).get(0);
        assertEquals(List.of("seed", "best", "regret", "seconds_per_iter", "iteration_seconds"),
                List.copyOf(seed0.keySet()));
        for (SeedResult sr : r.seeds()) {
            assertEquals(6, sr.iterationSeconds().size(), "one wall time per iteration");
            double sum = sr.iterationSeconds().stream().mapToDouble(Double::doubleValue).sum();
            assertEquals(sr.secondsPerIter(), sum / 6, 1e-9, "their mean is seconds_per_iter");
        }
        double[] regrets = r.seeds().stream().mapToDouble(SeedResult::regret).sorted().toArray();
        assertEquals(regrets[1], r.medianRegret(), 0);
    }

    @Test
    void sameSeedSameRunAndNoiseDoesNotChangeTheTrueScore() {
        BenchmarkSettings s = new BenchmarkSettings("hartmann6-constrained", 0, 6, 4, 1, 0.5, 1, 1, 1, "sobol", 3);
        TestFunction f = TestFunctions.byName("hartmann6-constrained", 0);
        SeedResult a = sobol.runSeed(f, s, 3, null);
        SeedResult b = sobol.runSeed(f, s, 3, null);
        assertEquals(a.best(), b.best());
        // with noise the recorded best is still a true value of an evaluated feasible point: never above the optimum
        for (double v : a.best()) {
            assertTrue(Double.isNaN(v) || v <= f.optimalScore());
        }
    }

    @Test
    void userOptionsReachTheStudyWithThreadsAndTheTrialBudget() {
        BenchmarkSettings s = new BenchmarkSettings("branin", 0, 5, 6, 2, 0.0, 1, 1, 1, "qlognei", 0,
                Map.of("fixed_outputscale", true, "threads", 8));
        Map<String, Object> o = BenchmarkRunner.generationOptions(s);
        assertEquals(true, o.get("fixed_outputscale"));
        assertEquals(1, o.get("threads"), "threads per run wins over a user value");
        assertEquals(5 + 6 * 2, o.get("budget"));
        assertEquals(7, BenchmarkRunner.generationOptions(new BenchmarkSettings("branin", 0, 5, 6, 2, 0.0, 1, 1, 1,
                "qlognei", 0, Map.of("budget", 7))).get("budget"), "a user budget is kept");
    }
}

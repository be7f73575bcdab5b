package dev.sextant.experiments.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.pareto.Hypervolume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The multi-objective problems against values worked out by hand and their known fronts (dense samples of the true
 * Pareto front approach BoTorch's maximal hypervolume from below), and the closed loop end to end: qLogNEHVI through
 * Study.ask/tell on Branin-Currin reaches a higher hypervolume than Sobol alone with the same number of points.
 */
class MultiObjectiveBenchmarkTest {
    static final Map<String, Object> FAST = Map.of("raw_samples", 512, "restarts", 4, "mc_samples", 64);

    @Test
    void braninCurrinAtTheOrigin() {
        MultiObjectiveProblem p = MultiObjectiveProblems.byName("branin-currin", 0, 0);
        double[] y = p.values().apply(new double[] {0, 0});
        // Branin at (−5, 0): (−5.1·25/(4π²) − 25/π − 6)² + 10(1 − 1/(8π))cos(−5) + 10; Currin at x1 = 0: 60/20
        double u = -5.1 * 25 / (4 * Math.PI * Math.PI) - 25 / Math.PI - 6;
        assertEquals(u * u + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(-5) + 10, y[0], 1e-12);
        assertEquals(3.0, y[1], 1e-12);
    }

    @Test
    void denseTrueFrontsApproachTheMaximalHypervolume() {
        check(MultiObjectiveProblems.byName("zdt1", 5, 0), t -> new double[] {t, 1 - Math.sqrt(t)});
        check(MultiObjectiveProblems.byName("zdt2", 3, 0), t -> new double[] {t, 1 - t * t});
        check(MultiObjectiveProblems.byName("dtlz2", 6, 2), t -> new double[] {Math.cos(t * Math.PI / 2),
            Math.sin(t * Math.PI / 2)});
        // and through the problem's own function: DTLZ2's optimal points have x_i = 0.5 beyond the first m − 1
        MultiObjectiveProblem d3 = MultiObjectiveProblems.byName("dtlz2", 5, 3);
        List<double[]> pts = new ArrayList<>();
        int g = 120;
        for (int i = 0; i <= g; i++) {
            for (int j = 0; j <= g; j++) {
                double[] y = d3.values().apply(new double[] {i / (double) g, j / (double) g, 0.5, 0.5, 0.5});
                assertEquals(1.0, y[0] * y[0] + y[1] * y[1] + y[2] * y[2], 1e-12);
                pts.add(neg(y));
            }
        }
        double hv = Hypervolume.of(pts.toArray(new double[0][]), neg(d3.referencePoint()));
        assertTrue(hv < d3.maxHypervolume() && hv > d3.maxHypervolume() - 0.01, hv + " vs " + d3.maxHypervolume());
    }

    private static void check(MultiObjectiveProblem p, java.util.function.DoubleFunction<double[]> front) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i <= 4000; i++) pts.add(neg(front.apply(i / 4000.0)));
        double hv = Hypervolume.of(pts.toArray(new double[0][]), neg(p.referencePoint()));
        assertTrue(hv <= p.maxHypervolume() + 1e-9 && hv > p.maxHypervolume() - 1e-3,
            p.name() + ": " + hv + " vs " + p.maxHypervolume());
    }

    private static double[] neg(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) o[i] = -v[i];
        return o;
    }

    @Test
    void c2dtlz2IsFeasibleNearTheFrontsMiddleAndEnds() {
        MultiObjectiveProblem p = MultiObjectiveProblems.byName("c2dtlz2", 4, 0);
        assertTrue(p.constrained());
        assertTrue(p.feasible(new double[] {0.5, 0.5, 0.5, 0.5}), "(1/√2, 1/√2) is inside the middle disc");
        assertTrue(p.feasible(new double[] {0.0, 0.5, 0.5, 0.5}), "(1, 0) is at the centre of an end disc");
        assertTrue(!p.feasible(new double[] {0.25, 0.5, 0.5, 0.5}), "between the discs on the front is infeasible");
    }

    @Test
    void unknownShapesAreRejectedWithWhatIsDefined() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MultiObjectiveProblems.byName("dtlz2", 3, 4))
            .getMessage().contains("2 or 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MultiObjectiveProblems.byName("branin-currin", 3, 0))
            .getMessage().contains("dimension 2"));
        assertTrue(MultiObjectiveProblems.exists("ZDT3") && !MultiObjectiveProblems.exists("branin"));
    }

    @Test
    void qLogNehviBeatsSobolOnBraninCurrinThroughAskAndTell() {
        MultiObjectiveProblem p = MultiObjectiveProblems.byName("branin-currin", 0, 0);
        for (long seed = 0; seed < 2; seed++) {
            BenchmarkSettings bo = new BenchmarkSettings("branin-currin", 0, 6, 8, 1, 0.0, 1, 1, 2, null, seed, FAST);
            BenchmarkSettings sobol = new BenchmarkSettings("branin-currin", 0, 6, 8, 1, 0.0, 1, 1, 1, "sobol", seed);
            MultiObjectiveBenchmark.SeedRun a = MultiObjectiveBenchmark.runSeed(p, bo, seed, null);
            MultiObjectiveBenchmark.SeedRun b = MultiObjectiveBenchmark.runSeed(p, sobol, seed, null);
            assertEquals(a.initHv(), b.initHv(), 0, "the same Sobol start");
            assertEquals(8, a.hv().size());
            for (int i = 1; i < a.hv().size(); i++) assertTrue(a.hv().get(i) >= a.hv().get(i - 1));
            assertTrue(a.finalHv() > b.finalHv() + 1, "seed " + seed + ": qLogNEHVI " + a.finalHv() + " vs Sobol "
                + b.finalHv());
        }
    }

    @Test
    void jsonHasTheRegretAndEverySeedsCurve() {
        MultiObjectiveProblem p = MultiObjectiveProblems.byName("c2dtlz2", 0, 0);
        BenchmarkSettings s = new BenchmarkSettings("c2dtlz2", 0, 5, 3, 1, 0.0, 2, 2, 1, "sobol", 0);
        MultiObjectiveBenchmark.Result r = MultiObjectiveBenchmark.run(p, s, null);
        Map<String, Object> json = r.toJson();
        assertEquals(List.of("problem", "dim", "objectives", "init", "iters", "batch", "noise", "acquisition",
            "reference_point", "max_hypervolume", "median_log10_hv_regret", "median_seconds_per_iter", "seeds"),
            List.copyOf(json.keySet()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> seeds = (List<Map<String, Object>>) json.get("seeds");
        assertEquals(2, seeds.size());
        assertEquals(3, ((List<?>) seeds.get(0).get("hv")).size());
        double r0 = (Double) seeds.get(0).get("log10_hv_regret"), r1 = (Double) seeds.get(1).get("log10_hv_regret");
        assertEquals(0.5 * (r0 + r1), (Double) json.get("median_log10_hv_regret"), 1e-12);
        double hv = r.seeds().get(0).finalHv();
        assertEquals(Math.log10(p.maxHypervolume() - hv), r0, 1e-12);
    }
}

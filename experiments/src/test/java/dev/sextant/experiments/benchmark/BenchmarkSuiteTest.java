package dev.sextant.experiments.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.generate.GenerationStrategy;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkSuiteTest {
    private final BenchmarkRunner sobol = new BenchmarkRunner(spec -> GenerationStrategy.sobolOnly());

    @Test
    void thePublicSuiteHasEveryProblemWithItsProtocol() {
        List<SuiteProblem> all = BenchmarkSuite.problems("public", null);
        assertEquals(List.of("branin", "hartmann6", "hartmann6-noisy", "ackley10", "hartmann6-constrained",
                "six-hump-camel", "griewank5", "cosine8", "levy10", "ackley20", "branin-q4", "hartmann6-q4"),
                all.stream().map(SuiteProblem::id).toList());
        SuiteProblem noisy = all.get(2);
        assertEquals(List.of(10, 40, 1), List.of(noisy.init(), noisy.iters(), noisy.batch()));
        assertEquals(0.1, noisy.noise());
        assertEquals(6, noisy.testFunction().dimension());
        assertEquals(20, BenchmarkSuite.problems("public", List.of("ackley20")).get(0).testFunction().dimension());
        // the batch variants keep (Hartmann6) or nearly keep (Branin: 24 of 25) their q = 1 problem's evaluations
        assertEquals(all.get(1).evaluations(), all.get(11).evaluations());
        assertEquals(24, all.get(10).evaluations());
        assertEquals(4, all.get(10).batch());
    }

    @Test
    void subsetsKeepTheSuiteOrderAndUnknownNamesAreListed() {
        assertEquals(List.of("branin", "levy10"), BenchmarkSuite.problems("PUBLIC", List.of("levy10", "branin")).stream()
                .map(SuiteProblem::id).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkSuite.problems("public", List.of("nope")));
        assertTrue(e.getMessage().contains("no problem 'nope'") && e.getMessage().contains("griewank5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchmarkSuite.problems("private", null));
    }

    /** The anchors' reference results are in the repository, ten seeds each, with the anchors' medians. */
    @Test
    void anchorReferencesAreKeptWithTenSeeds() {
        Map<String, Double> anchorMedians = Map.of("branin", 0.0041, "hartmann6", 0.042, "hartmann6-noisy", 0.056,
                "ackley10", 12.1, "hartmann6-constrained", 0.157);
        anchorMedians.forEach((id, median) -> {
            Reference r = Reference.forProblem(id).orElseThrow(() -> new AssertionError("no reference for " + id));
            assertEquals(10, r.runs().size(), id);
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), r.runs().stream().map(Reference.Run::seed).toList());
            assertEquals(median, r.medianRegret(), 0.01 * median, id + " (the anchors README rounds to 2-3 digits)");
            assertFalse(r.measuredHere(), id + " ran on the GPU test machine");
            assertTrue(r.implementation().startsWith("BoTorch 0.18.1"), r.implementation());
            for (Reference.Run run : r.runs()) {
                SuiteProblem p = BenchmarkSuite.problems("public", List.of(id)).get(0);
                assertEquals(Math.abs(p.testFunction().optimalScore() - run.best()), run.regret(), 1e-12, id);
            }
        });
        assertTrue(Reference.forProblem("no-such-problem").isEmpty());
    }

    @Test
    void referenceLinesAreValidated() throws Exception {
        String line = "{\"problem\":\"x\",\"seed\":3,\"best\":1.5,\"regret\":null,\"seconds_per_iter\":0.2,"
                + "\"implementation\":\"I\",\"measured_here\":true}\n";
        Reference r = Reference.parse("x", new BufferedReader(new StringReader(line)));
        assertEquals(Double.POSITIVE_INFINITY, r.runs().get(0).regret(), "null regret: nothing feasible");
        assertTrue(r.measuredHere());
        assertThrows(IllegalArgumentException.class, () -> Reference.parse("y", new BufferedReader(new StringReader(line))));
        String mixed = line + line.replace("\"I\"", "\"J\"");
        assertThrows(IllegalArgumentException.class, () -> Reference.parse("x", new BufferedReader(new StringReader(mixed))));
    }

    /** The suite runs each problem through BenchmarkRunner unchanged: same seeds, same numbers as a direct run. */
    @Test
    void suiteRunEqualsDirectRunsAndComparesWithTheReference() {
        List<SuiteProblem> two = BenchmarkSuite.problems("public", List.of("branin", "branin-q4"));
        SuiteReport report = new SuiteRunner(sobol).run("public", two, 0, 3, 2, 1, "sobol", Map.of(), null);
        assertEquals(2, report.entries().size());
        for (SuiteReport.Entry e : report.entries()) {
            BenchmarkResult direct = sobol.run(e.problem().settings(0, 3, 1, 1, "sobol", Map.of()), null);
            assertEquals(direct.seeds().stream().map(SeedResult::best).toList(),
                    e.ours().seeds().stream().map(SeedResult::best).toList(), e.problem().id());
            assertEquals(e.problem().batch(), e.ours().batch());
        }
        SuiteReport.Entry branin = report.entries().get(0);
        assertEquals(branin.ours().medianRegret() / branin.reference().medianRegret(), branin.ratio(), 1e-15);
        assertTrue(Double.isNaN(branin.speedup()), "the anchors' times are not compared");
        MannWhitney.Result t = branin.test();
        assertEquals(MannWhitney.test(branin.ours().seeds().stream().mapToDouble(SeedResult::regret).toArray(),
                branin.reference().regrets()).pTwoSided(), t.pTwoSided(), 0);
        String table = report.table();
        assertTrue(table.contains("geometric mean of ratios"), table);
        assertTrue(table.contains("branin-q4"), table);
    }

    @Test
    void aggregateGeometricMeanAndReferenceBetter() {
        SuiteProblem p = BenchmarkSuite.problems("public", List.of("branin")).get(0);
        SuiteProblem q = BenchmarkSuite.problems("public", List.of("hartmann6")).get(0);
        SuiteProblem none = new SuiteProblem("rosenbrock-x", "rosenbrock3", 4, 2, 1, 0);
        // ours: regrets 1…10 (median 5.5); reference A: 0.1…1.0 (median 0.55, clearly better); B: 10…100 (median 55)
        Reference a = reference("branin", 0.1);
        Reference b = reference("hartmann6", 10);
        SuiteReport r = new SuiteReport("t", List.of(
                new SuiteReport.Entry(p, result(1), a, 1, 1),
                new SuiteReport.Entry(q, result(1), b, 1, 1),
                new SuiteReport.Entry(none, result(1), null, -1, -1)));
        assertEquals(10, r.entries().get(0).ratio(), 1e-12);
        assertEquals(0.1, r.entries().get(1).ratio(), 1e-12);
        assertEquals(1.0, r.geometricMeanRatio(), 1e-12);
        assertEquals(2, r.ratioCount());
        assertEquals(List.of("branin"), r.referenceBetter());
        assertEquals(10, r.entries().get(0).speedup(), 1e-12, "measured here: reference s/it / ours");
        assertNull(r.entries().get(2).test());
        Map<String, Object> json = r.toJson();
        assertEquals(10, r.geometricMeanSpeedup(), 1e-12);
        assertEquals(List.of("suite", "geometric_mean_ratio", "ratio_count", "reference_better", "geometric_mean_speedup",
                "problems"),
                List.copyOf(json.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) json.get("problems")).get(0);
        assertEquals(List.of("id", "load_before", "load_after", "result", "reference", "ratio", "p_two_sided",
                "p_reference_better", "u", "speedup"), List.copyOf(first.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) first.get("result");
        assertEquals(10, ((List<?>) result.get("seeds")).size(), "per-seed regrets are kept");
    }

    @Test
    void seedRanges() {
        assertEquals(new SeedRange(0, 10), SeedRange.parse("0-9", 0));
        assertEquals(new SeedRange(100, 20), SeedRange.parse(" 100-119 ", 0));
        assertEquals(new SeedRange(5, 3), SeedRange.parse("3", 5));
        assertThrows(IllegalArgumentException.class, () -> SeedRange.parse("9-0", 0));
        assertThrows(IllegalArgumentException.class, () -> SeedRange.parse("ten", 0));
        assertThrows(IllegalArgumentException.class, () -> SeedRange.parse("0", 0));
    }

    /** Seeds 0…9 with regrets scale·(1…10), 0.5 s per iteration; the reference "ran here". */
    private static Reference reference(String id, double scale) {
        List<Reference.Run> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            runs.add(new Reference.Run(i, -scale * (i + 1), scale * (i + 1), 0.5));
        }
        return new Reference(id, "test", true, runs);
    }

    /** Our result: regrets scale·(1…10), 0.05 s per iteration. */
    private static BenchmarkResult result(double scale) {
        List<SeedResult> seeds = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            seeds.add(new SeedResult(i, List.of(-scale * (i + 1)), scale * (i + 1), 0.05, -scale * (i + 1)));
        }
        return new BenchmarkResult("p", 2, 5, 1, 1, 0, "qlognei", 0, seeds);
    }
}

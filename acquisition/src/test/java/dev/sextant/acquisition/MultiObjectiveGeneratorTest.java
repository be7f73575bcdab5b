package dev.sextant.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.study.InvalidGenerationOptionException;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.OutcomeConstraint;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Trial;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Studies with several objectives through the generator: dispatch, reference point, constraints, validation. */
class MultiObjectiveGeneratorTest {
    static final Map<String, Object> FAST = Map.of("raw_samples", 512, "restarts", 4, "mc_samples", 64, "threads", 2);

    static final SearchSpace SPACE = SearchSpace.builder().addFloat("x", 0, 1).addFloat("y", 0, 1).build();

    /** Two conflicting objectives: minimise the distance to (0, 0), maximise closeness to (1, 1). */
    static Map<String, Double> evaluate(Trial t, StudySpec spec) {
        double x = ((Number) t.parameters().get("x")).doubleValue(), y = ((Number) t.parameters().get("y")).doubleValue();
        Map<String, Double> m = new HashMap<>();
        m.put("near0", x * x + y * y);
        m.put("near1", -((x - 1) * (x - 1) + (y - 1) * (y - 1)));
        m.put("cost", x);
        Map<String, Double> out = new HashMap<>();
        for (String k : spec.metrics()) out.put(k, m.get(k));
        return out;
    }

    static StudySpec spec(String acquisition, Double threshold, List<OutcomeConstraint> constraints) {
        return new StudySpec("mo", SPACE, List.of(new Objective("near0", Goal.MINIMIZE, threshold),
            new Objective("near1", Goal.MAXIMIZE)), constraints, new GenerationSettings(5, acquisition, FAST), 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "qlognehvi", "qnparego"})
    void proposesWithTheMultiObjectiveAcquisitions(String acquisition) {
        boolean byDefault = acquisition.equals("default");
        StudySpec spec = spec(byDefault ? null : acquisition, 1.5, List.of(OutcomeConstraint.parse("cost <= 0.8")));
        String expected = byDefault ? "qlognehvi" : acquisition; // the default for several
        assertEquals(expected, spec.generation().acquisition(), "the spec names the acquisition used");
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        for (int round = 0; round < 5; round++) {
            List<Trial> batch = study.ask(2);
            for (Trial t : batch) {
                if (round >= 3) { // the batch asked at trial 4 still comes from the Sobol start
                    assertEquals("bayes:" + expected, t.generator());
                    Map<String, Object> g = t.generation();
                    assertEquals(expected, g.get("acquisition"));
                    Map<?, ?> ref = (Map<?, ?>) g.get("reference_point");
                    assertEquals(1.5, ((Number) ref.get("near0")).doubleValue(), 0, "the threshold is the reference");
                    assertTrue(Double.isFinite(((Number) ref.get("near1")).doubleValue()));
                    assertTrue(Double.isFinite(((Number) g.get("acquisition_value")).doubleValue()));
                    assertTrue(((Map<?, ?>) g.get("objective_hyperparameters")).containsKey("near1"));
                }
            }
            for (Trial t : batch) study.tell(t.number(), evaluate(t, spec));
        }
        assertTrue(study.paretoFront().trials().size() >= 2);
    }

    @Test
    void theInferredReferencePointIsTheStudysOne() {
        StudySpec spec = spec("qlognehvi", null, List.of());
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        for (int i = 0; i < 6; i++) {
            Trial t = study.ask();
            if (i == 5) {
                Map<?, ?> ref = (Map<?, ?>) t.generation().get("reference_point");
                List<Double> studyRef = study.paretoFront().referencePoint();
                assertEquals(studyRef.get(0), ((Number) ref.get("near0")).doubleValue(), 1e-12);
                assertEquals(studyRef.get(1), ((Number) ref.get("near1")).doubleValue(), 1e-12);
            }
            study.tell(t.number(), evaluate(t, spec));
        }
    }

    @Test
    void fourObjectivesUseTheExactBoxesToo() {
        SearchSpace space = SearchSpace.builder().addFloat("x", 0, 1).addFloat("y", 0, 1).addFloat("z", 0, 1).build();
        List<Objective> objectives = List.of(Objective.minimize("a"), Objective.minimize("b"), Objective.maximize("c"),
            Objective.minimize("e"));
        StudySpec spec = new StudySpec("mo4", space, objectives, List.of(), new GenerationSettings(8, null, FAST), 2);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        for (int i = 0; i < 11; i++) {
            Trial t = study.ask();
            double x = ((Number) t.parameters().get("x")).doubleValue(), y = ((Number) t.parameters().get("y"))
                .doubleValue(), z = ((Number) t.parameters().get("z")).doubleValue();
            if (i >= 8) {
                assertEquals("bayes:qlognehvi", t.generator());
                assertTrue(!t.generation().containsKey("fallback"), t.generation().toString());
            }
            study.tell(t.number(), Map.of("a", x, "b", 1 - x + y * y, "c", z - x * y, "e", (1 - z) * (1 - z) + y));
        }
        assertTrue(study.paretoFront().trials().size() >= 2);
    }

    /**
     * Runs 12 trials (5 Sobol, then one at a time by qLogNEHVI) of the two objectives of {@link #evaluate} under
     * {@code cost <= 0.35} (cost = x, so the objective near (1, 1) pulls against the constraint) with the given
     * {@code min_feasibility}; returns the model's trials.
     */
    static List<Trial> constrainedRun(double minFeasibility) {
        return constrainedRun("mo-floor", Map.of("min_feasibility", minFeasibility), 12);
    }

    /** The study of {@link #constrainedRun(double)} named {@code name} with FAST plus {@code extra} options, run for
     * {@code trials} trials (5 Sobol, then one at a time by the model); its model trials. */
    static List<Trial> constrainedRun(String name, Map<String, Object> extra, int trials) {
        Map<String, Object> opts = new HashMap<>(FAST);
        opts.putAll(extra);
        StudySpec spec = new StudySpec(name, SPACE, List.of(new Objective("near0", Goal.MINIMIZE, 1.5),
            new Objective("near1", Goal.MAXIMIZE)), List.of(OutcomeConstraint.parse("cost <= 0.35")),
            new GenerationSettings(5, null, opts), 11);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        for (int i = 0; i < trials; i++) {
            Trial t = study.ask();
            study.tell(t.number(), evaluate(t, spec));
        }
        return study.trials().stream().filter(t -> t.generator().startsWith("bayes")).toList();
    }

    /**
     * The floor on predicted feasibility ({@code min_feasibility}) applies to the multi-objective acquisitions as to a
     * single objective's: every model trial records its predicted feasibility (per constraint metric too); under a
     * floor of 0.95 no proposal is predicted feasible with probability below 0.9, while without it (0) the
     * acquisition goes nearer the constraint's boundary than that (below 0.9), which the floor rules out.
     */
    @Test
    void theFeasibilityFloorAppliesToSeveralObjectives() {
        List<Trial> floored = constrainedRun(0.95);
        List<Trial> free = constrainedRun(0);
        assertEquals(7, floored.size());
        double minFloored = 1, minFree = 1;
        for (Trial t : floored) {
            double p = ((Number) t.generation().get("predicted_feasibility")).doubleValue();
            double byCost = ((Number) ((Map<?, ?>) t.generation().get("predicted_feasibility_by_metric")).get("cost"))
                .doubleValue();
            assertEquals(p, byCost, 1e-12, "one constraint: the product is its factor");
            minFloored = Math.min(minFloored, p);
        }
        for (Trial t : free) minFree = Math.min(minFree, ((Number) t.generation().get("predicted_feasibility")).doubleValue());
        assertTrue(minFloored >= 0.9, "under the floor every proposal is predicted feasible: lowest " + minFloored);
        assertTrue(minFree < 0.9, "without the floor some proposal is nearer the boundary (lowest " + minFree
            + "), so the floor is what keeps them inside");
    }

    /**
     * Thresholds that no trial has met yet: the reference point is beaten nowhere, every candidate's hypervolume
     * improvement is about zero and qLogNEHVI is flat, so the floor asks for beating the reference point first. Two
     * objectives a = x and b = y, both maximised with thresholds 0.8; the Sobol start is enqueued in [0, 0.5]²; the
     * first model proposal must head for the corner that beats both thresholds, and say why (without the floor,
     * {@code min_feasibility} 0, there is no such stage). Branin-Currin's development seed 101, whose Sobol start beats
     * its reference point nowhere, stayed at hypervolume 0 for 30 iterations without it (BENCHMARKS.md 9.1).
     */
    @Test
    void withTheReferencePointBeatenNowhereItsProbabilityIsMaximisedFirst() {
        Trial floored = firstModelTrial(0.8);
        Trial free = firstModelTrial(0);
        double x = ((Number) floored.parameters().get("x")).doubleValue(), y = ((Number) floored.parameters().get("y"))
            .doubleValue();
        assertTrue(x > 0.7 && y > 0.7, "the proposal heads for the region beating both thresholds: " + floored.parameters());
        assertEquals(Boolean.TRUE, floored.generation().get("reference_point_first"), floored.generation().toString());
        assertTrue(!free.generation().containsKey("reference_point_first"), "no floor, no reference-point stage");
    }

    private static Trial firstModelTrial(double minFeasibility) {
        Map<String, Object> opts = new HashMap<>(FAST);
        opts.put("min_feasibility", minFeasibility);
        StudySpec spec = new StudySpec("mo-ref", SPACE, List.of(new Objective("a", Goal.MAXIMIZE, 0.8),
            new Objective("b", Goal.MAXIMIZE, 0.8)), List.of(), new GenerationSettings(5, null, opts), 5);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        double[][] start = {{0.1, 0.2}, {0.45, 0.05}, {0.3, 0.4}, {0.05, 0.5}, {0.5, 0.3}, {0.2, 0.1}};
        for (double[] p : start) {
            Trial t = study.enqueue(Map.of("x", p[0], "y", p[1]));
            study.tell(t.number(), Map.of("a", p[0], "b", p[1]));
        }
        Trial t = study.ask();
        assertTrue(t.generator().startsWith("bayes"), t.generator());
        return t;
    }

    /** {@link #constrainedRun}'s study (floor 0.8) with the given extra options; its model trials. */
    static List<Trial> constrainedRun(Map<String, Object> extra) {
        return constrainedRun("mo-fb", extra, 8);
    }

    /**
     * hyperparameters=fully_bayesian reaches the multi-objective path: every objective's and constraint's GP is
     * sampled (the metadata names each metric with its S draws), qLogNEHVI is averaged over the members, so the
     * proposals differ from the MAP model's, and the same seed gives the same proposals.
     */
    @Test
    void fullyBayesianHyperparametersReachSeveralObjectives() {
        Map<String, Object> fb = Map.of("hyperparameters", "fully_bayesian", "fb_samples", 3, "fb_warmup", 6);
        List<Trial> a = constrainedRun(fb), b = constrainedRun(fb), map = constrainedRun(Map.of());
        assertEquals(3, a.size());
        boolean differs = false;
        for (int i = 0; i < a.size(); i++) {
            Map<String, Object> g = a.get(i).generation();
            Map<?, ?> meta = (Map<?, ?>) g.get("fully_bayesian");
            assertTrue(meta != null && meta.keySet().equals(java.util.Set.of("near0", "near1", "cost")), g.toString());
            for (Object m : meta.values()) assertEquals(3, ((Number) ((Map<?, ?>) m).get("samples")).intValue(), meta.toString());
            assertTrue(Double.isFinite(((Number) g.get("acquisition_value")).doubleValue()));
            assertEquals(a.get(i).parameters(), b.get(i).parameters(), "seeded: the same proposal");
            assertTrue(!map.get(i).generation().containsKey("fully_bayesian"));
            differs |= !map.get(i).parameters().equals(a.get(i).parameters());
        }
        assertTrue(differs, "the ensemble changes the acquisition");
    }

    /**
     * Runs a two-objective study (8 Sobol trials, then 2 by qLogNEHVI): {@code smooth} = x² + y² told exactly, and
     * {@code noisy} = x + y plus Gaussian noise of SD 0.4 (seeded); returns the model's trials.
     */
    static List<Trial> noiseRun(Map<String, Object> extra) {
        Map<String, Object> opts = new HashMap<>(FAST);
        opts.putAll(extra);
        StudySpec spec = new StudySpec("mo-noise", SPACE, List.of(Objective.minimize("smooth"), Objective.maximize("noisy")),
            List.of(), new GenerationSettings(8, null, opts), 5);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        java.util.Random rng = new java.util.Random(42);
        for (int i = 0; i < 10; i++) {
            Trial t = study.ask();
            double x = ((Number) t.parameters().get("x")).doubleValue(), y = ((Number) t.parameters().get("y")).doubleValue();
            study.tell(t.number(), Map.of("smooth", x * x + y * y, "noisy", x + y + 0.4 * rng.nextGaussian()));
        }
        return study.trials().stream().filter(t -> t.generator().startsWith("bayes")).toList();
    }

    /**
     * Each objective's noise prior is chosen by leave-one-out: exact smooth observations take the low-noise prior (its
     * LOO density is higher by more than the margin), observations with real noise keep the default; the recorded scores
     * say why. A study that sets a noise-prior option keeps it (no choice is made or recorded).
     */
    @Test
    void theNoisePriorIsChosenPerObjectiveByLeaveOneOut() {
        for (Trial t : noiseRun(Map.of())) {
            Map<?, ?> choice = (Map<?, ?>) t.generation().get("noise_prior_choice");
            Map<?, ?> smooth = (Map<?, ?>) choice.get("smooth"), noisy = (Map<?, ?>) choice.get("noisy");
            assertEquals("low", smooth.get("chosen"), choice.toString());
            assertTrue(((Number) smooth.get("loo_low")).doubleValue()
                > ((Number) smooth.get("loo_default")).doubleValue() + MultiObjectiveProposals.NOISE_CHOICE_MARGIN);
            assertEquals("default", noisy.get("chosen"), choice.toString());
            assertTrue(((Number) noisy.get("loo_low")).doubleValue()
                <= ((Number) noisy.get("loo_default")).doubleValue() + MultiObjectiveProposals.NOISE_CHOICE_MARGIN);
        }
        for (Trial t : noiseRun(Map.of("noise_prior_loc", -2.0))) {
            assertTrue(!t.generation().containsKey("noise_prior_choice"), t.generation().toString());
        }
    }

    /**
     * The two objectives of {@link #evaluate} made positive and skewed (exp of the closeness), for outcome transforms:
     * {@code near0e} = exp(x² + y²), minimised; {@code near1e} = exp(1 − (x−1)² − (y−1)²), maximised.
     */
    static Map<String, Double> evaluateExp(Trial t, boolean exp) {
        double x = ((Number) t.parameters().get("x")).doubleValue(), y = ((Number) t.parameters().get("y")).doubleValue();
        double a = x * x + y * y, b = 1 - ((x - 1) * (x - 1) + (y - 1) * (y - 1));
        return Map.of("near0e", exp ? Math.exp(a) : a, "near1e", exp ? Math.exp(b) : b);
    }

    /** Runs 8 trials (5 Sobol, 3 model-based) of a two-objective study and returns them. */
    static List<Trial> runExp(Map<String, Object> options, double threshold0, double threshold1, boolean exp) {
        Map<String, Object> opts = new HashMap<>(FAST);
        opts.putAll(options);
        StudySpec spec = new StudySpec("mo-exp", SPACE, List.of(new Objective("near0e", Goal.MINIMIZE, threshold0),
            new Objective("near1e", Goal.MAXIMIZE, threshold1)), List.of(), new GenerationSettings(5, null, opts), 9);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        for (int i = 0; i < 8; i++) {
            Trial t = study.ask();
            study.tell(t.number(), evaluateExp(t, exp));
        }
        return study.trials();
    }

    /**
     * outcome_transform reaches every objective's model, and the hypervolume improvement is computed in the transformed
     * units with the reference point transformed the same way: a study of exp(f) under outcome_transform=log, with
     * thresholds exp(t), proposes what a study of f without a transform, with thresholds t, proposes (the models see the
     * same numbers; had the thresholds stayed untransformed, the reference points would differ by exp).
     */
    @Test
    void outcomeTransformReachesEachObjectiveAndTheReferencePointIsTransformedAlike() {
        double t0 = 1.2, t1 = -0.5;
        List<Trial> logged = runExp(Map.of("outcome_transform", "log", "model_selection", "off"), Math.exp(t0),
            Math.exp(t1), true);
        List<Trial> plain = runExp(Map.of("model_selection", "off"), t0, t1, false);
        for (int i = 5; i < 8; i++) {
            Map<String, Object> g = logged.get(i).generation();
            assertEquals(Map.of("near0e", "log", "near1e", "log"), g.get("objective_transforms"), g.toString());
            assertEquals(Map.of("near0e", "none", "near1e", "none"), plain.get(i).generation().get("objective_transforms"));
            assertEquals(Math.exp(t0), ((Number) ((Map<?, ?>) g.get("reference_point")).get("near0e")).doubleValue(), 0,
                "reported in the metric's own units");
            for (String p : List.of("x", "y")) {
                assertEquals(((Number) plain.get(i).parameters().get(p)).doubleValue(),
                    ((Number) logged.get(i).parameters().get(p)).doubleValue(), 1e-6, "trial " + (i + 1) + " " + p);
            }
        }
    }

    /** Under outcome_transform=log an objective with a value ≤ 0 is an error naming the metric and the option. */
    @Test
    void aLogTransformedObjectiveWithANonPositiveValueIsNamed() {
        StudySpec spec = new StudySpec("mo-log", SPACE, List.of(Objective.minimize("near0"), Objective.maximize("near1")),
            List.of(), new GenerationSettings(5, null, Map.of("outcome_transform", "log", "model_selection", "off",
                "raw_samples", 512, "restarts", 2, "mc_samples", 32, "threads", 1)), 4);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        for (int i = 0; i < 5; i++) {
            Trial t = study.ask();
            study.tell(t.number(), evaluate(t, spec)); // near1 ≤ 0
        }
        RuntimeException e = assertThrows(RuntimeException.class, study::ask);
        String msg = String.valueOf(e.getMessage()) + " " + (e.getCause() == null ? "" : e.getCause().getMessage());
        assertTrue(msg.contains("near1") && msg.contains("outcome_transform"), msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"qlognei", "QLogNEI", "qei", "qnei", "qlogei", "qucb", "qpi", "qsr", "lookahead2",
        "lookahead3", "kg"})
    void singleObjectiveAcquisitionsRejectSeveralObjectives(String acquisition) {
        StudySpec spec = spec(acquisition, null, List.of());
        InvalidGenerationOptionException e = assertThrows(InvalidGenerationOptionException.class,
            () -> Strategies.validate(spec));
        assertTrue(e.getMessage().contains("qlognehvi") && e.getMessage().contains("qnparego")
            && e.getMessage().contains("near0, near1") && e.getMessage().contains(acquisition.toLowerCase()), e.getMessage());
        assertEquals("generation.acquisition", e.path());
        // a strategy built for such a stored spec anyway does not silently optimise something else
        assertThrows(InvalidGenerationOptionException.class, () -> Strategies.forAcquisition(acquisition, spec));
        BayesianGenerator g = new BayesianGenerator(acquisition.equalsIgnoreCase("qlognei") ? "qlognei" : "qei");
        assertThrows(dev.sextant.core.generate.GenerationException.class, () -> g.multiObjectiveAcquisition(spec));
    }

    @Test
    void multiObjectiveAcquisitionsAreValidOptions() {
        for (String a : List.of("qlognehvi", "qnparego", "sobol")) Strategies.validate(spec(a, null, List.of()));
        Strategies.validate(spec(null, null, List.of()));
        assertTrue(Strategies.names().containsAll(List.of("qlognehvi", "qnparego")));
    }
}

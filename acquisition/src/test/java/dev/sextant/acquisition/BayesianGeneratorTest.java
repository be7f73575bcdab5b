package dev.sextant.acquisition;

import dev.sextant.acquisition.generate.GenerationOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.acquisition.predict.ModelPredictions;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BayesianGeneratorTest {
    static final Map<String, Object> FAST = Map.of("raw_samples", 512, "restarts", 4, "mc_samples", 64, "threads", 2);

    static double quad(Trial t) {
        double x = ((Number) t.parameters().get("x")).doubleValue(), y = ((Number) t.parameters().get("y")).doubleValue();
        return (x - 0.3) * (x - 0.3) + (y + 0.2) * (y + 0.2);
    }

    @Test
    void minimisesASmoothFunctionBetterThanItsSobolStart() {
        SearchSpace space = SearchSpace.builder().addFloat("x", -1, 1).addFloat("y", -1, 1).build();
        StudySpec spec = new StudySpec("quad", space, new Objective("loss", Goal.MINIMIZE), List.of(),
            new GenerationSettings(5, "qlognei", FAST), 3);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        double bestInit = Double.POSITIVE_INFINITY, best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 14; i++) {
            Trial t = study.ask();
            double v = quad(t);
            if (i < 5) bestInit = Math.min(bestInit, v);
            best = Math.min(best, v);
            study.tell(t.number(), Map.of("loss", v));
            if (i >= 5) {
                assertEquals("bayes:qlognei", t.generator());
                Map<String, Object> g = t.generation();
                assertTrue(g.get("hyperparameters") instanceof Map);
                assertTrue(((Number) g.get("fit_seconds")).doubleValue() >= 0);
                assertTrue(((Number) g.get("optimize_seconds")).doubleValue() >= 0);
                assertTrue(Double.isFinite(((Number) g.get("acquisition_value")).doubleValue()));
            }
        }
        assertTrue(best < 0.01 && best < bestInit, "best " + best + " vs Sobol " + bestInit);
    }

    @Test
    void nothingToldSinceTheLastAskReusesItsModelsAndATellRefits() {
        SearchSpace space = SearchSpace.builder().addFloat("x", -1, 1).addFloat("y", -1, 1).build();
        StudySpec spec = new StudySpec("reuse", space, new Objective("loss", Goal.MINIMIZE), List.of(),
            new GenerationSettings(4, "qlognei", FAST), 3);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        for (int i = 0; i < 4; i++) {
            Trial t = study.ask();
            study.tell(t.number(), Map.of("loss", quad(t)));
        }
        Trial first = study.ask();
        Trial second = study.ask();   // the first is pending now; no new data
        assertEquals(null, first.generation().get("fit_reused"));
        assertEquals(true, second.generation().get("fit_reused"));
        assertEquals(first.generation().get("hyperparameters"), second.generation().get("hyperparameters"));
        assertTrue(!first.parameters().equals(second.parameters()), "the pending point was not seen");
        study.tell(first.number(), Map.of("loss", quad(first)));
        Trial third = study.ask();
        assertEquals(null, third.generation().get("fit_reused"), "a tell must refit");
    }

    @Test
    void mixedSpaceWithLinearAndOutcomeConstraintsGivesValidBatches() {
        SearchSpace space = SearchSpace.builder().addFloat("a", 0, 1).addFloat("b", 0, 1).addInt("k", 1, 5)
            .addCategorical("c", List.of("red", "green", "blue")).addConstraint("a + b <= 1").build();
        StudySpec spec = new StudySpec("mixed", space, new Objective("score", Goal.MAXIMIZE),
            List.of(OutcomeConstraint.parse("cost <= 1.5")), new GenerationSettings(6, "qlognei", FAST), 5);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        for (int round = 0; round < 4; round++) {
            List<Trial> batch = study.ask(3);
            assertEquals(3, batch.size());
            for (Trial t : batch) {
                assertTrue(space.satisfiesConstraints(t.parameters()), t.parameters().toString());
                double a = ((Number) t.parameters().get("a")).doubleValue();
                double b = ((Number) t.parameters().get("b")).doubleValue();
                long k = ((Number) t.parameters().get("k")).longValue();
                String c = (String) t.parameters().get("c");
                double score = a + 0.5 * b + 0.1 * k + (c.equals("green") ? 0.5 : 0);
                study.tell(t.number(), Map.of("score", score, "cost", a + k * 0.2));
            }
        }
        assertTrue(study.best().isPresent());
        // every model trial records its predicted feasibility, per constraint metric, and the LOO variance scale
        int bayes = 0;
        for (Trial t : study.trials()) {
            if (!t.generator().startsWith("bayes")) continue;
            bayes++;
            double p = ((Number) t.generation().get("predicted_feasibility")).doubleValue();
            Map<?, ?> by = (Map<?, ?>) t.generation().get("predicted_feasibility_by_metric");
            double cost = ((Number) by.get("cost")).doubleValue();
            assertEquals(p, cost, 1e-12, "one constraint: the product is its factor");
            assertTrue(p >= 0 && p <= 1, "a probability: " + p);
            double scale = ((Number) ((Map<?, ?>) t.generation().get("loo_variance_scale")).get("cost")).doubleValue();
            assertTrue(scale >= 1, "LOO variance scale ≥ 1: " + scale);
        }
        assertTrue(bayes > 0, "the model proposed trials");
    }

    @Test
    void strategiesResolveNamesAndRejectUnknownOnes() {
        SearchSpace space = SearchSpace.builder().addFloat("x", 0, 1).addFloat("y", 0, 1).addFloat("z", 0, 1).build();
        StudySpec spec = new StudySpec("s", space, new Objective("m", Goal.MAXIMIZE), List.of(),
            GenerationSettings.defaults(), 1);
        GenerationStrategy def = Strategies.defaultFor(spec);
        assertEquals("sobol", def.select(5).name());
        assertEquals("bayes:qlognei", def.select(6).name());
        for (String name : List.of("qlognei", "qnei", "qei", "qlogei", "qucb", "qpi", "qsr")) {
            assertEquals("bayes:" + name, Strategies.forAcquisition(name, spec).select(100).name());
        }
        assertEquals("sobol", Strategies.forAcquisition("sobol", spec).select(100).name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Strategies.forAcquisition("qfoo", spec));
        assertTrue(e.getMessage().contains("qlognei") && e.getMessage().contains("sobol"), e.getMessage());
        StudySpec withInit = new StudySpec("s", space, new Objective("m", Goal.MAXIMIZE), List.of(),
            new GenerationSettings(2, "qei", Map.of()), 1);
        assertEquals("bayes:qei", Strategies.defaultFor(withInit).select(2).name());
    }

    @Test
    void modelPredictionsInterpolateInOriginalUnits() {
        SearchSpace space = SearchSpace.builder().addFloat("x", 0, 10).build();
        StudySpec spec = new StudySpec("p", space, new Objective("m", Goal.MAXIMIZE), List.of(),
            GenerationSettings.defaults(), 1);
        Study study = Study.create(spec, new InMemoryStorage(), GenerationStrategy.sobolOnly());
        for (int i = 0; i <= 6; i++) {
            study.addCompleted(Map.of("x", (double) i), Map.of("m", 100 + 5 * Math.sin(i / 3.0)));
        }
        ModelPredictions mp = ModelPredictions.fit(spec, study.trials());
        ModelPredictions.Prediction p = mp.predict(Map.of("x", 4.0));
        assertEquals(100 + 5 * Math.sin(4 / 3.0), p.mean(), 0.2);
        assertTrue(p.std() >= 0 && p.std() < 1);
        // exact data: inside the design the latent std is at the noise floor everywhere; away from it, it grows
        ModelPredictions.Prediction far = mp.predict(Map.of("x", 9.5));
        assertTrue(far.std() > p.std());
    }

    @Test
    void constraintOverALogScaleParameterHoldsForEveryBayesianCandidate() {
        // the campaign example's shape: beta on a log scale inside a linear constraint (nonlinear in the unit cube);
        // the objective pushes towards the constraint boundary, so an optimiser that ignored it would cross it
        SearchSpace space = SearchSpace.builder().addFloat("g", 0, 10).addFloat("beta", 0.01, 10, true)
            .addConstraint("g + 2*beta <= 6").build();
        StudySpec spec = new StudySpec("logcon", space, new Objective("reward", Goal.MAXIMIZE), List.of(),
            new GenerationSettings(5, "qlognei", FAST), 11);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 12; i++) {
            List<Trial> batch = study.ask(i < 5 ? 1 : 2);
            for (Trial t : batch) {
                assertTrue(space.satisfiesConstraints(t.parameters()), () -> "infeasible " + t.parameters());
                double g = ((Number) t.parameters().get("g")).doubleValue();
                double beta = ((Number) t.parameters().get("beta")).doubleValue();
                double reward = g + 3 * beta;
                best = Math.max(best, reward);
                study.tell(t.number(), Map.of("reward", reward));
            }
        }
        assertTrue(study.trials().stream().skip(5).allMatch(t -> t.generator().equals("bayes:qlognei")));
        // the maximum on the boundary is g = 0, beta = 3 (reward 9); Bayesian steps get close to it
        assertTrue(best > 7.5, "best reward " + best);
    }

    @Test
    void winsorisingRaisesOnlyValuesBelowTheTukeyFence() {
        // sorted: -300, -40, 1..8; n = 10: q1 = s[2] = 1, q3 = s[7] = 6, fence 1 - 1.5·5 = -6.5
        double[] y = {3, -300, 1, 8, 2, -40, 7, 4, 5, 6};
        assertEquals(2, BayesianGenerator.winsorizeLowerTail(y));
        assertEquals(-6.5, y[1], 0);
        assertEquals(-6.5, y[5], 0);
        assertEquals(3, y[0], 0);
        assertEquals(8, y[3], 0);
        // no outliers, or too few values: unchanged
        double[] flat = {1, 2, 3, 4, 5};
        assertEquals(0, BayesianGenerator.winsorizeLowerTail(flat));
        assertEquals(1, flat[0], 0);
        double[] few = {0, -1e6, 1};
        assertEquals(0, BayesianGenerator.winsorizeLowerTail(few));
        assertEquals(-1e6, few[1], 0);
    }

    /** Noise variance (model units) reported by the generator after 14 exact evaluations of a smooth function. */
    static double fittedNoiseOnExactData(Map<String, Object> extra) {
        SearchSpace space = SearchSpace.builder().addFloat("x", -1, 1).addFloat("y", -1, 1).build();
        Map<String, Object> opts = new java.util.HashMap<>(FAST);
        opts.putAll(extra);
        StudySpec spec = new StudySpec("noise", space, new Objective("loss", Goal.MINIMIZE), List.of(),
            new GenerationSettings(8, "qlognei", opts), 7);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        Trial last = null;
        for (int i = 0; i < 15; i++) {
            last = study.ask();
            double x = ((Number) last.parameters().get("x")).doubleValue();
            study.tell(last.number(), Map.of("loss", quad(last) + 0.3 * Math.sin(2 * x)));
        }
        Map<?, ?> hp = (Map<?, ?>) last.generation().get("hyperparameters");
        return ((Number) hp.get("noise")).doubleValue();
    }

    @Test
    void defaultNoisePriorLetsExactDataBeInterpolated() {
        // BoTorch's LogNormal(-4, 1) keeps the MAP noise near its mode (~0.007) on exact data; the default prior
        // (centre -3, sd 1.75 in log noise) lets the likelihood push it far below
        double ours = fittedNoiseOnExactData(Map.of());
        double botorch = fittedNoiseOnExactData(Map.of("noise_prior_loc", -4, "noise_prior_scale", 1));
        assertTrue(ours < 3e-4 && ours < botorch / 3, "default " + ours + " vs BoTorch prior " + botorch);
        assertThrows(IllegalArgumentException.class, () -> BayesianGenerator.prior(GenerationOptions.parse(Map.of("noise_prior_scale", 0))));
        assertEquals(-4, BayesianGenerator.prior(GenerationOptions.parse(Map.of("noise_prior_loc", "-4"))).noiseLoc(), 0);
        assertEquals(BayesianGenerator.DEFAULT_NOISE_PRIOR_SCALE, BayesianGenerator.prior(GenerationOptions.DEFAULTS).noiseScale(), 0);
    }

    @Test
    void initEtaMustBePositive() {
        assertEquals(1.0, dev.sextant.acquisition.optim.OptimizerOptions.defaults(0).withBoltzmannEta(1.0).boltzmannEta(), 0);
        assertThrows(IllegalArgumentException.class,
            () -> dev.sextant.acquisition.optim.OptimizerOptions.defaults(0).withBoltzmannEta(0));
    }

    /** n completed trials of a 2-d study whose objective "loss" is value(x, y). */
    static List<Trial> trials(int n, java.util.function.DoubleBinaryOperator value) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        List<Trial> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = 2 * r.nextDouble() - 1, y = 2 * r.nextDouble() - 1;
            out.add(new Trial(i + 1, "t", dev.sextant.core.trial.TrialState.COMPLETED, Map.of("x", x, "y", y),
                Map.of("loss", new dev.sextant.core.trial.Observation(value.applyAsDouble(x, y), Double.NaN)), "sobol",
                Map.of(), java.time.Instant.EPOCH, java.time.Instant.EPOCH, null, null));
        }
        return out;
    }

    static List<dev.sextant.core.generate.Candidate> propose(List<Trial> trials, Map<String, Object> extra) {
        SearchSpace space = SearchSpace.builder().addFloat("x", -1, 1).addFloat("y", -1, 1).build();
        Map<String, Object> opts = new java.util.HashMap<>(FAST);
        opts.put("threads", 1);
        opts.putAll(extra);
        StudySpec spec = new StudySpec("t", space, new Objective("loss", Goal.MINIMIZE), List.of(),
            new GenerationSettings(5, "qlognei", opts), 3);
        return new BayesianGenerator("qlognei").generate(
            new dev.sextant.core.generate.GenerationRequest(spec, trials, List.of(), 2, 5));
    }

    @Test
    void logOutcomeTransformFitsTheModelToTheLogOfTheObjective() {
        // a loss spanning four decades: with outcome_transform=log the generator must propose exactly what it
        // proposes when handed log(loss) itself (the same doubles reach the model)
        java.util.function.DoubleBinaryOperator loss = (x, y) -> Math.exp(6 * ((x - 0.3) * (x - 0.3) + y * y) - 3);
        // (the fixed model: automatic model choice would winsorise in original units and choose a transform itself)
        Map<String, Object> off = Map.of("model_selection", "off");
        List<dev.sextant.core.generate.Candidate> viaOption = propose(trials(12, loss),
            Map.of("outcome_transform", "log", "model_selection", "off"));
        List<dev.sextant.core.generate.Candidate> byHand = propose(trials(12, (x, y) -> Math.log(loss.applyAsDouble(x, y))),
            off);
        List<dev.sextant.core.generate.Candidate> raw = propose(trials(12, loss), off);
        assertEquals(2, viaOption.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(byHand.get(i).parameters(), viaOption.get(i).parameters());
        }
        assertTrue(!raw.get(0).parameters().equals(viaOption.get(0).parameters()), "the transform must change the model");
    }

    @Test
    @SuppressWarnings("unchecked")
    void automaticModelChoiceIsRecordedAndPinnedOptionsAreRespected() {
        java.util.function.DoubleBinaryOperator loss = (x, y) -> Math.exp(6 * ((x - 0.3) * (x - 0.3) + y * y) - 3);
        dev.sextant.core.generate.Candidate auto = propose(trials(12, loss), Map.of("model_selection", "auto")).get(0);
        Map<String, Object> choice = (Map<String, Object>) ((Map<String, Object>) auto.generation().get("model_choice"))
            .get("loss");
        List<Map<String, Object>> candidates = (List<Map<String, Object>>) choice.get("candidates");
        assertTrue(candidates.size() >= 4 && candidates.size() <= 6, candidates.toString());
        // the chosen model has the best LOO among the candidates (within the 1-nat margin of the reference)
        double best = candidates.stream().filter(c -> c.get("loo") != null)
            .mapToDouble(c -> ((Number) c.get("loo")).doubleValue()).max().orElseThrow();
        assertTrue(((Number) choice.get("loo")).doubleValue() >= best - 1.0, choice.toString());
        // a loss spanning decades is not modelled untransformed
        assertTrue(!choice.get("model").toString().startsWith("none/"), choice.toString());

        dev.sextant.core.generate.Candidate pinned = propose(trials(12, loss),
            Map.of("model_selection", "auto", "kernel", "matern32", "outcome_transform", "none", "input_warping", "off"))
            .get(0);
        Map<String, Object> p = (Map<String, Object>) ((Map<String, Object>) pinned.generation().get("model_choice"))
            .get("loss");
        assertEquals("none/matern32", p.get("model"));
        assertEquals(1, ((List<?>) p.get("candidates")).size(), p.toString());

        dev.sextant.core.generate.Candidate off = propose(trials(12, loss), Map.of("model_selection", "off")).get(0);
        assertTrue(!off.generation().containsKey("model_choice"), off.generation().toString());

        // the default (auto) chooses for one objective with MAP hyperparameters: the same proposal as "on"
        dev.sextant.core.generate.Candidate byDefault = propose(trials(12, loss), Map.of()).get(0);
        dev.sextant.core.generate.Candidate on = propose(trials(12, loss), Map.of("model_selection", "on")).get(0);
        assertEquals(on.parameters(), byDefault.parameters());
        assertEquals(((Map<String, Object>) on.generation().get("model_choice")).get("loss"),
            ((Map<String, Object>) byDefault.generation().get("model_choice")).get("loss"));
        assertTrue(!off.parameters().equals(byDefault.parameters()), "the choice must change the model");
    }

    @Test
    void outcomeTransformRejectsUnknownNamesAndUndefinedValues() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
            () -> GenerationOptions.parse(Map.of("outcome_transform", "boxcox")));
        assertTrue(bad.getMessage().contains("none, log, bilog, power"), bad.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
            () -> propose(trials(8, (x, y) -> x), Map.of("outcome_transform", "log")));
        assertTrue(neg.getMessage().contains("'loss'") && neg.getMessage().contains("BILOG"), neg.getMessage());
        assertEquals(2, propose(trials(8, (x, y) -> x), Map.of("outcome_transform", "BiLog")).size());
        // power: Yeo-Johnson with λ fitted to the values, for outcomes of any sign
        assertEquals(2, propose(trials(8, (x, y) -> Math.exp(5 * x) - 1), Map.of("outcome_transform", "power")).size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void fullyBayesianHyperparametersAreRecordedDeterministicAndUsed() {
        java.util.function.DoubleBinaryOperator loss = (x, y) -> Math.sin(3 * x) + (y - 0.2) * (y - 0.2);
        Map<String, Object> fb = Map.of("hyperparameters", "fully_bayesian", "fb_samples", 4, "fb_warmup", 8);
        dev.sextant.core.generate.Candidate a = propose(trials(12, loss), fb).get(0);
        dev.sextant.core.generate.Candidate b = propose(trials(12, loss), fb).get(0);
        assertEquals(a.parameters(), b.parameters(), "seeded: the same proposal");
        Map<String, Object> meta = (Map<String, Object>) ((Map<String, Object>) a.generation().get("fully_bayesian"))
            .get("loss");
        assertEquals(4, meta.get("samples"));
        assertEquals("standard", meta.get("prior"), "SAAS only from 8 inputs by default");
        List<Double> ls = (List<Double>) meta.get("median_lengthscales");
        assertEquals(2, ls.size());
        for (double v : ls) assertTrue(v > 0 && Double.isFinite(v), ls.toString());
        assertTrue(((Number) meta.get("evaluations")).longValue() > 0);
        dev.sextant.core.generate.Candidate map = propose(trials(12, loss), Map.of()).get(0);
        assertTrue(!map.generation().containsKey("fully_bayesian"));
        assertTrue(!map.parameters().equals(a.parameters()), "the ensemble changes the acquisition");
        Map<String, Object> saas = (Map<String, Object>) ((Map<String, Object>) propose(trials(12, loss),
            Map.of("hyperparameters", "fully_bayesian", "fb_samples", 2, "fb_warmup", 4, "fb_prior", "saas")).get(0)
            .generation().get("fully_bayesian")).get("loss");
        assertEquals("saas", saas.get("prior"));
    }

    /**
     * The default (hyperparameters=auto): fully Bayesian from 8 encoded dimensions, MAP below, the choice recorded;
     * from the second generation on, each metric's chain continues the previous one (fb_rewarmup sweeps), from the
     * state recorded in the trials' generation metadata.
     */
    @Test
    @SuppressWarnings("unchecked")
    void autoHyperparametersSampleFromEightEncodedDimensionsAndContinueTheChain() {
        SearchSpace.Builder b = SearchSpace.builder();
        for (int j = 0; j < 8; j++) b.addFloat("x" + j, 0, 1);
        Map<String, Object> opts = new java.util.HashMap<>(FAST);
        opts.put("threads", 1);
        StudySpec spec = new StudySpec("auto8", b.build(), new Objective("loss", Goal.MINIMIZE), List.of(),
            new GenerationSettings(10, "qlognei", opts), 7);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        List<Map<String, Object>> chains = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Trial t = study.ask();
            double v = 0;
            for (int j = 0; j < 8; j++) {
                double xj = ((Number) t.parameters().get("x" + j)).doubleValue();
                v += (j < 2 ? 1 : 0.01) * (xj - 0.3) * (xj - 0.3);
            }
            study.tell(t.number(), Map.of("loss", v));
            if (t.generator().startsWith("bayes")) {
                Map<String, Object> inference = (Map<String, Object>) t.generation().get("hyperparameter_inference");
                assertEquals("auto", inference.get("mode"));
                assertEquals("fully_bayesian", inference.get("chosen"));
                assertEquals(8, ((Number) inference.get("encoded_dimension")).intValue());
                chains.add((Map<String, Object>) ((Map<String, Object>) t.generation().get("fully_bayesian"))
                    .get("loss"));
            }
        }
        assertEquals(2, chains.size());
        assertEquals(false, chains.get(0).get("continued"));
        assertEquals(GenerationOptions.Hyperparameters.DEFAULT_WARMUP, ((Number) chains.get(0).get("warmup")).intValue());
        assertEquals(true, chains.get(1).get("continued"), "the second generation continues the first one's chain");
        assertEquals(GenerationOptions.Hyperparameters.DEFAULT_REWARMUP,
            ((Number) chains.get(1).get("warmup")).intValue());
        assertTrue(((Number) chains.get(1).get("evaluations")).longValue()
            < ((Number) chains.get(0).get("evaluations")).longValue(), chains.toString());
        assertEquals(GenerationOptions.Hyperparameters.DEFAULT_SAMPLES,
            ((Number) chains.get(0).get("samples")).intValue());
        // the chain state travels with the trials: two fresh generators (another process, a resumed run) given the
        // history continue the recorded chain and propose the same point
        List<Trial> history = study.trials();
        dev.sextant.core.generate.GenerationRequest request =
            new dev.sextant.core.generate.GenerationRequest(spec, history, List.of(), 1, 99);
        dev.sextant.core.generate.Candidate c1 = new BayesianGenerator("qlognei").generate(request).get(0);
        dev.sextant.core.generate.Candidate c2 = new BayesianGenerator("qlognei").generate(request).get(0);
        assertEquals(c1.parameters(), c2.parameters());
        Map<String, Object> chain = (Map<String, Object>) ((Map<String, Object>) c1.generation().get("fully_bayesian"))
            .get("loss");
        assertEquals(true, chain.get("continued"));
        // below 8 encoded dimensions auto means MAP
        Map<String, Object> two = propose(trials(12, (x, y) -> x * x + y), Map.of()).get(0).generation();
        Map<String, Object> inference = (Map<String, Object>) two.get("hyperparameter_inference");
        assertEquals("map", inference.get("chosen"));
        assertEquals(2, ((Number) inference.get("encoded_dimension")).intValue());
        assertTrue(!two.containsKey("fully_bayesian"));
    }

    @Test
    void fullyBayesianConstrainedStudyProposesFeasibleLookingPoints() {
        SearchSpace space = SearchSpace.builder().addFloat("a", 0, 1).addFloat("b", 0, 1).build();
        Map<String, Object> opts = new java.util.HashMap<>(FAST);
        opts.putAll(Map.of("hyperparameters", "fully_bayesian", "fb_samples", 3, "fb_warmup", 6));
        StudySpec spec = new StudySpec("fbc", space, new Objective("score", Goal.MAXIMIZE),
            List.of(OutcomeConstraint.parse("cost <= 1.0")), new GenerationSettings(6, "qlognei", opts), 5);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        for (int i = 0; i < 9; i++) {
            Trial t = study.ask();
            double a = ((Number) t.parameters().get("a")).doubleValue();
            double b = ((Number) t.parameters().get("b")).doubleValue();
            study.tell(t.number(), Map.of("score", a + b, "cost", 1.4 * a + 0.2 * b));
            if (t.generator().startsWith("bayes")) {
                Map<?, ?> fbm = (Map<?, ?>) t.generation().get("fully_bayesian");
                assertTrue(fbm.containsKey("score") && fbm.containsKey("cost"), fbm.toString());
                assertTrue(((Number) t.generation().get("predicted_feasibility")).doubleValue() >= 0);
            }
        }
        assertTrue(study.best().isPresent());
    }
}

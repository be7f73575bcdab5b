package dev.sextant.acquisition.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.acquisition.BayesianGenerator;
import dev.sextant.acquisition.Strategies;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import dev.sextant.surrogate.model.GpModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelPredictionsTest {

    /** A skewed loss (spanning two decades) on two parameters, minimised. */
    static double loss(Trial t) {
        double a = t.number("a");
        double b = t.number("b");
        return Math.exp(3 * (a - 0.3) * (a - 0.3) + 2 * (b - 0.6) * (b - 0.6) * 4) + 0.1;
    }

    @Test
    void dashboardModelIsTheGeneratorsModelForMatern32AndPowerTransform() {
        assertDashboardModelIsTheGenerators("qlognei",
            Map.of("kernel", "matern32", "outcome_transform", "power", "threads", 1), "matern32");
    }

    @Test
    void dashboardModelIsTheLookaheadGeneratorsModelWithItsDefaultKernel() {
        assertDashboardModelIsTheGenerators("lookahead2", Map.of("outcome_transform", "power", "restarts", 1), "matern52");
    }

    /** The options of the generator's fit: the lookahead generators fit the fixed model (no automatic choice). */
    static Map<String, Object> fitted(String acquisition, Map<String, Object> opts) {
        if (!acquisition.startsWith("lookahead") && !acquisition.equals("kg")) return opts;
        Map<String, Object> fixed = new java.util.LinkedHashMap<>(opts);
        fixed.put("model_selection", "off");
        fixed.put("input_warping", "off");
        return fixed;
    }

    static void assertDashboardModelIsTheGenerators(String acquisition, Map<String, Object> opts, String kernel) {
        SearchSpace space = SearchSpace.builder().addFloat("a", 0, 1).addFloat("b", 0, 1).build();
        StudySpec spec = new StudySpec("dash", space, new Objective("loss", Goal.MINIMIZE), List.of(),
            new GenerationSettings(8, acquisition, opts), 3);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.forAcquisition(acquisition, spec));
        for (int i = 0; i < 8; i++) {
            Trial t = study.ask();
            study.tell(t.id(), Map.of("loss", loss(t)));
        }
        Trial proposed = study.ask(); // the Bayesian generator's first proposal, fitted on the 8 trials
        assertTrue(proposed.generation().get("acquisition").toString().endsWith(acquisition));
        @SuppressWarnings("unchecked")
        Map<String, Double> generatorHyper = (Map<String, Double>) proposed.generation().get("hyperparameters");

        ModelPredictions mp = ModelPredictions.fit(spec, study.trials());
        // the same fit: hyperparameters (a Matérn-3/2's lengthscales, noise, standardisation) equal the generator's
        assertEquals(generatorHyper.keySet(), mp.hyperparameters().keySet());
        for (Map.Entry<String, Double> e : generatorHyper.entrySet()) {
            assertEquals(e.getValue(), mp.hyperparameters().get(e.getKey()), 1e-9 * Math.max(1, Math.abs(e.getValue())),
                e.getKey());
        }
        assertTrue(mp.model().kernel().toString().startsWith(kernel), mp.model().kernel().toString());

        // the same posterior mean at the data as the generator's model (BayesianGenerator.fitMetric, model units)
        List<Trial> done = new ArrayList<>();
        for (Trial t : study.trials()) if (t.state() == TrialState.COMPLETED) done.add(t);
        int n = done.size();
        double[] x = new double[n * 2];
        for (int i = 0; i < n; i++) System.arraycopy(space.encode(done.get(i).parameters()), 0, x, i * 2, 2);
        BayesianGenerator.FittedMetric generator = BayesianGenerator.fitMetric("loss", done, x, n, 2, true, true,
            dev.sextant.acquisition.generate.GenerationOptions.parse(fitted(acquisition, opts)),
            spec.seed(), null, kernel);
        GpModel g = generator.model();
        double[] gm = g.posteriorMean(x, n);
        double[] pm = mp.model().posteriorMean(x, n);
        for (int i = 0; i < n; i++) {
            assertEquals(gm[i], pm[i], 1e-9, "posterior mean at trial " + i);
            // and in original units, through the inverse of the fitted power transform and the sign: the data
            double back = generator.transform().inverse(-(g.outcomeShift() + g.outcomeScale() * gm[i]));
            ModelPredictions.Prediction p = mp.predict(done.get(i).parameters());
            assertEquals(back, p.mean(), 1e-9 * Math.max(1, Math.abs(back)));
            if (loss(done.get(i)) < 5) { // the poor tail is winsorised before fitting, as the generator does
                assertEquals(loss(done.get(i)), p.mean(), 0.05 * loss(done.get(i)), "interpolates trial " + i);
            }
        }
    }

    /**
     * With several objectives the dashboard's model of each objective is the generator's, including the noise prior the
     * generator chose by leave-one-out: the exact metric takes the low-noise prior ("low"), the noisy one keeps the
     * default, and both fits' hyperparameters equal those the proposal recorded.
     */
    @Test
    @SuppressWarnings("unchecked")
    void dashboardModelsOfSeveralObjectivesUseTheGeneratorsNoisePriorChoice() {
        SearchSpace space = SearchSpace.builder().addFloat("a", 0, 1).addFloat("b", 0, 1).build();
        StudySpec spec = new StudySpec("dash-mo", space, List.of(Objective.minimize("smooth"), Objective.maximize("noisy")),
            List.of(), new GenerationSettings(8, null, Map.of("threads", 1, "raw_samples", 512, "restarts", 2,
                "mc_samples", 32)), 5);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        java.util.Random rng = new java.util.Random(7);
        for (int i = 0; i < 8; i++) {
            Trial t = study.ask();
            double a = t.number("a"), b = t.number("b");
            study.tell(t.id(), Map.of("smooth", a * a + b * b, "noisy", a + b + 0.4 * rng.nextGaussian()));
        }
        Trial proposed = study.ask(); // fitted on the 8 trials
        Map<String, Object> choice = (Map<String, Object>) proposed.generation().get("noise_prior_choice");
        assertEquals("low", ((Map<String, Object>) choice.get("smooth")).get("chosen"), choice.toString());
        assertEquals("default", ((Map<String, Object>) choice.get("noisy")).get("chosen"), choice.toString());
        Map<String, Map<String, Double>> generatorHyper =
            (Map<String, Map<String, Double>>) proposed.generation().get("objective_hyperparameters");
        for (String metric : List.of("smooth", "noisy")) {
            Map<String, Double> expected = generatorHyper.get(metric);
            Map<String, Double> shown = ModelPredictions.fit(spec, study.trials(), metric).hyperparameters();
            assertEquals(expected.keySet(), shown.keySet());
            for (Map.Entry<String, Double> e : expected.entrySet()) {
                assertEquals(e.getValue(), shown.get(e.getKey()), 1e-9 * Math.max(1, Math.abs(e.getValue())),
                    metric + " " + e.getKey());
            }
        }
    }
}

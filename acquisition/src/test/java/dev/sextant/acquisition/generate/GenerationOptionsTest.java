package dev.sextant.acquisition.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.acquisition.Strategies;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.study.InvalidGenerationOptionException;
import dev.sextant.core.study.InvalidStoredSettingsException;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.OutcomeConstraint;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerationOptionsTest {
    /** The issue's bad examples: key, value, a fragment the message must hold (the allowed values). */
    static final List<Object[]> BAD = List.of(
            new Object[] {"kernel", "banana", "allowed: rbf, matern52"},
            new Object[] {"mc_samples", 0, "allowed: an integer from 1 to 16384"},
            new Object[] {"raw_samples", 1e9, "allowed: an integer from 1 to 65536"},
            new Object[] {"raw_samples", "1e9", "allowed: an integer from 1 to 65536"},
            new Object[] {"restarts", -1, "allowed: an integer from 1 to 1000"},
            new Object[] {"outcome_transform", "sqrt", "allowed: none, log, bilog, power"},
            new Object[] {"noise_prior_scale", -1, "allowed: a finite number above 0"},
            new Object[] {"threads", 0, "allowed: an integer from 1 to 1024"},
            new Object[] {"gp_restarts", -3, "allowed: an integer from 0 to 100"});

    static StudySpec spec(String acquisition, Map<String, Object> options, List<OutcomeConstraint> constraints) {
        SearchSpace space = SearchSpace.builder().addFloat("x", 0, 1).addFloat("y", 0, 1).build();
        return new StudySpec("s", space, Objective.minimize("loss"), constraints,
                new GenerationSettings(2, acquisition, options), 1);
    }

    @Test
    void everyBadExampleOfTheIssueNamesTheOptionWhatWasGivenAndWhatIsAllowed() {
        for (Object[] bad : BAD) {
            String key = (String) bad[0];
            InvalidGenerationOptionException e = assertThrows(InvalidGenerationOptionException.class,
                    () -> GenerationOptions.parse(Map.of(key, bad[1])), key);
            assertEquals(key, e.option());
            assertEquals(bad[1], e.given());
            assertTrue(e.getMessage().startsWith("generation." + key + ": got "), e.getMessage());
            assertTrue(e.getMessage().contains((String) bad[2]), e.getMessage());
        }
        // the raw value is shown as given
        assertTrue(GenerationOptions.parse(Map.of()).equals(GenerationOptions.DEFAULTS));
        assertTrue(assertThrows(InvalidGenerationOptionException.class,
                () -> GenerationOptions.parse(Map.of("kernel", "banana"))).getMessage().contains("got 'banana'"));
        assertTrue(assertThrows(InvalidGenerationOptionException.class,
                () -> GenerationOptions.parse(Map.of("raw_samples", 1e9))).getMessage().contains("got 1000000000;"));
    }

    @Test
    void wrongTypesAreRejected() {
        for (Object[] bad : List.of(new Object[] {"mc_samples", "many"}, new Object[] {"mc_samples", 2.5},
                new Object[] {"mc_samples", true}, new Object[] {"warm_start", "yes"}, new Object[] {"warm_start", 1},
                new Object[] {"beta", "high"}, new Object[] {"beta", Double.NaN}, new Object[] {"min_noise", -1e-9},
                new Object[] {"noise_prior_loc", Double.POSITIVE_INFINITY}, new Object[] {"kernel", 52},
                new Object[] {"kernel", "matern32+"}, new Object[] {"kernel", "rbf*banana"},
                new Object[] {"fantasies", List.of(8, 0)},
                new Object[] {"fantasies", List.of()}, new Object[] {"fantasies", 8},
                new Object[] {"batch_sizes", List.of(1, 9)}, new Object[] {"init_eta", 0},
                new Object[] {"budget", 0}, new Object[] {"max_iterations", "x"})) {
            InvalidGenerationOptionException e = assertThrows(InvalidGenerationOptionException.class,
                    () -> GenerationOptions.parse(Map.of((String) bad[0], bad[1])), bad[0] + "=" + bad[1]);
            assertEquals(bad[0], e.option());
            assertTrue(e.getMessage().contains("allowed: " + GenerationOptions.option((String) bad[0]).allowed()),
                    e.getMessage());
        }
    }

    @Test
    void anUnknownKeyIsAnErrorWithTheNearestKnownKey() {
        InvalidGenerationOptionException e = assertThrows(InvalidGenerationOptionException.class,
                () -> GenerationOptions.parse(Map.of("mc_sample", 64)));
        assertEquals("mc_sample", e.option());
        assertTrue(e.getMessage().startsWith("generation.mc_sample: unknown option; did you mean 'mc_samples'?"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Known options: kernel, mc_samples, raw_samples"), e.getMessage());
        assertTrue(GenerationOptions.parse(Map.of()).equals(GenerationOptions.DEFAULTS));
        String far = assertThrows(InvalidGenerationOptionException.class,
                () -> GenerationOptions.parse(Map.of("learning_rate", 0.1))).getMessage();
        assertTrue(far.contains("unknown option. Known options:") && !far.contains("did you mean"), far);
        assertEquals("warm_start", GenerationOptions.nearest("warmstart", GenerationOptions.keys()));
        assertEquals("outcome_transform", GenerationOptions.nearest("outcome-transform", GenerationOptions.keys()));
        assertEquals(3, GenerationOptions.editDistance("kitten", "sitting"));
    }

    @Test
    void theAcquisitionNameIsValidatedWithASuggestion() {
        InvalidGenerationOptionException e = assertThrows(InvalidGenerationOptionException.class,
                () -> Strategies.validate(spec("qlogne", Map.of(), List.of())));
        assertEquals("acquisition", e.option());
        assertTrue(e.getMessage().startsWith("generation.acquisition: unknown acquisition 'qlogne'; did you mean "
                + "'qlognei'?"), e.getMessage());
        assertTrue(e.getMessage().contains("lookahead2") && e.getMessage().contains("sobol"), e.getMessage());
        for (String ok : Strategies.names()) {
            Strategies.validate(spec(ok.toUpperCase(java.util.Locale.ROOT), Map.of(), List.of()));
        }
    }

    @Test
    void whatTheGeneratorChecksWhenBuiltIsReportedAsAnOption() {
        InvalidGenerationOptionException shape = assertThrows(InvalidGenerationOptionException.class,
                () -> Strategies.validate(spec("lookahead2", Map.of("batch_sizes", List.of(1, 1)), List.of())));
        assertEquals("batch_sizes", shape.option());
        assertTrue(shape.getMessage().contains("3 for fantasies [8, 4]"), shape.getMessage());
        InvalidGenerationOptionException tree = assertThrows(InvalidGenerationOptionException.class,
                () -> Strategies.validate(spec("lookahead3", Map.of("fantasies", List.of(64, 64, 64)), List.of())));
        assertEquals("fantasies", tree.option());
        InvalidGenerationOptionException constrained = assertThrows(InvalidGenerationOptionException.class,
                () -> Strategies.validate(spec("kg", Map.of(), List.of(OutcomeConstraint.parse("c <= 1")))));
        assertEquals("acquisition", constrained.option());
        assertTrue(constrained.getMessage().contains("use qlognei"), constrained.getMessage());
    }

    @Test
    void validOptionsParseToTheirTypedValuesAndTodaysDefaultsStay() {
        GenerationOptions d = GenerationOptions.DEFAULTS;
        assertNull(d.kernel());
        assertEquals("rbf", d.kernel("rbf"));
        assertEquals(512, d.mcSamples());
        assertEquals(2048, d.rawSamples());
        assertEquals(10, d.restarts(10));
        assertEquals(7, d.threads(7));
        assertTrue(d.sequential() && d.pruneBaseline() && d.screen() && d.winsorize());
        assertTrue(!d.warmStart() && !d.fixedOutputscale());
        assertEquals(0.2, d.beta());
        assertEquals(0, d.gpRestarts());
        assertEquals(1e-6, d.minNoise());
        assertEquals(0.0625, d.noisePriorLoc());
        assertEquals(1.75, d.noisePriorScale());
        assertEquals(2.0, d.initEta());
        assertEquals(GenerationOptions.Transform.NONE, d.outcomeTransform());
        assertEquals(4, d.batchQuadrature());
        assertNull(d.fantasies());
        assertNull(d.batchSizesArray());
        assertEquals(200, d.maxIterations(200));
        assertEquals(0, d.budget(0));

        Map<String, Object> all = new LinkedHashMap<>();
        all.put("kernel", "Matern-52");
        all.put("mc_samples", 64L);
        all.put("raw_samples", "1024");
        all.put("restarts", 4.0);
        all.put("threads", 2);
        all.put("sequential", "false");
        all.put("prune_baseline", false);
        all.put("beta", 1);
        all.put("screen", false);
        all.put("gp_restarts", 2);
        all.put("warm_start", true);
        all.put("min_noise", 0);
        all.put("fixed_outputscale", true);
        all.put("noise_prior_loc", "-4");
        all.put("noise_prior_scale", 1);
        all.put("winsorize", false);
        all.put("init_eta", 1.5);
        all.put("outcome_transform", "POWER");
        all.put("model_selection", "off");
        all.put("input_warping", "On");
        all.put("trust_region", "ON");
        all.put("trust_region_search", "Thompson");
        all.put("min_feasibility", "0.7");
        all.put("hyperparameters", "Fully_Bayesian");
        all.put("fb_samples", 8);
        all.put("fb_warmup", "20");
        all.put("fb_rewarmup", 5);
        all.put("fb_thin", 3.0);
        all.put("fb_prior", "SAAS");
        all.put("fantasies", List.of(4L, 2L));
        all.put("batch_sizes", List.of(2, 1, 1));
        all.put("batch_quadrature", 3);
        all.put("max_iterations", 50);
        all.put("budget", 40);
        assertEquals(GenerationOptions.keys(), List.copyOf(all.keySet()), "this test covers every option");
        GenerationOptions o = GenerationOptions.parse(all);
        assertEquals(new GenerationOptions("matern52", 64, 1024, 4, 2, false, false, 1.0, false, 2, true, 0.0,
                true, -4.0, 1.0, false, 1.5, GenerationOptions.Transform.POWER, List.of(4, 2), List.of(2, 1, 1), 3, 50,
                40, GenerationOptions.ModelSelection.OFF, GenerationOptions.Warping.ON,
                GenerationOptions.TrustRegionMode.ON, GenerationOptions.TrustRegionSearch.THOMPSON, 0.7,
                new GenerationOptions.Hyperparameters(GenerationOptions.HyperparameterMode.FULLY_BAYESIAN, 8, 20, 5, 3,
                        dev.sextant.surrogate.bayes.HyperparameterPrior.SAAS)), o);
        assertEquals(GenerationOptions.Hyperparameters.DEFAULTS, d.hyperparameters());
        assertEquals(GenerationOptions.HyperparameterMode.AUTO, d.hyperparameters().mode());
        assertFalse(d.hyperparameters().fullyBayesian(7), "auto: MAP below 8 encoded dimensions");
        assertTrue(d.hyperparameters().fullyBayesian(8), "auto: fully Bayesian from 8 encoded dimensions");
        assertFalse(GenerationOptions.parse(Map.of("hyperparameters", "map")).hyperparameters().fullyBayesian(30));
        assertTrue(GenerationOptions.parse(Map.of("hyperparameters", "fully_bayesian")).hyperparameters()
            .fullyBayesian(1));
        InvalidGenerationOptionException bad = assertThrows(InvalidGenerationOptionException.class,
                () -> GenerationOptions.parse(Map.of("fb_samples", 0)));
        assertTrue(bad.getMessage().contains("fb_samples"), bad.getMessage());
        assertThrows(InvalidGenerationOptionException.class,
                () -> GenerationOptions.parse(Map.of("hyperparameters", "nuts")));
        assertEquals(List.of(4, 2), List.of(o.fantasies(null)[0], o.fantasies(null)[1]));
        // YAML 1.1 reads unquoted off/on as booleans
        assertEquals(GenerationOptions.ModelSelection.OFF, GenerationOptions.parse(Map.of("model_selection", false))
                .modelSelection());
        assertEquals(GenerationOptions.Warping.ON, GenerationOptions.parse(Map.of("input_warping", true)).inputWarping());
        assertEquals(GenerationOptions.TrustRegionMode.OFF, GenerationOptions.parse(Map.of("trust_region", false))
                .trustRegion());
        assertThrows(InvalidGenerationOptionException.class,
                () -> GenerationOptions.parse(Map.of("trust_region", "maybe")));
        GenerationOptions.TrustRegionMode auto = GenerationOptions.parse(Map.of("trust_region", "auto")).trustRegion();
        assertTrue(auto.appliesTo(GenerationOptions.TrustRegionMode.AUTO_MIN_DIMENSION));
        assertFalse(auto.appliesTo(GenerationOptions.TrustRegionMode.AUTO_MIN_DIMENSION - 1));
        assertTrue(GenerationOptions.TrustRegionMode.ON.appliesTo(2));
        assertFalse(GenerationOptions.TrustRegionMode.OFF.appliesTo(100));
        assertEquals(GenerationOptions.ModelSelection.ON, GenerationOptions.parse(Map.of("model_selection", true))
                .modelSelection());
        assertThrows(InvalidGenerationOptionException.class,
                () -> GenerationOptions.parse(Map.of("model_selection", "maybe")));
        // auto: the model chosen for one objective with MAP hyperparameters, fixed under the ensemble and with several
        assertEquals(GenerationOptions.ModelSelection.AUTO, d.modelSelection());
        assertEquals(GenerationOptions.Warping.OFF, d.inputWarping());
        assertEquals(GenerationOptions.ModelSelection.ON, d.withModelSelectionResolved(7, false).modelSelection());
        assertEquals(GenerationOptions.ModelSelection.OFF, d.withModelSelectionResolved(8, false).modelSelection());
        assertEquals(GenerationOptions.ModelSelection.OFF, d.withModelSelectionResolved(2, true).modelSelection());
        GenerationOptions on = GenerationOptions.parse(Map.of("model_selection", "on"));
        assertEquals(GenerationOptions.ModelSelection.ON, on.withModelSelectionResolved(30, true).modelSelection());
        GenerationOptions off = GenerationOptions.parse(Map.of("model_selection", "off"));
        assertEquals(GenerationOptions.ModelSelection.OFF, off.withModelSelectionResolved(2, false).modelSelection());
        Strategies.validate(spec("lookahead2", all, List.of()));
        // a null value means the default
        Map<String, Object> nulls = new LinkedHashMap<>();
        nulls.put("kernel", null);
        assertEquals(GenerationOptions.DEFAULTS, GenerationOptions.parse(nulls));
    }

    @Test
    void aStudyWithBadOptionsIsNotCreatedAndAStoredOneFailsLoudlyOnAsk() {
        InMemoryStorage storage = new InMemoryStorage();
        StudySpec bad = spec("qlognei", Map.of("mc_samples", 0), List.of());
        assertThrows(InvalidGenerationOptionException.class,
                () -> Study.create(bad, storage, Strategies.defaultFor(bad)));
        assertTrue(storage.studyNames().isEmpty(), "nothing stored");

        // older data: written straight into the storage, bypassing the validation
        for (StudySpec old : List.of(bad, spec("lookahead2", Map.of("fantasies", List.of(0)), List.of()),
                spec("qmagic", Map.of(), List.of()))) {
            InMemoryStorage s = new InMemoryStorage();
            s.createStudy(old);
            Study study = Study.open("s", s, Strategies.defaultFor(old));   // opens: it can still be read
            InvalidStoredSettingsException e = assertThrows(InvalidStoredSettingsException.class, study::ask);
            assertTrue(e.getMessage().startsWith("study 's' is stored with generation settings that are not valid: "
                    + "generation."), e.getMessage());
            assertTrue(e.getMessage().contains("allowed: "), e.getMessage());
            assertTrue(s.trials("s").isEmpty(), "no trial created");
        }
    }

    @Test
    void theReadmeTablesAreTheRecordsTable() throws IOException {
        String table = GenerationOptions.markdownTable();
        for (Path readme : List.of(Path.of("README.md"), Path.of("..", "examples", "README.md"))) {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            String begin = "<!-- generation-options: begin (GenerationOptions.markdownTable) -->\n";
            String end = "<!-- generation-options: end -->";
            int i = text.indexOf(begin);
            int j = text.indexOf(end);
            assertTrue(i >= 0 && j > i, readme + " must hold the options table between the markers");
            assertEquals(table, text.substring(i + begin.length(), j), readme
                    + ": the options table differs from GenerationOptions.OPTIONS; paste this table:\n" + table);
            for (String key : GenerationOptions.keys()) {
                assertTrue(text.contains("| `" + key + "` |"), readme + " lacks " + key);
            }
        }
    }
}

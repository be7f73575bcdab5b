package dev.sextant.experiments.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.space.CategoricalParameter;
import dev.sextant.core.study.Goal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

public class CampaignParserTest {
    static final String GOOD = """
            name: steering-reward-vs-diversity
            seed: 7
            parameters:
              - {name: guidance_scale, type: float, low: 0.0, high: 10.0}
              - {name: beta, type: float, low: 0.01, high: 10.0}
              - {name: steps, type: int, low: 10, high: 200}
              - {name: sampler, type: categorical, choices: [ddim, ddpm]}
            parameter_constraints: ["guidance_scale + 2*beta <= 20"]
            objective: {metric: reward, goal: maximize}
            outcome_constraints: ["diversity >= 0.5"]
            budget: {trials: 40, wall_time: 10m}
            batch: 4            # trials asked at once
            parallelism: 2      # trials evaluated at once
            generation: {initial: 8, acquisition: qlognei}
            evaluator:
              builtin: steering
            store: jdbc:h2:file:./sextant-data/sextant
            """;

    private static Campaign parse(String text) {
        return CampaignParser.parse("campaign.yaml", text, Path.of("."));
    }

    /** Replaces line {@code line} (1-based) of GOOD. */
    private static String withLine(int line, String replacement) {
        String[] lines = GOOD.split("\n", -1);
        lines[line - 1] = replacement;
        return String.join("\n", lines);
    }

    private static CampaignException fails(String text) {
        return assertThrows(CampaignException.class, () -> parse(text));
    }

    @Test
    void theIssueExampleParses() {
        Campaign c = parse(GOOD);
        assertEquals("steering-reward-vs-diversity", c.name());
        assertEquals(7, c.spec().seed());
        assertEquals(4, c.spec().space().parameters().size());
        assertTrue(c.spec().space().parameters().get(3) instanceof CategoricalParameter);
        assertEquals(Goal.MAXIMIZE, c.spec().objective().goal());
        assertEquals(40, c.budget().trials());
        assertEquals(Duration.ofMinutes(10), c.budget().wallTime());
        assertEquals(4, c.batch());
        assertEquals(2, c.parallelism());
        assertEquals(8, c.spec().generation().initialTrials());
        assertEquals("steering", c.evaluator().builtin());
        assertEquals("jdbc:h2:file:./sextant-data/sextant", c.store());
    }

    @Test
    void badParameterBoundNamesItsLineAndPath() {
        CampaignException e = fails(withLine(5, "  - {name: beta, type: float, low: abc, high: 10.0}"));
        assertEquals(5, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("campaign.yaml:5: parameters[1].low: "), e.getMessage());
    }

    @Test
    void blockStyleParameterPointsAtTheKeyLine() {
        String text = """
                name: x
                parameters:
                  - name: a
                    type: float
                    low: 0
                    high: 1
                  - name: b
                    type: float
                    low: 5
                    high: oops
                objective: {metric: value, goal: minimize}
                budget: {trials: 3}
                evaluator: {command: [true]}
                """;
        CampaignException e = fails(text);
        assertEquals(10, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("parameters[1].high"), e.getMessage());
    }

    /** The issue's bad generation options as YAML lines, with a fragment of the expected message. */
    public static final java.util.List<String[]> BAD_OPTIONS = java.util.List.of(
            new String[] {"kernel: banana", "generation.kernel: got 'banana'; allowed: rbf, matern52"},
            new String[] {"mc_samples: 0", "generation.mc_samples: got 0; allowed: an integer from 1 to 16384"},
            new String[] {"raw_samples: 1e9", "generation.raw_samples: got 1000000000; allowed: an integer from 1 to 65536"},
            new String[] {"restarts: -1", "generation.restarts: got -1; allowed: an integer from 1 to 1000"},
            new String[] {"outcome_transform: sqrt", "generation.outcome_transform: got 'sqrt'; allowed: none, log, bilog, power"},
            new String[] {"noise_prior_scale: -1", "generation.noise_prior_scale: got -1; allowed: a finite number above 0"},
            new String[] {"threads: 0", "generation.threads: got 0; allowed: an integer from 1 to 1024"},
            new String[] {"gp_restarts: -3", "generation.gp_restarts: got -3; allowed: an integer from 0 to 100"},
            new String[] {"trust_region: maybe", "generation.trust_region: got 'maybe'; allowed: auto, on, off"},
            new String[] {"mc_sample: 64", "generation.mc_sample: unknown option; did you mean 'mc_samples'?"});

    /** A campaign whose generation block (lines 4-7) ends with {@code optionLine} on line 7. */
    public static String withOption(String optionLine) {
        return """
                name: opts
                budget: {trials: 4}
                evaluator: {builtin: branin}
                generation:
                  initial: 2
                  acquisition: qlognei
                  %s
                """.formatted(optionLine);
    }

    @Test
    void generationOptionsAreValidatedWithTheirLine() {
        for (String[] bad : BAD_OPTIONS) {
            CampaignException e = fails(withOption(bad[0]));
            assertEquals(7, e.line(), e.getMessage());
            assertTrue(e.getMessage().startsWith("campaign.yaml:7: " + bad[1]), e.getMessage());
        }
        CampaignException e = fails(withOption("mc_samples: 64").replace("acquisition: qlognei", "acquisition: qlogne"));
        assertEquals(6, e.line(), e.getMessage());
        assertTrue(e.detail().startsWith("generation.acquisition: unknown acquisition 'qlogne'; did you mean 'qlognei'?"),
                e.getMessage());
        e = fails(withOption("batch_sizes: [1, 1]").replace("acquisition: qlognei", "acquisition: lookahead2"));
        assertEquals(7, e.line(), e.getMessage());
        assertTrue(e.detail().startsWith("generation.batch_sizes: needs one entry per stage"), e.getMessage());
    }

    @Test
    void validGenerationOptionsSurviveUnchanged() {
        Campaign c = parse(withOption("kernel: matern52\n  mc_samples: 256\n  outcome_transform: power\n"
                + "  warm_start: true\n  fantasies: [4, 2]"));
        java.util.Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("kernel", "matern52");
        expected.put("mc_samples", 256L);
        expected.put("outcome_transform", "power");
        expected.put("warm_start", true);
        expected.put("fantasies", java.util.List.of(4L, 2L));
        assertEquals(expected, c.spec().generation().options());
    }

    @Test
    void searchSpaceErrorsPointAtTheParameter() {
        CampaignException e = fails(withLine(6, "  - {name: steps, type: int, low: 300, high: 200}"));
        assertEquals(6, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("steps"), e.getMessage());
    }

    @Test
    void unknownKeysAndMissingOnes() {
        CampaignException e = fails(withLine(12, "batches: 4"));
        assertEquals(12, e.line());
        assertTrue(e.detail().startsWith("batches: unknown key"), e.getMessage());
        e = fails(withLine(11, "budget: {trials: 40, wall: 10m}"));
        assertEquals(11, e.line());
        assertTrue(e.detail().startsWith("budget.wall: unknown key"), e.getMessage());
        e = fails(GOOD.replace("budget: {trials: 40, wall_time: 10m}\n", ""));
        assertTrue(e.getMessage().contains("missing key 'budget'"), e.getMessage());
        e = fails(withLine(1, "nom: x"));
        assertEquals(1, e.line());
    }

    @Test
    void valueErrors() {
        CampaignException e = fails(withLine(11, "budget: {trials: 40, wall_time: ten minutes}"));
        assertEquals(11, e.line());
        assertTrue(e.detail().startsWith("budget.wall_time: expected a duration"), e.getMessage());
        e = fails(withLine(12, "batch: 0"));
        assertEquals(12, e.line());
        assertTrue(e.detail().startsWith("batch: expected a whole number >= 1"), e.getMessage());
        e = fails(withLine(13, "parallelism: two"));
        assertEquals(13, e.line());
        e = fails(withLine(9, "objective: {metric: reward, goal: upwards}"));
        assertEquals(9, e.line(), e.getMessage());
        assertTrue(e.detail().contains("objective.goal"), e.getMessage());
    }

    @Test
    void evaluatorErrors() {
        CampaignException e = fails(withLine(16, "  builtin: nosuchthing"));
        assertEquals(16, e.line());
        assertTrue(e.detail().contains("unknown builtin 'nosuchthing'"), e.getMessage());
        e = fails(GOOD.replace("  builtin: steering\n", "  builtin: steering\n  command: [echo]\n"));
        assertEquals(15, e.line());
        e = fails(GOOD.replace("  builtin: steering\n", "  command: [python3, t.py]\n  timeout: soon\n"));
        assertEquals(17, e.line());
        assertTrue(e.detail().startsWith("evaluator.timeout"), e.getMessage());
        // the steering workload has no such knob / does not report such a metric
        e = fails(withLine(6, "  - {name: learning_rate, type: int, low: 10, high: 200}"));
        assertEquals(6, e.line(), e.getMessage());
        assertTrue(e.detail().contains("no parameter 'learning_rate'"), e.getMessage());
        e = fails(withLine(9, "objective: {metric: loss, goal: maximize}"));
        assertEquals(9, e.line(), e.getMessage());
    }

    static final String MULTI = """
            name: reward-vs-divergence
            parameters:
              - {name: guidance_scale, type: float, low: 0.0, high: 10.0}
              - {name: beta, type: float, low: 0.01, high: 10.0}
            objectives:
              - {metric: reward, goal: maximize, threshold: 0.3}
              - {metric: divergence, goal: minimize}
            budget: {trials: 10}
            evaluator:
              builtin: steering
            """;

    @Test
    void severalObjectivesParse() {
        Campaign c = parse(MULTI);
        assertEquals(java.util.List.of(new dev.sextant.core.study.Objective("reward", Goal.MAXIMIZE, 0.3),
                dev.sextant.core.study.Objective.minimize("divergence")), c.spec().objectives());
        assertTrue(c.spec().isMultiObjective());
    }

    @Test
    void objectivesErrorsNameTheirLine() {
        CampaignException e = fails(MULTI.replace("goal: minimize}", "goal: smaller}"));
        assertEquals(7, e.line(), e.getMessage());
        assertTrue(e.detail().startsWith("objectives[1].goal: expected minimize or maximize, got 'smaller'"),
                e.getMessage());
        e = fails(MULTI.replace("threshold: 0.3}", "threshold: high}"));
        assertEquals(6, e.line(), e.getMessage());
        assertTrue(e.detail().startsWith("objectives[0].threshold: expected a number, got 'high'"), e.getMessage());
        e = fails(MULTI.replace("metric: divergence", "metric: loss"));
        assertEquals(7, e.line(), e.getMessage());
        assertTrue(e.detail().startsWith("objectives[1].metric: the builtin 'steering' reports reward, divergence,"
                + " base_divergence, diversity, not 'loss'"), e.getMessage());
        e = fails(MULTI.replace("metric: divergence", "metric: reward"));
        assertEquals(7, e.line(), e.getMessage());
        assertTrue(e.detail().contains("'reward' is already the metric of objectives[0]"), e.getMessage());
        e = fails(MULTI.replace("budget:", "objective: {metric: reward, goal: maximize}\nbudget:"));
        assertTrue(e.detail().startsWith("objectives: give either objective"), e.getMessage());
        assertEquals(5, e.line(), e.getMessage());
        e = fails(MULTI.replace("  - {metric: reward, goal: maximize, threshold: 0.3}\n", "")
                .replace("objectives:\n  - {metric: divergence, goal: minimize}", "objectives: {metric: divergence}"));
        assertEquals(5, e.line(), e.getMessage());
        assertTrue(e.detail().startsWith("objectives: expected a list, got a map"), e.getMessage());
    }

    @Test
    void yamlSyntaxErrorsAndDuplicates() {
        CampaignException e = fails(withLine(7, "  - {name: sampler, type: categorical, choices: [ddim, ddpm}"));
        assertEquals(7, e.line(), e.getMessage());
        assertTrue(e.detail().startsWith("not valid YAML"), e.getMessage());
        e = fails(GOOD + "batch: 8\n");
        assertTrue(e.line() >= 12, e.getMessage());
        e = fails("");
        assertTrue(e.getMessage().contains("empty"));
    }

    @Test
    void builtinTestFunctionImpliesItsBoxAndObjective() {
        Campaign c = parse("""
                name: h
                budget: {trials: 5}
                evaluator: {builtin: hartmann6-constrained, options: {noise: 0.1}}
                """);
        assertEquals(6, c.spec().space().parameters().size());
        assertEquals("value", c.spec().objective().metric());
        assertEquals(Goal.MINIMIZE, c.spec().objective().goal());
        assertEquals(1, c.spec().outcomeConstraints().size());
        assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
        assertEquals(Duration.ofMillis(1500), Durations.parse(1.5));
    }

    @Test
    void theShippedExamplesAndTheDemoValidate() throws Exception {
        Path examples = Path.of("..", "examples");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(examples), "run from the module folder");
        int n = 0;
        try (var files = java.nio.file.Files.list(examples)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                CampaignParser.parse(f);
                n++;
            }
        }
        assertTrue(n >= 5, "examples found: " + n);
        try (var in = CampaignParserTest.class.getResourceAsStream("/dev/sextant/experiments/cli/demo.yaml")) {
            Campaign demo = CampaignParser.parse("demo.yaml", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    Path.of("."));
            assertEquals(40, demo.budget().trials());
        }
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnceWithItsLine() {
        String text = GOOD.replace("high: 200}", "high: 5}")                   // line 6: steps low 10 > high 5
                .replace("low: 0.0, high: 10.0}", "low: zero, high: 10.0}")     // line 4: not a number
                .replace("trials: 40,", "trials: \"5\",")                     // line 11: a quoted number
                .replace("goal: maximize}", "goal: upward}")                    // line 9
                .replace("batch: 4 ", "batches: 4 ");                          // line 12: unknown key
        CampaignException e = fails(text);
        String msg = e.getMessage();
        assertEquals(5, e.problems().size(), msg);
        assertTrue(msg.startsWith("campaign.yaml: 5 problems"), msg);
        assertTrue(msg.contains("campaign.yaml:4: parameters[0].low: expected a number, got 'zero'"), msg);
        assertTrue(msg.contains("campaign.yaml:6: parameters[2]"), msg);
        assertTrue(msg.contains("campaign.yaml:9: objective.goal"), msg);
        assertTrue(msg.contains("campaign.yaml:11: budget.trials"), msg);
        assertTrue(msg.contains("campaign.yaml:12: batches: unknown key"), msg);
        // listed in file order
        assertEquals(java.util.List.of(4, 6, 9, 11, 12), e.problems().stream().map(CampaignException::line).toList());
    }

    @Test
    void aQuotedNumberIsRefusedWithTheReasonAndTheFix() {
        CampaignException e = fails(GOOD.replace("trials: 40,", "trials: \"5\","));
        assertEquals(11, e.line(), e.getMessage());
        assertEquals("budget.trials: expected a whole number >= 1, got '5' (the quotes make it a string in YAML: "
                + "write 5 without quotes)", e.detail());
        e = fails(GOOD.replace("low: 0.01,", "low: '0.01',"));
        assertEquals(5, e.line(), e.getMessage());
        assertTrue(e.detail().endsWith("(the quotes make it a string in YAML: write 0.01 without quotes)"), e.detail());
        // a quoted word is not a number: no such hint
        e = fails(GOOD.replace("batch: 4 ", "batch: \"four\" "));
        assertTrue(!e.detail().contains("quotes"), e.detail());
    }
}

package dev.sextant.experiments.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command evaluator whose command sometimes fails, hangs past its timeout or prints garbage. */
class CommandEvaluatorTest {
    @TempDir
    Path dir;

    /** Behaviour by trial number mod 5: 0 ok (stdout), 1 exit 3, 2 hang, 3 garbage, 4 ok (result file, sem). */
    private static final String SCRIPT = """
            #!/usr/bin/env bash
            params=$(cat)
            case $(( $1 % 5 )) in
              0) echo "working on $params" >&2
                 echo "some log line"
                 echo "{\\"loss\\": $SEXTANT_PARAM_X, \\"extra\\": \\"ignored\\"}";;
              1) echo "CUDA out of memory (pretend)" >&2; exit 3;;
              2) echo "hanging" >&2; sleep 30; echo '{"loss": 1}';;
              3) echo "loss is 0.5, I think";;
              4) echo "{\\"loss\\": [$2, 0.01]}" > "$SEXTANT_RESULT_FILE"; echo "wrote it";;
            esac
            """;

    @Test
    void failuresTimeoutsAndGarbageFailTheirTrialsAndTheCampaignCompletes() throws Exception {
        Path script = dir.resolve("train.sh");
        Files.writeString(script, SCRIPT);
        script.toFile().setExecutable(true);
        String yaml = """
                name: flaky
                seed: 3
                parameters:
                  - {name: x, type: float, low: 0.0, high: 1.0}
                objective: {metric: loss, goal: minimize}
                budget: {trials: 10}
                batch: 5
                parallelism: 5
                evaluator:
                  command: [bash, train.sh, "{trial_id}", "{x}"]
                  timeout: 1500ms
                """;
        Campaign c = CampaignParser.parse("flaky.yaml", yaml, dir);
        InMemoryStorage storage = new InMemoryStorage();
        CampaignRunner runner = new CampaignRunner(c, storage, spec -> GenerationStrategy.sobolOnly(),
                new CampaignRunner.Options("run:test", null, true, null));
        long t0 = System.nanoTime();
        CampaignRunner.Summary s = runner.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 20, "the hanging trials were killed at their timeout, took " + seconds + " s");
        List<Trial> trials = storage.trials("flaky");
        assertEquals(10, trials.size());
        int ok = 0;
        for (Trial t : trials) {
            int kind = (int) (t.number() % 5);
            switch (kind) {
                case 0 -> {
                    assertEquals(TrialState.COMPLETED, t.state(), t.toString());
                    assertEquals(((Number) t.parameters().get("x")).doubleValue(), t.values().get("loss").mean(), 1e-9);
                    ok++;
                }
                case 4 -> {
                    assertEquals(TrialState.COMPLETED, t.state(), t.toString());
                    assertEquals(0.01, t.values().get("loss").sem(), 1e-12);
                    ok++;
                }
                case 1 -> {
                    assertEquals(TrialState.FAILED, t.state());
                    assertTrue(t.failureReason().contains("exit code 3"), t.failureReason());
                    assertTrue(t.failureReason().contains("CUDA out of memory"), "stderr tail kept: " + t.failureReason());
                }
                case 2 -> {
                    assertEquals(TrialState.FAILED, t.state());
                    assertTrue(t.failureReason().startsWith("timed out after 1s"), t.failureReason());
                    assertTrue(t.failureReason().contains("hanging"), t.failureReason());
                }
                default -> {
                    assertEquals(TrialState.FAILED, t.state());
                    assertTrue(t.failureReason().startsWith("unparsable result"), t.failureReason());
                    assertTrue(t.failureReason().contains("loss is 0.5"), t.failureReason());
                }
            }
        }
        assertEquals(ok, s.completed());
        assertEquals(10 - ok, s.failed());
    }

    static boolean hasPython() {
        try {
            return new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void parametersArriveAsArgumentsStdinAndEnvironment() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(hasPython(), "python3 is not installed");
        Path script = dir.resolve("echo.py");
        Files.writeString(script, """
                import json, os, sys
                p = json.load(sys.stdin)
                assert sys.argv[1] == str(p["n"]), (sys.argv, p)
                assert os.environ["SEXTANT_PARAM_OPT_NAME"] == p["opt_name"]
                assert p["n"] < 5, "n too large"
                print(json.dumps({"score": {"mean": p["n"] * 2, "sem": 0.5}, "other": 1}))
                """);
        StudyFixture f = new StudyFixture("""
                name: echo
                parameters:
                  - {name: n, type: int, low: 1, high: 9}
                  - {name: opt_name, type: categorical, choices: [adam, sgd]}
                objective: {metric: score, goal: maximize}
                budget: {trials: 1}
                evaluator: {command: [python3, echo.py, "{n}"]}
                """, dir);
        Evaluation e = Evaluator.of(f.campaign).evaluate(Map.of("n", 4L, "opt_name", "sgd"), 1, 0);
        assertTrue(e.succeeded(), String.valueOf(e.failure()));
        assertEquals(8.0, e.values().get("score")[0]);
        assertEquals(0.5, e.values().get("score")[1]);
        e = Evaluator.of(f.campaign).evaluate(Map.of("n", 7L, "opt_name", "adam"), 2, 0);
        assertTrue(!e.succeeded() && e.failure().contains("exit code 1") && e.failure().contains("AssertionError"),
                e.failure());
    }

    @Test
    void missingMetricAndMissingProgram() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(hasPython(), "python3 is not installed");
        Files.writeString(dir.resolve("acc.py"), "print('{\"acc\": 0.9}')\n");
        StudyFixture f = new StudyFixture("""
                name: m
                parameters: [{name: a, type: float, low: 0, high: 1}]
                objective: {metric: acc, goal: maximize}
                outcome_constraints: ["latency <= 3"]
                budget: {trials: 1}
                evaluator: {command: [python3, acc.py]}
                """, dir);
        Evaluation e = Evaluator.of(f.campaign).evaluate(Map.of("a", 0.5), 1, 0);
        assertTrue(!e.succeeded() && e.failure().contains("lacks metric 'latency'"), e.failure());
        f = new StudyFixture("""
                name: m
                parameters: [{name: a, type: float, low: 0, high: 1}]
                objective: {metric: acc, goal: maximize}
                budget: {trials: 1}
                evaluator: {command: [/no/such/program]}
                """, dir);
        e = Evaluator.of(f.campaign).evaluate(Map.of("a", 0.5), 1, 0);
        assertTrue(!e.succeeded() && e.failure().startsWith("cannot start /no/such/program"), e.failure());
    }

    private static final class StudyFixture {
        final Campaign campaign;

        StudyFixture(String yaml, Path dir) {
            campaign = CampaignParser.parse("t.yaml", yaml, dir);
        }
    }
}

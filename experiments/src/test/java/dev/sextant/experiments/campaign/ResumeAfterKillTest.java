package dev.sextant.experiments.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import dev.sextant.store.DatabaseStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills (SIGKILL) a JVM running {@code sextant run} mid-campaign, then resumes it from the H2 store. */
class ResumeAfterKillTest {
    @TempDir
    Path dir;

    private Process launch(String db, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.sextant.experiments.cli.SextantCli", "run", "campaign.yaml", "--db", db, "--no-progress");
        pb.directory(dir.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    @Test
    void aKilledRunResumesWithEveryFinishedTrialKeptAndNoneRerun() throws Exception {
        Files.writeString(dir.resolve("slow.sh"), """
                cat > /dev/null
                sleep 0.3
                echo "$SEXTANT_PARAM_X $SEXTANT_PARAM_Y" >> evaluated.txt
                echo "{\\"loss\\": $SEXTANT_PARAM_Y}"
                """);
        Files.writeString(dir.resolve("campaign.yaml"), """
                name: resume-me
                seed: 5
                parameters:
                  - {name: x, type: float, low: -1.0, high: 1.0}
                  - {name: y, type: float, low: 0.0, high: 1.0}
                objective: {metric: loss, goal: minimize}
                budget: {trials: 12}
                batch: 2
                parallelism: 2
                generation: {initial: 4, acquisition: sobol}
                evaluator:
                  command: [bash, slow.sh]
                  timeout: 30s
                """);
        String db = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        Path evaluated = dir.resolve("evaluated.txt");

        Process first = launch(db, dir.resolve("first.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (lines(evaluated).size() < 6) {
            assertTrue(first.isAlive(), () -> "the run ended early: " + read(dir.resolve("first.log")));
            assertTrue(System.nanoTime() < deadline, "no progress: " + read(dir.resolve("first.log")));
            Thread.sleep(100);
        }
        first.destroyForcibly();   // SIGKILL: no shutdown hooks
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        int evaluatedBeforeKill = lines(evaluated).size();

        Map<Long, Trial> before = new HashMap<>();
        List<Trial> runningAtKill = new ArrayList<>();
        try (DatabaseStorage storage = DatabaseStorage.open(db)) {
            for (Trial t : storage.trials("resume-me")) {
                if (t.state() == TrialState.COMPLETED) {
                    before.put(t.number(), t);
                } else if (t.state() == TrialState.RUNNING) {
                    runningAtKill.add(t);
                }
            }
        }
        assertTrue(before.size() >= 2, "some trials completed before the kill: " + before.size());
        assertTrue(before.size() < 12, "the kill came before the end");

        // resume in this JVM (saves a JVM start-up; the first run was the real process that got killed)
        int code = dev.sextant.experiments.cli.SextantCli.execute("run", dir.resolve("campaign.yaml").toString(),
                "--db", db, "--no-progress");
        assertEquals(0, code);

        try (DatabaseStorage storage = DatabaseStorage.open(db)) {
            List<Trial> after = storage.trials("resume-me");
            long finished = after.stream().filter(t -> t.state() == TrialState.COMPLETED || t.state() == TrialState.FAILED).count();
            assertEquals(12, finished, "the budget counts the trials of both runs");
            assertEquals(0, after.stream().filter(t -> t.state() == TrialState.RUNNING).count());
            // every trial completed before the kill is still there, unchanged
            for (Trial b : before.values()) {
                Trial a = after.stream().filter(t -> t.number() == b.number()).findFirst().orElseThrow();
                assertEquals(TrialState.COMPLETED, a.state());
                assertEquals(b.values(), a.values());
                assertEquals(b.parameters(), a.parameters());
            }
            // the trials the kill interrupted are abandoned and their points re-queued and evaluated
            for (Trial r : runningAtKill) {
                Trial a = after.stream().filter(t -> t.number() == r.number()).findFirst().orElseThrow();
                assertEquals(TrialState.ABANDONED, a.state());
                assertTrue(after.stream().anyMatch(t -> t.number() > r.number() && t.state() == TrialState.COMPLETED
                        && t.parameters().equals(r.parameters())), "re-queued point of trial " + r.number() + " evaluated");
            }
            // no point completed before the kill was evaluated again by the second run
            List<String> second2 = lines(evaluated).subList(evaluatedBeforeKill, lines(evaluated).size());
            for (Trial b : before.values()) {
                String key = b.parameters().get("x") + " " + b.parameters().get("y");
                assertTrue(second2.stream().noneMatch(l -> l.equals(key)), "trial " + b.number() + " re-run: " + key);
            }
            assertEquals(12 - before.size(), after.stream().filter(t -> t.state() == TrialState.COMPLETED
                    && !before.containsKey(t.number())).count());
        }
    }

    private static List<String> lines(Path p) throws Exception {
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "";
        }
    }

}

package dev.sextant.experiments.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import dev.sextant.store.DatabaseStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code sextant run} JVM with a command evaluator whose later trials hang (300 s), stopped with SIGTERM, with two
 * SIGINTs (the second inside the clean stop, held open by a test hook: it exits at once), with SIGKILL, and with
 * SIGKILL of the runner and its watchdogs (the next run kills the recorded process groups): no told result is lost, no evaluator process is left a few seconds later, nothing stays RUNNING after
 * the next start, and resuming completes the budget exactly. Unix only (signals, process groups).
 */
class InterruptTest {
    static final int BUDGET = 8;

    @TempDir
    Path dir;
    String db;

    @BeforeEach
    void campaign() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")) && Files.isExecutable(Path.of("/bin/bash")),
                "no /bin/sh and /bin/bash: signal and process-group tests skipped");
        Files.createDirectories(dir.resolve("pids"));
        // trials 1-3 take 0.2 s; later ones hang for 300 s (unless the file 'fast' exists, as on resume)
        Files.writeString(dir.resolve("eval.sh"), """
                cat > /dev/null
                echo $$ > pids/sh-$$
                if [ "$SEXTANT_TRIAL_ID" -le 3 ] || [ -f fast ]; then t=0.2; else t=300; fi
                sleep $t &
                echo $! > pids/sleep-$!
                wait $!
                echo "$SEXTANT_PARAM_X $SEXTANT_PARAM_Y" >> evaluated.txt
                echo "{\\"loss\\": $SEXTANT_PARAM_Y}"
                """);
        Files.writeString(dir.resolve("campaign.yaml"), """
                name: stop-me
                seed: 3
                parameters:
                  - {name: x, type: float, low: -1.0, high: 1.0}
                  - {name: y, type: float, low: 0.0, high: 1.0}
                objective: {metric: loss, goal: minimize}
                budget: {trials: %d}
                batch: 2
                parallelism: 2
                generation: {initial: 4, acquisition: sobol}
                evaluator:
                  command: [bash, eval.sh]
                """.formatted(BUDGET));
        db = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
    }

    private static final Path PERL = Path.of("/usr/bin/perl");

    /**
     * Whether SIGINT is ignored in this JVM: a process started so (what a shell does to a background job, and what
     * {@code sextant run} honours) passes it on to every child, so a runner started from here would ignore SIGINT too.
     */
    private static boolean sigintIgnoredHere() throws Exception {
        Path status = Path.of("/proc/self/status");
        return Files.isReadable(status) && Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .anyMatch(l -> (Long.parseLong(l.substring("SigIgn:".length()).trim(), 16) & 2L) != 0);
    }

    /** A command prefix that starts the runner with SIGINT's default disposition restored (perl), where needed. */
    private static List<String> sigintRestored() throws Exception {
        if (!sigintIgnoredHere() || !Files.isExecutable(PERL)) {
            return List.of();
        }
        return List.of(PERL.toString(), "-e", "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"cannot run $ARGV[0]: $!\"");
    }

    private Process launch(Path log, String... jvmOptions) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(sigintRestored());
        command.addAll(List.of(java, "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.sextant.experiments.cli.SextantCli", "run", "campaign.yaml", "--db", db, "--no-progress"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.directory(dir.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    /** Waits until 3 trials are evaluated and two hanging evaluations run; returns the completed trials' points. */
    private List<String> waitForHangingTrials(Process run, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (lines(dir.resolve("evaluated.txt")).size() < 3 || sleeps() < 5) {
            assertTrue(run.isAlive(), () -> "the run ended early: " + read(log));
            assertTrue(System.nanoTime() < deadline, () -> "no progress: " + read(log));
            Thread.sleep(100);
        }
        return lines(dir.resolve("evaluated.txt"));
    }

    @Test
    void sigtermKeepsEveryResultStopsTheEvaluatorsAndResumes() throws Exception {
        Path log = dir.resolve("run.log");
        Process run = launch(log);
        List<String> evaluated = waitForHangingTrials(run, log);
        run.destroy();   // SIGTERM
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), () -> "the run did not stop: " + read(log));
        String out = read(log);
        assertEquals(143, run.exitValue(), out);
        assertTrue(out.contains("evaluator timeout: 24h per trial (the default"), "the default timeout is shown: " + out);
        List<String> stopLines = out.lines().filter(l -> l.startsWith("interrupted (SIGTERM)")).toList();
        assertEquals(1, stopLines.size(), out);
        assertTrue(stopLines.get(0).contains("2 trial(s) in flight re-queued") && stopLines.get(0).contains("resume with: "),
                stopLines.get(0));
        assertTrue(!out.contains("Database is already closed") && !out.contains("Exception"), out);
        assertNoEvaluatorLeft(10);
        checkStoreAndResume(evaluated);
    }

    @Test
    void aSecondSigintExitsAtOnceKeepingEveryToldResult() throws Exception {
        Assumptions.assumeTrue(!sigintIgnoredHere() || Files.isExecutable(PERL), "SIGINT is ignored in this build's "
                + "processes (started in the background?) and there is no " + PERL + " to restore it for the runner: "
                + "the two-SIGINT test is skipped");
        Path log = dir.resolve("run.log");
        // the clean stop after the first SIGINT is held for 60 s (test hook), so the second lands inside it
        Process run = launch(log, "-D" + CampaignRunner.STOP_PAUSE_PROPERTY + "=60000");
        List<String> evaluated = waitForHangingTrials(run, log);
        signal("INT", run.pid());
        Thread.sleep(1000);
        assertTrue(run.isAlive(), () -> "the first SIGINT ended the run before the second: " + read(log));
        long second = System.nanoTime();
        signal("INT", run.pid());
        assertTrue(run.waitFor(20, TimeUnit.SECONDS), () -> "the second SIGINT did not exit at once: " + read(log));
        double took = (System.nanoTime() - second) / 1e9;
        String out = read(log);
        assertEquals(130, run.exitValue(), out);
        assertTrue(took < 15, "exit took " + took + " s after the second SIGINT (the clean stop was held for 60 s)");
        assertTrue(out.contains("second SIGINT: exiting now"), out);
        assertTrue(out.lines().noneMatch(l -> l.startsWith("interrupted (")), "the clean stop did not finish: " + out);
        assertNoEvaluatorLeft(10);
        checkStoreAndResume(evaluated);   // every told result kept; the trials left RUNNING are re-queued on resume
    }

    @Test
    void theNextRunKillsEvaluatorsThatOutlivedRunnerAndWatchdog() throws Exception {
        Path log = dir.resolve("run.log");
        Process run = launch(log);
        List<String> evaluated = waitForHangingTrials(run, log);
        awaitRecordedGroups(2);   // the runner records each group right after starting it
        // freeze the watchdogs (they would kill their groups when the runner dies), kill the runner, then them:
        // the hanging evaluations (bash eval.sh, sleep 300) are left running in their process groups
        List<ProcessHandle> watchdogs = run.descendants()
                .filter(h -> h.info().commandLine().orElse("").contains("sextant-evaluator")).toList();
        assertTrue(watchdogs.size() >= 2, "no watchdog shells found under the runner");
        for (ProcessHandle w : watchdogs) {
            signal("STOP", w.pid());
        }
        run.destroyForcibly();
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        for (ProcessHandle w : watchdogs) {
            w.destroyForcibly();
        }
        Thread.sleep(2000);
        assertTrue(aliveEvaluators().size() >= 2, "the scenario needs evaluators that outlived runner and watchdog");
        checkStoreAndResume(evaluated);   // the next run kills them before re-queueing their trials
        assertNoEvaluatorLeft(5);
    }

    /** Waits until {@code n} RUNNING trials have their evaluator's process group recorded. */
    private void awaitRecordedGroups(int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (DatabaseStorage storage = DatabaseStorage.open(db)) {
            while (true) {
                long recorded = storage.trials("stop-me").stream().filter(t -> t.state() == TrialState.RUNNING)
                        .filter(t -> storage.trialAttributes("stop-me", t.number()).containsKey(ProcessGroups.ATTRIBUTE))
                        .count();
                if (recorded >= n) {
                    return;
                }
                assertTrue(System.nanoTime() < deadline, "the runner never recorded its evaluators' process groups");
                Thread.sleep(100);
            }
        }
    }

    private List<Long> aliveEvaluators() throws Exception {
        List<Long> alive = new ArrayList<>();
        try (var s = Files.list(dir.resolve("pids"))) {
            for (Path p : s.toList()) {
                long pid = Long.parseLong(Files.readString(p).trim());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    alive.add(pid);
                }
            }
        }
        return alive;
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name + " " + pid);
    }

    @Test
    void sigkillLeavesNoEvaluatorAndResumes() throws Exception {
        Path log = dir.resolve("run.log");
        Process run = launch(log);
        List<String> evaluated = waitForHangingTrials(run, log);
        run.destroyForcibly();   // SIGKILL: no handler, no hook runs
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertNoEvaluatorLeft(10);
        checkStoreAndResume(evaluated);
    }

    /** Every point evaluated before the stop is COMPLETED; resuming re-queues the rest and completes the budget. */
    private void checkStoreAndResume(List<String> evaluatedBefore) throws Exception {
        Files.writeString(dir.resolve("fast"), "");
        int code = dev.sextant.experiments.cli.SextantCli.execute("run", dir.resolve("campaign.yaml").toString(),
                "--db", db, "--no-progress");
        assertEquals(0, code);
        try (DatabaseStorage storage = DatabaseStorage.open(db)) {
            List<Trial> after = storage.trials("stop-me");
            Map<TrialState, Long> states = after.stream().collect(Collectors.groupingBy(Trial::state, Collectors.counting()));
            assertEquals(BUDGET, states.getOrDefault(TrialState.COMPLETED, 0L), states.toString());
            String table = after.stream().map(t -> t.number() + ":" + t.state() + ":" + t.worker() + ":" + t.parameters())
                    .collect(Collectors.joining("\n"));
            assertEquals(2, states.getOrDefault(TrialState.ABANDONED, 0L), "the two hanging trials:\n" + table);
            assertEquals(BUDGET + 2, after.size(), "re-queued copies replace the abandoned trials: " + states);
            List<String> completedPoints = new ArrayList<>();
            for (Trial t : after) {
                if (t.state() == TrialState.COMPLETED) {
                    completedPoints.add(t.parameters().get("x") + " " + t.parameters().get("y"));
                }
            }
            for (String p : evaluatedBefore) {
                assertTrue(completedPoints.contains(p), "result of " + p + " was kept");
            }
            for (Trial t : after) {
                if (t.state() == TrialState.ABANDONED) {
                    assertTrue(after.stream().anyMatch(c -> c.number() > t.number() && c.state() == TrialState.COMPLETED
                            && c.parameters().equals(t.parameters())), "point of trial " + t.number() + " evaluated later");
                }
            }
        }
    }

    private int sleeps() throws Exception {
        try (var s = Files.list(dir.resolve("pids"))) {
            return (int) s.filter(p -> p.getFileName().toString().startsWith("sleep-")).count();
        }
    }

    private void assertNoEvaluatorLeft(int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Long> alive;
        do {
            alive = new ArrayList<>();
            try (var s = Files.list(dir.resolve("pids"))) {
                for (Path p : s.toList()) {
                    long pid = Long.parseLong(Files.readString(p).trim());
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        alive.add(pid);
                    }
                }
            }
            if (alive.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        List<Long> left = alive;
        left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        throw new AssertionError("evaluator processes still alive " + seconds + " s after the stop: " + left);
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

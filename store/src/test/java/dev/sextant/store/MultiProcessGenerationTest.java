package dev.sextant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.generate.SobolGenerator;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 4 worker JVMs × 2 threads generate and evaluate one study with a 32-trial budget through {@code Study.askWithin}
 * (Sobol, then a deterministic generator that proposes the same point to anyone asking from the same state): the
 * generation lease must make them see each other's trials as pending, so there are 0 duplicate points and 0 repeated
 * Sobol indices, every tell is stored (0 lost), no trial is left RUNNING or CANDIDATE, and exactly 32 trials exist.
 */
class MultiProcessGenerationTest {
    static final int PROCESSES = 4;
    static final int THREADS = 2;
    static final int BUDGET = 32;

    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void fourWorkersShareOneBudgetWithoutDuplicates(Backend backend) throws Exception {
        String url = backend.freshUrl(dir);
        String study = "generated";
        try (DatabaseStorage storage = DatabaseStorage.open(url)) {
            storage.createStudy(Backend.spec(study));
            List<Process> processes = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                Path log = dir.resolve("gen-worker-" + p + ".log");
                logs.add(log);
                processes.add(Workers.start(log, "study", url, study, "w" + p, String.valueOf(THREADS),
                        String.valueOf(BUDGET), dir.resolve("start").toString()));
            }
            // all workers begin together once every JVM has opened the store, so the budget is really shared
            long until = System.nanoTime() + 120_000_000_000L;
            for (int p = 0; p < PROCESSES; p++) {
                while (processes.get(p).isAlive() && !Files.readString(logs.get(p)).contains("OPEN")
                        && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
            }
            Files.writeString(dir.resolve("start"), "");
            for (int p = 0; p < PROCESSES; p++) {
                Process proc = processes.get(p);
                Path log = logs.get(p);
                if (!proc.waitFor(300, TimeUnit.SECONDS)) {
                    processes.forEach(Process::destroyForcibly);
                    throw new AssertionError("worker " + p + " did not finish:\n" + Files.readString(log));
                }
                assertEquals(0, proc.exitValue(), () -> "worker failed:\n" + read(log));
            }
            List<Long> told = new ArrayList<>();
            for (Path log : logs) {
                told.addAll(Workers.told(log));
                System.out.println("worker " + log.getFileName() + ": " + Files.readAllLines(log).stream()
                        .filter(l -> l.startsWith("LEASE")).findFirst().orElse("no LEASE line"));
            }
            List<Trial> trials = storage.trials(study);
            assertEquals(BUDGET, trials.size(), "the budget was exceeded or not spent");
            Set<String> points = new HashSet<>();
            Set<Object> sobolIndices = new HashSet<>();
            for (Trial t : trials) {
                assertEquals(TrialState.COMPLETED, t.state(), () -> "trial " + t.number() + " is " + t.state());
                assertEquals(WorkerProcess.valueFor(t.number()), t.values().get("y").mean(), "told value of " + t.number());
                assertTrue(points.add(t.parameters().get("x") + "/" + t.parameters().get("n")),
                        () -> "trial " + t.number() + " repeats the point " + t.parameters());
                Object index = t.generation().get(SobolGenerator.INDEX_KEY);
                if (index != null) {
                    assertTrue(sobolIndices.add(index), "Sobol index " + index + " was used twice");
                }
            }
            assertEquals(6, sobolIndices.size(), "the first 6 trials come from Sobol");
            assertEquals(BUDGET, told.size(), "every trial was told exactly once");
            assertEquals(new HashSet<>(told), new HashSet<>(trials.stream().map(Trial::number).toList()));
            assertTrue(trials.stream().map(Trial::worker).map(w -> w.substring(0, 2)).distinct().count() > 1,
                    "more than one worker process evaluated trials");
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return e.toString();
        }
    }
}

package dev.sextant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.trial.Observation;
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
 * 4 worker JVMs × 8 threads × 100 ask+tell on one study (H2 file in automatic mixed mode; PostgreSQL): every asked
 * id is unique, every pre-enqueued candidate is claimed exactly once, all 3200 tells are stored with their values.
 */
class MultiProcessTest {
    static final int PROCESSES = 4;
    static final int THREADS = 8;
    static final int PER_THREAD = 100;
    static final int CANDIDATES = 200;

    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void fourProcessesAskAndTellOneStudy(Backend backend) throws Exception {
        String url = backend.freshUrl(dir);
        String study = "shared";
        // this JVM opens the database first: for H2 it becomes the server the workers connect to
        try (DatabaseStorage storage = DatabaseStorage.open(url)) {
            storage.createStudy(Backend.spec(study));
            Set<Long> candidates = new HashSet<>();
            for (int i = 0; i < CANDIDATES; i++) {
                candidates.add(storage.createTrial(study, TrialState.CANDIDATE, Map.of("x", i / (double) CANDIDATES),
                        Map.of(), "manual", Map.of(), null).number());
            }
            List<Process> processes = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                Path log = dir.resolve("worker-" + p + ".log");
                logs.add(log);
                processes.add(Workers.start(log, "run", url, study, "p" + p, String.valueOf(THREADS),
                        String.valueOf(PER_THREAD)));
            }
            for (int p = 0; p < PROCESSES; p++) {
                Process proc = processes.get(p);
                if (!proc.waitFor(400, TimeUnit.SECONDS)) {
                    processes.forEach(Process::destroyForcibly);
                    throw new AssertionError("worker " + p + " did not finish:\n" + Files.readString(logs.get(p)));
                }
                assertEquals(0, proc.exitValue(), () -> "worker failed:\n" + read(logs.get(proc == null ? 0 : processes.indexOf(proc))));
            }
            List<Long> told = new ArrayList<>();
            for (Path log : logs) {
                told.addAll(Workers.told(log));
            }
            int total = PROCESSES * THREADS * PER_THREAD;
            assertEquals(total, told.size());
            assertEquals(total, new HashSet<>(told).size(), "an asked trial number was handed out twice");

            List<Trial> trials = storage.trials(study);
            assertEquals(total, trials.size(), "trials besides the asked ones exist (or some were lost)");
            for (Trial t : trials) {
                assertEquals(TrialState.COMPLETED, t.state(), () -> "trial " + t.number() + " is " + t.state());
                assertEquals(Map.of("y", Observation.of(WorkerProcess.valueFor(t.number()))), t.values());
            }
            assertEquals(new HashSet<>(told), new HashSet<>(trials.stream().map(Trial::number).toList()));
            // every process numbered its trials through the database: 1..total, none twice, no gap
            assertEquals(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList(),
                    trials.stream().map(Trial::number).toList());
            Set<Long> claimed = new HashSet<>(told);
            assertTrue(claimed.containsAll(candidates), "every candidate was asked");
            long distinctWorkers = trials.stream().map(Trial::worker).distinct().count();
            assertEquals(PROCESSES * THREADS, distinctWorkers);
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

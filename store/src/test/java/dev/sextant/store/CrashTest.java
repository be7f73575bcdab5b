package dev.sextant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A worker JVM is killed with SIGKILL mid-campaign: everything it told is stored; its RUNNING trials are alive while
 * its heartbeats are recent and become ABANDONED once the heartbeat timeout has passed.
 */
class CrashTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void killedWorkerLosesNothingToldAndItsRunningTrialsAreAbandoned(Backend backend) throws Exception {
        String url = backend.freshUrl(dir);
        String study = "crash";
        Duration timeout = Duration.ofMillis(3000);
        try (DatabaseStorage storage = DatabaseStorage.open(url)) {
            storage.createStudy(Backend.spec(study));
            Path log = dir.resolve("crash-worker.log");
            Process worker = Workers.start(log, "crash", url, study, "doomed", "100");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (Workers.told(log).size() < 20) {
                assertTrue(worker.isAlive(), () -> "worker died early:\n" + readQuietly(log));
                assertTrue(System.nanoTime() < deadline, "worker too slow");
                Thread.sleep(50);
            }
            // let it keep running past a heartbeat timeout: its trials must not be reaped while it is alive
            Thread.sleep(timeout.toMillis() + 300);
            assertTrue(storage.reapStale(study, timeout, StaleTrialPolicy.ABANDON).abandoned().isEmpty(),
                    "a live worker's trials were reaped");
            worker.destroyForcibly();   // SIGKILL
            assertTrue(worker.waitFor(30, TimeUnit.SECONDS));
            List<Long> told = Workers.told(log);

            Map<Long, Trial> byId = storage.trials(study).stream().collect(Collectors.toMap(Trial::number, t -> t));
            for (long id : told) {
                Trial t = byId.get(id);
                assertEquals(TrialState.COMPLETED, t.state(), "told trial " + id + " lost its tell");
                assertEquals(Map.of("y", Observation.of(WorkerProcess.valueFor(id))), t.values());
            }
            Set<Long> running = byId.values().stream().filter(t -> t.state() == TrialState.RUNNING)
                    .map(Trial::number).collect(Collectors.toSet());
            assertFalse(running.isEmpty(), "the worker held RUNNING trials when it was killed");
            assertTrue(running.size() <= 5, "at most 3 (+1 being asked) in flight, got " + running);

            Thread.sleep(timeout.toMillis() + 200);
            DatabaseStorage.Reaped reaped = storage.reapStale(study, timeout, StaleTrialPolicy.ABANDON);
            assertEquals(running, reaped.abandoned().stream().map(Trial::number).collect(Collectors.toSet()));
            for (long id : running) {
                assertEquals(TrialState.ABANDONED, storage.trial(study, id).orElseThrow().state());
            }
            for (long id : told) {   // reaping touched nothing that was told
                assertEquals(TrialState.COMPLETED, storage.trial(study, id).orElseThrow().state());
            }
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return e.toString();
        }
    }
}

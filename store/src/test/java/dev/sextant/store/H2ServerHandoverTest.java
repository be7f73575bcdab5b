package dev.sextant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default H2 file in automatic mixed mode: the first worker to open it serves it to the others. When that worker
 * finishes and exits, the remaining worker reconnects (it becomes the server) and finishes without losing a tell.
 * The second worker keeps working until the test has seen the first one exit, then tells 2 × 40 more trials, so the
 * handover always happens in the middle of its work (and no more trials are run than that needs).
 */
class H2ServerHandoverTest {
    @TempDir Path dir;

    @Test
    void workersContinueAfterTheServingProcessExits() throws Exception {
        String url = Backend.H2.freshUrl(dir);
        try (DatabaseStorage setup = DatabaseStorage.open(url)) {
            setup.createStudy(Backend.spec("handover"));
        }   // closed: no process holds the file now
        Path firstLog = dir.resolve("first.log");
        Path secondLog = dir.resolve("second.log");
        Process first = Workers.start(firstLog, "run", url, "handover", "first", "2", "40");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(firstLog).contains("OPEN")) {   // the first one opens the file and serves it
            assertTrue(first.isAlive(), () -> "first worker died:\n" + read(firstLog));
            assertTrue(System.nanoTime() < deadline, "first worker did not open the database");
            Thread.sleep(50);
        }
        Path firstGone = dir.resolve("first-gone");
        Process second = Workers.start(secondLog, "run", url, "handover", "second", "2", "40", firstGone.toString());
        assertTrue(first.waitFor(300, TimeUnit.SECONDS), "first worker hangs");
        assertEquals(0, first.exitValue(), () -> read(firstLog));
        assertTrue(second.isAlive(), () -> "the second worker stopped before the first exited:\n" + read(secondLog));
        int toldBeforeHandover = Workers.told(secondLog).size();
        Files.writeString(firstGone, "first worker exited");
        assertTrue(second.waitFor(300, TimeUnit.SECONDS), "second worker hangs");
        assertEquals(0, second.exitValue(), () -> read(secondLog));

        List<Long> toldBySecond = Workers.told(secondLog);
        assertTrue(toldBySecond.size() >= toldBeforeHandover + 80, "the second worker told " + toldBySecond.size()
                + " trials, " + toldBeforeHandover + " before the first exited: expected 80 more after");
        List<Long> told = new java.util.ArrayList<>(Workers.told(firstLog));
        assertEquals(80, told.size());
        told.addAll(toldBySecond);
        assertEquals(told.size(), new HashSet<>(told).size());
        try (DatabaseStorage check = DatabaseStorage.open(url)) {
            List<Trial> trials = check.trials("handover");
            assertEquals(told.size(), trials.size());
            assertEquals(new HashSet<>(told), new HashSet<>(trials.stream().map(Trial::id).toList()));
            assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETED));
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

package dev.sextant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.study.GenerationLease;
import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.study.GenerationLeaseLostException;
import dev.sextant.core.study.Study;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.study.UnknownStudyException;
import dev.sextant.core.trial.TrialState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generation lease on both databases: exclusive, released on close, taken over after a dead holder's expiry, fenced;
 * askers that wait announce how many trials they wait for, and the holder queues those for them.
 */
class GenerationLeaseTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDeadHoldersLeaseExpiresAndIsTakenOver(Backend backend) throws Exception {
        String url = backend.freshUrl(dir);
        try (DatabaseStorage storage = DatabaseStorage.open(StoreOptions.of(url).withGenerationLease(Duration.ofSeconds(2)))) {
            storage.createStudy(Backend.spec("s"));
            // a holder that died: its lease row says "held" and is never renewed nor released
            long expires = System.currentTimeMillis() + 1500;
            setLease(storage, "dead-host:1:t1", expires);
            try (GenerationLease lease = storage.acquireGenerationLease("s")) {
                assertTrue(System.currentTimeMillis() >= expires, "the lease was taken before the dead holder's expiry");
            }
            assertEquals(1, storage.leaseStats().acquisitions());
            assertThrows(UnknownStudyException.class, () -> storage.acquireGenerationLease("nope"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aHolderExcludesOthersUntilItReleases(Backend backend) throws Exception {
        String url = backend.freshUrl(dir);
        try (DatabaseStorage a = DatabaseStorage.open(url); DatabaseStorage b = DatabaseStorage.open(url)) {
            a.createStudy(Backend.spec("s"));
            long[] takenAt = new long[1];
            long releasedAt;
            try (GenerationLease lease = a.acquireGenerationLease("s")) {
                Thread other = new Thread(() -> {
                    try (GenerationLease l = b.acquireGenerationLease("s")) {
                        takenAt[0] = System.nanoTime();
                    }
                });
                other.start();
                other.join(300);
                assertTrue(other.isAlive(), "a second worker took a held lease");
                releasedAt = System.nanoTime();
                lease.close();
                other.join(20_000);
            }
            assertTrue(takenAt[0] > releasedAt, "the second worker got the lease only after the first released it");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aHolderThatLostItsLeaseCreatesNothing(Backend backend) throws Exception {
        String url = backend.freshUrl(dir);
        try (DatabaseStorage storage = DatabaseStorage.open(url)) {
            storage.createStudy(Backend.spec("s"));
            try (GenerationLease lease = storage.acquireGenerationLease("s")) {
                storage.createTrial("s", TrialState.RUNNING, Map.of("x", 0.1, "n", 1L), Map.of(), "g", Map.of(), "w");
                setLease(storage, "thief:2:t2", System.currentTimeMillis() + 60_000);   // expired and taken over
                assertThrows(GenerationLeaseLostException.class, () -> storage.createTrial("s", TrialState.RUNNING,
                        Map.of("x", 0.2, "n", 1L), Map.of(), "g", Map.of(), "w"));
            }
            assertEquals(1, storage.trials("s").size());
            // other threads (tells, enqueues, re-queues) are not fenced
            storage.createTrial("s", TrialState.CANDIDATE, Map.of("x", 0.3, "n", 1L), Map.of(), "manual", Map.of(), null);
            assertEquals(2, storage.trials("s").size());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theHolderSeesWhatOthersWaitForAndQueuesItForThem(Backend backend) throws Exception {
        String url = backend.freshUrl(dir);
        try (DatabaseStorage a = DatabaseStorage.open(url); DatabaseStorage b = DatabaseStorage.open(url)) {
            a.createStudy(Backend.spec("s"));
            setLease(a, "other-host:1:t1", System.currentTimeMillis() + 60_000);
            assertTrue(b.tryAcquireGenerationLease("s", 3).isEmpty(), "a held lease was taken");
            setLease(a, null, 0);
            try (GenerationLease lease = a.tryAcquireGenerationLease("s", 1).orElseThrow()) {
                assertEquals(3, lease.waitingElsewhere());
                assertTrue(b.tryAcquireGenerationLease("s", 3).isEmpty(), "a held lease was taken");
            }
            b.stopWaiting("s");
            try (GenerationLease lease = a.tryAcquireGenerationLease("s", 1).orElseThrow()) {
                assertEquals(0, lease.waitingElsewhere(), "a withdrawn wait still counted");
            }
            assertThrows(UnknownStudyException.class, () -> a.tryAcquireGenerationLease("nope", 1));
            // announcing without taking a free lease (a worker that has not generated yet waits for a warm holder)
            b.announceWaiting("s", 2);
            try (GenerationLease lease = a.tryAcquireGenerationLease("s", 1).orElseThrow(() ->
                    new AssertionError("announcing took the lease"))) {
                assertEquals(2, lease.waitingElsewhere());
            }
            b.stopWaiting("s");
            assertThrows(UnknownStudyException.class, () -> b.announceWaiting("nope", 1));

            // a Study holding the lease generates its own trial and queues what the waiter announced, within budget
            setLease(a, "other-host:1:t1", System.currentTimeMillis() + 60_000);
            assertTrue(b.tryAcquireGenerationLease("s", 3).isEmpty());
            setLease(a, null, 0);
            Study holder = Study.open("s", a, GenerationStrategy.sobolOnly());
            holder.setWorker("holder");
            List<Trial> own = holder.askWithin(1, 3);
            assertEquals(1, own.size());
            List<Trial> all = a.trials("s");
            assertEquals(List.of(TrialState.RUNNING, TrialState.CANDIDATE, TrialState.CANDIDATE),
                    all.stream().map(Trial::state).toList(), "1 own trial + 2 queued (the budget of 3 caps the 3 asked)");
            Study waiter = Study.open("s", b, GenerationStrategy.sobolOnly());
            waiter.setWorker("waiter");
            List<Trial> claimed = waiter.askWithin(2, 3);
            assertEquals(List.of(2L, 3L), claimed.stream().map(Trial::number).toList());
            assertEquals(3, a.trials("s").size(), "the waiter generated instead of claiming");
            assertTrue(waiter.askWithin(1, 3).isEmpty(), "the budget was exceeded");
        }
    }

    private static void setLease(DatabaseStorage storage, String holder, long expires) throws Exception {
        try (Connection c = storage.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE studies SET generation_holder = ?, generation_expires = ?")) {
            st.setString(1, holder);
            st.setObject(2, holder == null ? null : expires);
            st.executeUpdate();
            c.commit();
        }
    }
}

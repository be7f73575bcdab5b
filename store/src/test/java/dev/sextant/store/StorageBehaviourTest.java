package dev.sextant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.study.InvalidObservationException;
import dev.sextant.core.study.StudyExistsException;
import dev.sextant.core.study.UnknownStudyException;
import dev.sextant.core.study.UnknownTrialException;
import dev.sextant.core.trial.IllegalTransitionException;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import dev.sextant.store.entity.StudyEntity;
import dev.sextant.store.entity.TrialEntity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Store-specific behaviour on H2 and PostgreSQL: bad input, rollback, concurrency, heartbeats, notes. */
class StorageBehaviourTest {
    @TempDir static Path dir;
    private static final Map<Backend, DatabaseStorage> STORAGES = new EnumMap<>(Backend.class);
    private static final AtomicInteger STUDIES = new AtomicInteger();

    static synchronized DatabaseStorage storage(Backend b) {
        return STORAGES.computeIfAbsent(b, k -> DatabaseStorage.open(StoreOptions.of(k.freshUrl(dir)).withMaxPoolSize(16)));
    }

    @AfterAll
    static void closeAll() {
        STORAGES.values().forEach(DatabaseStorage::close);
        STORAGES.clear();
    }

    static String newStudy(DatabaseStorage s) {
        String name = "study-" + STUDIES.incrementAndGet();
        s.createStudy(Backend.spec(name));
        return name;
    }

    static Trial running(DatabaseStorage s, String study) {
        return s.createTrial(study, TrialState.RUNNING, Map.of("x", 0.25, "n", 3L), Map.of(), "manual",
                Map.of("acquisition_value", 1.5, "hyperparameters", Map.of("lengthscale", 0.3)), "w1");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void badInputIsRejectedWithTypedErrorsAndChangesNothing(Backend b) throws Exception {
        DatabaseStorage s = storage(b);
        String study = newStudy(s);
        Trial t = running(s, study);
        Trial done = s.complete(study, running(s, study).number(), Map.of("y", new Observation(1, 0.1)));
        List<String> before = Backend.dump(s);

        // wrong metric name
        InvalidObservationException wrong = assertThrows(InvalidObservationException.class,
                () -> s.complete(study, t.number(), Map.of("y", Observation.of(1), "typo", Observation.of(2))));
        assertTrue(wrong.getMessage().contains("typo"), wrong.getMessage());
        // no values
        assertThrows(IllegalArgumentException.class, () -> s.complete(study, t.number(), Map.of()));
        // NaN cannot even be an observation
        assertThrows(IllegalArgumentException.class, () -> new Observation(Double.NaN, 0));
        // unknown trial, unknown study, trial of another study
        assertThrows(UnknownTrialException.class, () -> s.complete(study, 987654321L, Map.of("y", Observation.of(1))));
        assertThrows(UnknownStudyException.class, () -> s.complete("no-such-study", t.number(), Map.of("y", Observation.of(1))));
        String other = newStudy(s);
        before = Backend.dump(s);
        assertThrows(UnknownTrialException.class, () -> s.complete(other, t.number(), Map.of("y", Observation.of(1))));
        assertThrows(UnknownTrialException.class, () -> s.heartbeat(other, t.number()));
        assertTrue(s.trial(other, t.number()).isEmpty());
        // a second tell, and other moves out of a finished state
        IllegalTransitionException again = assertThrows(IllegalTransitionException.class,
                () -> s.complete(study, done.number(), Map.of("y", Observation.of(5))));
        assertEquals(TrialState.COMPLETED, again.from());
        assertThrows(IllegalTransitionException.class, () -> s.fail(study, done.number(), "late"));
        assertThrows(IllegalTransitionException.class, () -> s.abandon(study, done.number()));
        // a study name that exists, a bad new state, a non-JSON value
        assertThrows(StudyExistsException.class, () -> s.createStudy(Backend.spec(study)));
        assertThrows(IllegalArgumentException.class, () -> s.createTrial(study, TrialState.FAILED, Map.of("x", 0.5),
                Map.of(), "manual", Map.of(), null));
        assertThrows(IllegalArgumentException.class, () -> s.createTrial(study, TrialState.RUNNING, Map.of("x", 0.5),
                Map.of(), "manual", Map.of("bad", new Object()), null));
        assertThrows(IllegalArgumentException.class, () -> s.createTrial(study, TrialState.RUNNING, Map.of("x", 0.5),
                Map.of("y", Observation.of(1)), "manual", Map.of(), null));
        assertThrows(UnknownStudyException.class, () -> s.createTrial("nope", TrialState.RUNNING, Map.of("x", 0.5),
                Map.of(), "manual", Map.of(), null));

        assertThrows(IllegalArgumentException.class, () -> s.claimCandidate(study, "w".repeat(300)));
        assertThrows(IllegalArgumentException.class, () -> s.createTrial(study, TrialState.RUNNING, Map.of("x", 0.5),
                Map.of(), "g".repeat(300), Map.of(), null));

        assertEquals(before, Backend.dump(s), "a rejected call changed the database");
        assertEquals(Map.of("y", new Observation(1, 0.1)), s.trial(study, done.number()).orElseThrow().values());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void failureInsideATransactionRollsEverythingBack(Backend b) throws Exception {
        DatabaseStorage s = storage(b);
        String study = newStudy(s);
        Trial t = running(s, study);
        List<String> before = Backend.dump(s);
        IllegalStateException boom = assertThrows(IllegalStateException.class, () -> s.transaction(session -> {
            TrialEntity e = session.createSelectionQuery("from TrialEntity t where t.number = :n and t.study.name = :s",
                    TrialEntity.class).setParameter("n", t.number()).setParameter("s", study).getSingleResult();
            e.setState("COMPLETED");
            e.getAttributes().put("k", "v");
            session.createNativeMutationQuery("UPDATE studies SET trial_count = trial_count + 1").executeUpdate();
            session.persist(new TrialEntity(session.getReference(StudyEntity.class, e.getStudy().getId()), 99,
                    "RUNNING", "{}", null, e.getCreated(), null, null));
            session.flush();   // the writes reached the database...
            throw new IllegalStateException("boom");   // ...and are rolled back
        }));
        assertEquals("boom", boom.getMessage());
        assertEquals(before, Backend.dump(s));
        assertEquals(TrialState.RUNNING, s.trial(study, t.number()).orElseThrow().state());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void concurrentTellsOfOneTrialStoreExactlyOne(Backend b) throws Exception {
        DatabaseStorage s = storage(b);
        String study = newStudy(s);
        int threads = 8;
        for (int round = 0; round < 3; round++) {
            Trial t = running(s, study);
            List<Callable<Trial>> calls = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int k = 0; k < threads; k++) {
                double v = k;
                calls.add(() -> {
                    start.await();
                    return s.complete(study, t.number(), Map.of("y", Observation.of(v)));
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Trial>> futures = new ArrayList<>();
                for (Callable<Trial> c : calls) {
                    futures.add(pool.submit(c));
                }
                start.countDown();
                int ok = 0;
                Trial winner = null;
                for (Future<Trial> f : futures) {
                    try {
                        winner = f.get();
                        ok++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertTrue(e.getCause() instanceof IllegalTransitionException, e.getCause().toString());
                    }
                }
                assertEquals(1, ok, "exactly one tell must win");
                assertEquals(winner.values(), s.trial(study, t.number()).orElseThrow().values());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void concurrentClaimsHandEachCandidateToExactlyOneWorker(Backend b) throws Exception {
        DatabaseStorage s = storage(b);
        String study = newStudy(s);
        Set<Long> candidates = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            candidates.add(s.createTrial(study, TrialState.CANDIDATE, Map.of("x", i / 40.0, "n", 1L), Map.of(),
                    "manual", Map.of(), null).number());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                String worker = "w" + k;
                futures.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (var t = s.claimCandidate(study, worker); t.isPresent(); t = s.claimCandidate(study, worker)) {
                        assertEquals(TrialState.RUNNING, t.get().state());
                        assertEquals(worker, t.get().worker());
                        mine.add(t.get().number());
                    }
                    return mine;
                }));
            }
            List<Long> claimed = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                claimed.addAll(f.get());
            }
            assertEquals(40, claimed.size(), "a candidate was claimed twice or lost");
            assertEquals(candidates, new HashSet<>(claimed));
        } finally {
            pool.shutdownNow();
        }
        assertTrue(s.claimCandidate(study, "late").isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void racingCreationsOfOneStudyLeaveExactlyOne(Backend b) throws Exception {
        DatabaseStorage s = storage(b);
        // a second storage on the same database stands for another process (its own pool and study cache)
        try (DatabaseStorage other = DatabaseStorage.open(s.options())) {
            for (int round = 0; round < 5; round++) {
                String name = "race-" + STUDIES.incrementAndGet();
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<?>> futures = new ArrayList<>();
                    for (int k = 0; k < 4; k++) {
                        DatabaseStorage target = k % 2 == 0 ? s : other;
                        futures.add(pool.submit(() -> {
                            start.await();
                            target.createStudy(Backend.spec(name));
                            return null;
                        }));
                    }
                    start.countDown();
                    int ok = 0;
                    for (Future<?> f : futures) {
                        try {
                            f.get();
                            ok++;
                        } catch (java.util.concurrent.ExecutionException e) {
                            assertTrue(e.getCause() instanceof StudyExistsException, e.getCause().toString());
                        }
                    }
                    assertEquals(1, ok);
                    assertEquals(1, s.studyNames().stream().filter(name::equals).count());
                    assertTrue(other.loadStudy(name).isPresent());
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void staleRunningTrialsAreAbandonedOrRequeuedOnce(Backend b) throws Exception {
        DatabaseStorage s = storage(b);
        String study = newStudy(s);
        Trial alive = running(s, study);
        Trial dead = running(s, study);
        Trial deadToo = running(s, study);
        Trial finished = s.complete(study, running(s, study).number(), Map.of("y", Observation.of(1)));
        try (Heartbeats beats = s.startHeartbeats(Duration.ofMillis(50))) {
            beats.track(study, alive.number());
            beats.track(study, finished.number());
            // 400 ms: a few 50 ms beats, and 'dead' and 'deadToo' get older than the 300 ms timeout below; on a
            // loaded machine the beat thread may need longer to notice the finished trial
            Thread.sleep(400);
            long until = System.nanoTime() + 10_000_000_000L;
            while (!beats.tracked().equals(Map.of(study, Set.of(alive.number()))) && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertEquals(Map.of(study, Set.of(alive.number())), beats.tracked(), "finished trials drop out");
            assertTrue(s.reapStale(study, Duration.ofSeconds(30), StaleTrialPolicy.ABANDON).abandoned().isEmpty());
            DatabaseStorage.Reaped reaped = s.reapStale(study, Duration.ofMillis(300), StaleTrialPolicy.ABANDON);
            assertEquals(List.of(dead.number(), deadToo.number()), reaped.abandoned().stream().map(Trial::number).toList());
            assertTrue(reaped.requeued().isEmpty());
            Trial d = s.trial(study, dead.number()).orElseThrow();
            assertEquals(TrialState.ABANDONED, d.state());
            assertTrue(d.failureReason().contains("heartbeat missed"), d.failureReason());
            assertEquals(TrialState.RUNNING, s.trial(study, alive.number()).orElseThrow().state());
            assertEquals(TrialState.COMPLETED, s.trial(study, finished.number()).orElseThrow().state());
            // the told value of a reaped trial is refused: it was given up
            assertThrows(IllegalTransitionException.class,
                    () -> s.complete(study, dead.number(), Map.of("y", Observation.of(1))));
        }
        // heartbeats stopped: now 'alive' goes stale too, and is re-queued exactly once by two concurrent reapers
        Thread.sleep(350);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<DatabaseStorage.Reaped> r1 = pool.submit(() -> s.reapStale(study, Duration.ofMillis(300), StaleTrialPolicy.REQUEUE));
            Future<DatabaseStorage.Reaped> r2 = pool.submit(() -> s.reapStale(study, Duration.ofMillis(300), StaleTrialPolicy.REQUEUE));
            List<Trial> requeued = new ArrayList<>(r1.get().requeued());
            requeued.addAll(r2.get().requeued());
            assertEquals(1, requeued.size());
            Trial copy = requeued.get(0);
            assertEquals(TrialState.CANDIDATE, copy.state());
            assertEquals(alive.parameters(), copy.parameters());
            assertEquals(alive.number(), s.requeuedFrom(study, copy.number()).orElseThrow());
            assertEquals(copy.number(), s.claimCandidate(study, "w2").orElseThrow().number());
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void backgroundReaperAbandonsTrialsWithoutHeartbeat(Backend b) throws Exception {
        DatabaseStorage s = storage(b);
        String study = newStudy(s);
        Trial kept = running(s, study);
        Trial lost = running(s, study);
        try (Heartbeats beats = s.startHeartbeats(Duration.ofMillis(50));
             StaleTrialReaper reaper = s.startReaper(study, Duration.ofMillis(400), StaleTrialPolicy.ABANDON,
                     Duration.ofMillis(100))) {
            beats.track(study, kept.number());
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (s.trial(study, lost.number()).orElseThrow().state() == TrialState.RUNNING) {
                assertTrue(System.nanoTime() < deadline, "the reaper never abandoned the silent trial");
                Thread.sleep(50);
            }
            assertEquals(TrialState.ABANDONED, s.trial(study, lost.number()).orElseThrow().state());
            assertEquals(TrialState.RUNNING, s.trial(study, kept.number()).orElseThrow().state());
            while (reaper.abandonedCount() == 0) {   // the count follows the commit
                assertTrue(System.nanoTime() < deadline, "the reaper did not count its work");
                Thread.sleep(20);
            }
            assertEquals(1, reaper.abandonedCount());
        }
        assertThrows(UnknownStudyException.class, () -> s.startReaper("nope", Duration.ofSeconds(1),
                StaleTrialPolicy.ABANDON, Duration.ofSeconds(1)));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void heartbeatKeepsTrialAliveAndIsNoOpWhenFinished(Backend b) throws Exception {
        DatabaseStorage s = storage(b);
        String study = newStudy(s);
        Trial t = running(s, study);
        var first = s.lastHeartbeat(study, t.number()).orElseThrow();
        Thread.sleep(5);
        s.heartbeat(study, t.number());
        var second = s.lastHeartbeat(study, t.number()).orElseThrow();
        assertTrue(second.isAfter(first));
        assertTrue(s.trial(study, t.number()).orElseThrow().updated().isAfter(t.updated()));
        Trial done = s.complete(study, t.number(), Map.of("y", Observation.of(2), "c", new Observation(3, 0.5)));
        s.heartbeat(study, t.number());   // no-op
        assertEquals(done, s.trial(study, t.number()).orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void notesAndAttributesPersist(Backend b) {
        DatabaseStorage s = storage(b);
        String study = newStudy(s);
        Trial t = running(s, study);
        s.setStudyAttribute(study, "owner", "ana");
        s.setStudyAttribute(study, "note", "first sweep");
        s.setTrialAttribute(study, t.number(), "gpu", "h100");
        s.complete(study, t.number(), Map.of("y", Observation.of(1)));
        s.setTrialAttribute(study, t.number(), "comment", "looks odd");   // notes are allowed on finished trials
        s.setStudyAttribute(study, "note", null);
        assertEquals(Map.of("owner", "ana"), s.studyAttributes(study));
        assertEquals(Map.of("gpu", "h100", "comment", "looks odd"), s.trialAttributes(study, t.number()));
        assertThrows(IllegalArgumentException.class, () -> s.setStudyAttribute(study, " ", "x"));
        assertThrows(UnknownTrialException.class, () -> s.setTrialAttribute(study, 99999999L, "a", "b"));
        assertFalse(s.trialAttributes(study, t.number()).containsKey("note"));
    }
}

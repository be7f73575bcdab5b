package dev.sextant.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.trial.IllegalTransitionException;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Storage} contract, run against every implementation: extend this class and implement
 * {@link #newStorage()} (an empty storage each time). Lives in the bo-core test-jar.
 */
public abstract class StorageContractTest {
    protected Storage storage;

    /** A fresh, empty storage; closed after each test. */
    protected abstract Storage newStorage();

    @BeforeEach
    public void openStorage() {
        storage = newStorage();
    }

    @AfterEach
    public void closeStorage() throws Exception {
        if (storage != null) {
            storage.close();
        }
    }

    /** A small but complete spec (all parameter kinds, a constraint, outcome constraints, options). */
    protected static StudySpec spec(String name) {
        SearchSpace space = SearchSpace.builder()
                .addFloat("lr", 1e-5, 1e-1, true)
                .addFloat("x", -1, 1)
                .addInt("layers", 1, 8)
                .addCategorical("opt", List.of("adam", "sgd", 3, true))
                .addOrdinal("size", List.of("s", "m", "l"))
                .addFixed("steps", 100)
                .addConstraint("x + 0.5*layers <= 4")
                .build();
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("raw_samples", 512);
        options.put("nested", Map.of("a", List.of(1.5, "b")));
        return new StudySpec(name, space, Objective.maximize("reward"),
                List.of(OutcomeConstraint.parse("kl <= 0.5"), OutcomeConstraint.parse("quality >= 0.2")),
                new GenerationSettings(7, "qnei", options), 1234L);
    }

    protected static Map<String, Object> params(double x) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("lr", 0.001);
        p.put("x", x);
        p.put("layers", 3L);
        p.put("opt", "sgd");
        p.put("size", "m");
        p.put("steps", 100L);
        return p;
    }

    protected static Map<String, Observation> obs(double reward) {
        Map<String, Observation> v = new LinkedHashMap<>();
        v.put("reward", new Observation(reward, 0.1));
        v.put("kl", Observation.of(0.25));
        v.put("quality", new Observation(0.5, 0.0));
        return v;
    }

    private Trial running(String study, double x) {
        return storage.createTrial(study, TrialState.RUNNING, params(x), Map.of(), "sobol", Map.of("sobol_index", 3L), "w1");
    }

    private Trial candidate(String study, double x) {
        return storage.createTrial(study, TrialState.CANDIDATE, params(x), Map.of(), "manual", Map.of(), null);
    }

    // ---- studies ----

    @Test
    public void createdStudyLoadsBackEqual() {
        StudySpec spec = spec("alpha");
        storage.createStudy(spec);
        assertEquals(Optional.of(spec), storage.loadStudy("alpha"));
        assertEquals(List.of("alpha"), storage.studyNames());
        assertTrue(storage.trials("alpha").isEmpty());
    }

    @Test
    public void unknownStudyLoadsEmpty() {
        assertEquals(Optional.empty(), storage.loadStudy("nope"));
        assertTrue(storage.studyNames().isEmpty());
    }

    @Test
    public void duplicateStudyIsRejectedAndTheFirstKept() {
        StudySpec first = spec("alpha");
        storage.createStudy(first);
        assertThrows(StudyExistsException.class, () -> storage.createStudy(first.withSeed(99)));
        assertEquals(Optional.of(first), storage.loadStudy("alpha"));
        assertEquals(List.of("alpha"), storage.studyNames());
    }

    // ---- trials: creation ----

    @Test
    public void trialsRoundTripEveryField() {
        storage.createStudy(spec("alpha"));
        Map<String, Object> generation = new LinkedHashMap<>();
        generation.put("acquisition_value", -1.25);
        generation.put("hyperparameters", Map.of("lengthscale", 0.3));
        generation.put("notes", List.of("a", 2L, true));
        Trial created = storage.createTrial("alpha", TrialState.RUNNING, params(0.5), Map.of(), "bayes:qlognei",
                generation, "worker-7");
        assertTrue(created.number() > 0);
        assertEquals("alpha", created.study());
        assertEquals(TrialState.RUNNING, created.state());
        assertEquals(params(0.5), created.parameters());
        assertEquals(Map.of(), created.values());
        assertEquals("bayes:qlognei", created.generator());
        assertEquals(generation, created.generation());
        assertEquals("worker-7", created.worker());
        assertNotNull(created.created());
        assertFalse(created.updated().isBefore(created.created()));
        Trial loaded = storage.trial("alpha", created.number()).orElseThrow();
        assertEquals(created.parameters(), loaded.parameters());
        assertEquals(created.generation(), loaded.generation());
        assertEquals(Long.class, loaded.parameters().get("layers").getClass());
        assertEquals(Double.class, loaded.parameters().get("x").getClass());

        Trial done = storage.createTrial("alpha", TrialState.COMPLETED, params(0.1), obs(2.0), "manual", Map.of(), null);
        assertEquals(TrialState.COMPLETED, done.state());
        assertEquals(obs(2.0), storage.trial("alpha", done.number()).orElseThrow().values());
        assertTrue(Double.isNaN(storage.trial("alpha", done.number()).orElseThrow().values().get("kl").sem()));
    }

    @Test
    public void eachStudyNumbersItsTrialsFromOneAndListsThemInNumberOrder() {
        storage.createStudy(spec("alpha"));
        storage.createStudy(spec("beta"));
        for (int i = 0; i < 20; i++) {
            Trial t = running(i % 2 == 0 ? "alpha" : "beta", 0.01 * i);
            assertEquals(i / 2 + 1, t.number(), "trial " + i + " of the interleaved sequence");
        }
        for (String s : List.of("alpha", "beta")) {
            List<Long> numbers = storage.trials(s).stream().map(Trial::number).toList();
            assertEquals(java.util.stream.LongStream.rangeClosed(1, 10).boxed().toList(), numbers);
        }
        // the same number names a different trial in each study
        assertEquals(0.0, storage.trial("alpha", 1).orElseThrow().number("x"), 0.0);
        assertEquals(0.01, storage.trial("beta", 1).orElseThrow().number("x"), 1e-12);
        // finished trials keep their numbers; the next one continues
        storage.abandon("alpha", 3);
        storage.fail("alpha", 4, "boom");
        assertEquals(11, running("alpha", 0.5).number());
    }

    @Test
    public void deleteStudyRemovesItsTrialsAndFreesTheName() {
        storage.createStudy(spec("alpha"));
        storage.createStudy(spec("beta"));
        Trial a = running("alpha", 0.1);
        storage.complete("alpha", a.number(), obs(1));
        running("alpha", 0.2);
        running("beta", 0.3);
        storage.deleteStudy("alpha");
        assertEquals(List.of("beta"), storage.studyNames());
        assertTrue(storage.loadStudy("alpha").isEmpty());
        assertThrows(UnknownStudyException.class, () -> storage.trials("alpha"));
        assertThrows(UnknownStudyException.class, () -> storage.trial("alpha", 1));
        assertThrows(UnknownStudyException.class, () -> storage.deleteStudy("alpha"));
        assertThrows(UnknownStudyException.class, () -> storage.deleteStudy("nope"));
        assertEquals(1, storage.trials("beta").size());
        // the name is free again and the new study starts at number 1
        storage.createStudy(spec("alpha"));
        assertTrue(storage.trials("alpha").isEmpty());
        assertEquals(1, running("alpha", 0.4).number());
    }

    @Test
    public void createTrialRejectsFinishedStatesOtherThanCompletedAndChangesNothing() {
        storage.createStudy(spec("alpha"));
        assertThrows(IllegalArgumentException.class, () -> storage.createTrial("alpha", TrialState.FAILED, params(0),
                Map.of(), "g", Map.of(), null));
        assertThrows(IllegalArgumentException.class, () -> storage.createTrial("alpha", TrialState.ABANDONED, params(0),
                Map.of(), "g", Map.of(), null));
        assertThrows(IllegalArgumentException.class, () -> storage.createTrial("alpha", TrialState.COMPLETED, params(0),
                Map.of(), "g", Map.of(), null));
        assertTrue(storage.trials("alpha").isEmpty());
    }

    // ---- transitions ----

    @Test
    public void claimCandidateTakesTheOldestAndMarksItRunning() {
        storage.createStudy(spec("alpha"));
        running("alpha", 0.9);
        Trial c1 = candidate("alpha", 0.1);
        Trial c2 = candidate("alpha", 0.2);
        Trial got = storage.claimCandidate("alpha", "w2").orElseThrow();
        assertEquals(c1.number(), got.number());
        assertEquals(TrialState.RUNNING, got.state());
        assertEquals("w2", got.worker());
        assertEquals(c1.parameters(), got.parameters());
        assertEquals(c2.number(), storage.claimCandidate("alpha", "w3").orElseThrow().number());
        assertEquals(Optional.empty(), storage.claimCandidate("alpha", "w4"));
        assertEquals(TrialState.RUNNING, storage.trial("alpha", c1.number()).orElseThrow().state());
        // the earlier snapshot is unchanged
        assertEquals(TrialState.CANDIDATE, c1.state());
    }

    @Test
    public void claimCandidateIsAtomicUnderContention() throws Exception {
        storage.createStudy(spec("alpha"));
        int n = 80;
        for (int i = 0; i < n; i++) {
            candidate("alpha", 0.001 * i);
        }
        ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
        runConcurrently(8, thread -> {
            Optional<Trial> t;
            while ((t = storage.claimCandidate("alpha", "w" + thread)).isPresent()) {
                assertEquals(TrialState.RUNNING, t.get().state());
                claimed.add(t.get().number());
            }
        });
        assertEquals(n, claimed.size());
        assertEquals(n, new HashSet<>(claimed).size());
        assertTrue(storage.trials("alpha").stream().allMatch(t -> t.state() == TrialState.RUNNING));
    }

    @Test
    public void completeFromRunningAndFromCandidate() {
        storage.createStudy(spec("alpha"));
        Trial r = running("alpha", 0.3);
        Trial c = candidate("alpha", 0.4);
        Trial done = storage.complete("alpha", r.number(), obs(1.5));
        assertEquals(TrialState.COMPLETED, done.state());
        assertEquals(obs(1.5), done.values());
        assertEquals(r.parameters(), done.parameters());
        assertEquals(r.generator(), done.generator());
        assertEquals(r.created(), done.created());
        assertFalse(done.updated().isBefore(r.updated()));
        assertEquals(done.values(), storage.trial("alpha", r.number()).orElseThrow().values());
        assertEquals(TrialState.COMPLETED, storage.complete("alpha", c.number(), obs(0.5)).state());
        // snapshots taken before are unchanged
        assertEquals(TrialState.RUNNING, r.state());
        assertTrue(r.values().isEmpty());
    }

    @Test
    public void failKeepsItsReasonAndAbandonWorks() {
        storage.createStudy(spec("alpha"));
        Trial r = running("alpha", 0.3);
        Trial c = candidate("alpha", 0.4);
        Trial r2 = running("alpha", 0.5);
        Trial failed = storage.fail("alpha", r.number(), "out of memory");
        assertEquals(TrialState.FAILED, failed.state());
        assertEquals("out of memory", storage.trial("alpha", r.number()).orElseThrow().failureReason());
        assertEquals(TrialState.FAILED, storage.fail("alpha", c.number(), null).state());
        assertEquals(TrialState.ABANDONED, storage.abandon("alpha", r2.number()).state());
        assertEquals(TrialState.ABANDONED, storage.trial("alpha", r2.number()).orElseThrow().state());
    }

    @Test
    public void illegalTransitionsAreRejectedAndChangeNothing() {
        storage.createStudy(spec("alpha"));
        Trial completed = storage.complete("alpha", running("alpha", 0.1).number(), obs(1));
        Trial failed = storage.fail("alpha", running("alpha", 0.2).number(), "boom");
        Trial abandoned = storage.abandon("alpha", running("alpha", 0.3).number());
        for (Trial t : List.of(completed, failed, abandoned)) {
            Trial before = storage.trial("alpha", t.number()).orElseThrow();
            IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                    () -> storage.complete("alpha", t.number(), obs(9)));
            assertTrue(e.getMessage().contains("trial " + t.number()), e.getMessage());
            assertThrows(IllegalTransitionException.class, () -> storage.fail("alpha", t.number(), "again"));
            assertThrows(IllegalTransitionException.class, () -> storage.abandon("alpha", t.number()));
            Trial after = storage.trial("alpha", t.number()).orElseThrow();
            assertEquals(before.state(), after.state());
            assertEquals(before.values(), after.values());
            assertEquals(before.failureReason(), after.failureReason());
            assertEquals(before.updated(), after.updated());
        }
        assertEquals(3, storage.trials("alpha").size());
        // finished trials are not handed out as candidates
        assertEquals(Optional.empty(), storage.claimCandidate("alpha", "w"));
    }

    @Test
    public void unknownStudyAndTrialGiveTypedErrors() {
        storage.createStudy(spec("alpha"));
        storage.createStudy(spec("beta"));
        long id = running("alpha", 0.1).number();
        assertThrows(UnknownStudyException.class, () -> storage.trials("nope"));
        assertThrows(UnknownStudyException.class, () -> running("nope", 0.1));
        assertThrows(UnknownStudyException.class, () -> storage.claimCandidate("nope", "w"));
        assertThrows(UnknownStudyException.class, () -> storage.complete("nope", id, obs(1)));
        assertThrows(UnknownStudyException.class, () -> storage.fail("nope", id, "x"));
        assertThrows(UnknownStudyException.class, () -> storage.abandon("nope", id));
        assertThrows(UnknownStudyException.class, () -> storage.heartbeat("nope", id));
        assertThrows(UnknownStudyException.class, () -> storage.trial("nope", id));
        assertThrows(UnknownTrialException.class, () -> storage.complete("alpha", id + 1000, obs(1)));
        assertThrows(UnknownTrialException.class, () -> storage.fail("alpha", id + 1000, "x"));
        assertThrows(UnknownTrialException.class, () -> storage.abandon("alpha", id + 1000));
        assertThrows(UnknownTrialException.class, () -> storage.heartbeat("alpha", id + 1000));
        // a trial of another study is unknown there
        assertThrows(UnknownTrialException.class, () -> storage.complete("beta", id, obs(1)));
        assertEquals(Optional.empty(), storage.trial("beta", id));
        assertEquals(Optional.empty(), storage.trial("alpha", id + 1000));
        assertEquals(TrialState.RUNNING, storage.trial("alpha", id).orElseThrow().state());
        assertTrue(storage.trials("beta").isEmpty());
    }

    @Test
    public void heartbeatRefreshesOnlyRunningTrials() throws Exception {
        storage.createStudy(spec("alpha"));
        Trial r = running("alpha", 0.1);
        Thread.sleep(5);
        storage.heartbeat("alpha", r.number());
        Trial after = storage.trial("alpha", r.number()).orElseThrow();
        assertEquals(TrialState.RUNNING, after.state());
        assertFalse(after.updated().isBefore(r.updated()));
        Trial done = storage.complete("alpha", r.number(), obs(1));
        storage.heartbeat("alpha", r.number());
        Trial still = storage.trial("alpha", r.number()).orElseThrow();
        assertEquals(TrialState.COMPLETED, still.state());
        assertEquals(done.updated(), still.updated());
    }

    @Test
    public void concurrentCreateAndCompleteFromEightThreads() throws Exception {
        storage.createStudy(spec("alpha"));
        int perThread = 60;
        ConcurrentLinkedQueue<Long> ids = new ConcurrentLinkedQueue<>();
        runConcurrently(8, thread -> {
            for (int i = 0; i < perThread; i++) {
                Trial t = storage.createTrial("alpha", TrialState.RUNNING, params(thread * 0.01), Map.of(), "sobol",
                        Map.of("thread", (long) thread, "i", (long) i), "w" + thread);
                ids.add(t.number());
                Trial done = storage.complete("alpha", t.number(), obs(thread * 1000 + i));
                assertEquals(TrialState.COMPLETED, done.state());
            }
        });
        assertEquals(8 * perThread, new HashSet<>(ids).size());
        List<Trial> trials = storage.trials("alpha");
        assertEquals(8 * perThread, trials.size());
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 8 * perThread).boxed().toList(),
                trials.stream().map(Trial::number).toList(), "numbers 1..n without gaps or repeats");
        for (Trial t : trials) {
            assertEquals(TrialState.COMPLETED, t.state());
            long thread = ((Number) t.generation().get("thread")).longValue();
            long i = ((Number) t.generation().get("i")).longValue();
            assertEquals(thread * 1000 + i, t.values().get("reward").mean(), 0.0);
        }
    }

    /** Runs body(thread) on n threads started together; rethrows the first failure. */
    protected static void runConcurrently(int n, Consumer<Integer> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    body.accept(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

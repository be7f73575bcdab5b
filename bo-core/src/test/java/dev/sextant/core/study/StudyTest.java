package dev.sextant.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.generate.Candidate;
import dev.sextant.core.generate.CandidateGenerator;
import dev.sextant.core.generate.GenerationException;
import dev.sextant.core.generate.GenerationRequest;
import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.generate.SobolGenerator;
import dev.sextant.core.space.InvalidParametersException;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.trial.IllegalTransitionException;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudyTest {
    private static final SearchSpace SPACE = SearchSpace.builder().addFloat("x", 0, 1).addInt("n", 0, 10)
            .addConstraint("x + 0.1*n <= 1.5").build();

    private static StudySpec spec(String name, Goal goal, String... outcome) {
        List<OutcomeConstraint> cs = new ArrayList<>();
        for (String o : outcome) {
            cs.add(OutcomeConstraint.parse(o));
        }
        return new StudySpec(name, SPACE, new Objective("y", goal), cs, GenerationSettings.defaults(), 7);
    }

    /** A generator recording its requests and proposing fixed points. */
    static final class Recording implements CandidateGenerator {
        final String name;
        final List<GenerationRequest> requests = new ArrayList<>();
        Map<String, Object> point = Map.of("x", 0.25, "n", 2L);

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public synchronized List<Candidate> generate(GenerationRequest request) {
            requests.add(request);
            List<Candidate> out = new ArrayList<>();
            for (int i = 0; i < request.count(); i++) {
                out.add(new Candidate(point, Map.of("k", i)));
            }
            return out;
        }
    }

    /** Asserts the call throws and leaves the study's trials exactly as they were. */
    private static <T extends Throwable> T rejectedUnchanged(Study study, Class<T> type, org.junit.jupiter.api.function.Executable call) {
        List<Trial> before = study.trials();
        T e = assertThrows(type, call);
        assertEquals(before, study.trials());
        return e;
    }

    @Test
    void askTellCycleRecordsGeneratorAndValues() {
        Study study = Study.inMemory(spec("s", Goal.MINIMIZE));
        study.setWorker("w1");
        Trial t = study.ask();
        assertEquals(TrialState.RUNNING, t.state());
        assertEquals("sobol", t.generator());
        assertEquals("w1", t.worker());
        assertTrue(SPACE.satisfiesConstraints(t.parameters()));
        Trial done = study.tell(t, Map.of("y", 3.0));
        assertEquals(TrialState.COMPLETED, done.state());
        assertEquals(3.0, done.values().get("y").mean());
        assertTrue(Double.isNaN(done.values().get("y").sem()));
        Trial t2 = study.ask();
        Trial done2 = study.tell(t2.number(), Map.of("y", 1.0), Map.of("y", 0.2));
        assertEquals(0.2, done2.values().get("y").sem());
        assertEquals(List.of(t.number(), t2.number()), study.trials().stream().map(Trial::number).toList());
    }

    @Test
    void askBatchGivesDistinctPoints() {
        Study study = Study.inMemory(spec("s", Goal.MINIMIZE));
        List<Trial> batch = study.ask(16);
        assertEquals(16, batch.size());
        assertEquals(16, batch.stream().map(Trial::parameters).distinct().count());
        assertEquals(16, study.ask(16).stream().filter(t -> !batch.stream()
                .map(Trial::parameters).toList().contains(t.parameters())).count());
        assertThrows(IllegalArgumentException.class, () -> study.ask(0));
    }

    @Test
    void enqueuedPointsRunFirstInOrder() {
        Study study = Study.inMemory(spec("s", Goal.MINIMIZE));
        Trial e1 = study.enqueue(Map.of("x", 0.5, "n", 3));
        Trial e2 = study.enqueue(Map.of("x", 0.1, "n", 4.0));
        assertEquals(TrialState.CANDIDATE, e1.state());
        assertEquals(Study.MANUAL, e1.generator());
        assertEquals(4L, e2.parameters().get("n"));
        List<Trial> batch = study.ask(3);
        assertEquals(List.of(e1.number(), e2.number()), List.of(batch.get(0).number(), batch.get(1).number()));
        assertTrue(batch.stream().allMatch(t -> t.state() == TrialState.RUNNING));
        assertEquals("sobol", batch.get(2).generator());
        // an enqueued candidate can also be told directly
        Trial e3 = study.enqueue(Map.of("x", 0.2, "n", 1));
        assertEquals(TrialState.COMPLETED, study.tell(e3, Map.of("y", 1.0)).state());
    }

    @Test
    void enqueueValidatesAndRejectsWithoutChange() {
        Study study = Study.inMemory(spec("s", Goal.MINIMIZE));
        study.enqueue(Map.of("x", 0.5, "n", 3));
        rejectedUnchanged(study, InvalidParametersException.class, () -> study.enqueue(Map.of("x", 2.0, "n", 3)));
        rejectedUnchanged(study, InvalidParametersException.class, () -> study.enqueue(Map.of("x", 1.0, "n", 10)));
        rejectedUnchanged(study, InvalidParametersException.class, () -> study.enqueue(Map.of("x", 0.5)));
        rejectedUnchanged(study, InvalidParametersException.class, () -> study.enqueue(Map.of("x", 0.5, "n", 1, "z", 1)));
        rejectedUnchanged(study, InvalidParametersException.class,
                () -> study.addCompleted(Map.of("x", 0.5, "n", 99), Map.of("y", 1.0)));
        rejectedUnchanged(study, InvalidObservationException.class,
                () -> study.addCompleted(Map.of("x", 0.5, "n", 1), Map.of("y", Double.NaN)));
    }

    @Test
    void tellValidationRejectsBadValuesWithoutChange() {
        Study study = Study.inMemory(spec("s", Goal.MINIMIZE, "kl <= 1"));
        Trial t = study.ask();
        Map<String, Double> withNull = new HashMap<>();
        withNull.put("y", null);
        withNull.put("kl", 0.1);
        String m;
        m = rejectedUnchanged(study, InvalidObservationException.class, () -> study.tell(t, Map.of("y", 1.0))).getMessage();
        assertTrue(m.contains("'kl' is missing"), m);
        m = rejectedUnchanged(study, InvalidObservationException.class, () -> study.tell(t, Map.of("kl", 1.0))).getMessage();
        assertTrue(m.contains("'y' is missing"), m);
        m = rejectedUnchanged(study, InvalidObservationException.class,
                () -> study.tell(t, Map.of("y", 1.0, "kl", 0.1, "acc", 2.0))).getMessage();
        assertTrue(m.contains("unknown metric 'acc'"), m);
        m = rejectedUnchanged(study, InvalidObservationException.class,
                () -> study.tell(t, Map.of("y", Double.POSITIVE_INFINITY, "kl", 0.1))).getMessage();
        assertTrue(m.contains("finite"), m);
        rejectedUnchanged(study, InvalidObservationException.class, () -> study.tell(t, Map.of("y", Double.NaN, "kl", 0.1)));
        rejectedUnchanged(study, InvalidObservationException.class, () -> study.tell(t, withNull));
        rejectedUnchanged(study, InvalidObservationException.class, () -> study.tell(t.number(), null));
        m = rejectedUnchanged(study, InvalidObservationException.class,
                () -> study.tell(t.number(), Map.of("y", 1.0, "kl", 0.1), Map.of("y", -1.0))).getMessage();
        assertTrue(m.contains("standard error of 'y'"), m);
        rejectedUnchanged(study, InvalidObservationException.class,
                () -> study.tell(t.number(), Map.of("y", 1.0, "kl", 0.1), Map.of("q", 1.0)));
        rejectedUnchanged(study, UnknownTrialException.class, () -> study.tell(t.number() + 100, Map.of("y", 1.0, "kl", 0.1)));
        assertEquals(TrialState.RUNNING, study.trial(t.number()).orElseThrow().state());
        assertEquals(TrialState.COMPLETED, study.tell(t, Map.of("y", 1.0, "kl", 0.1)).state());
    }

    @Test
    void finishedTrialsCannotBeToldFailedOrAbandonedAgain() {
        Study study = Study.inMemory(spec("s", Goal.MINIMIZE));
        Trial a = study.ask();
        Trial b = study.ask();
        Trial c = study.ask();
        study.tell(a, Map.of("y", 1.0));
        assertEquals("boom", study.fail(b.number(), "boom").failureReason());
        assertEquals(TrialState.ABANDONED, study.abandon(c.number()).state());
        for (Trial t : List.of(a, b, c)) {
            IllegalTransitionException e = rejectedUnchanged(study, IllegalTransitionException.class,
                    () -> study.tell(t, Map.of("y", 2.0)));
            assertTrue(e.getMessage().contains("trial " + t.number() + " is "), e.getMessage());
            rejectedUnchanged(study, IllegalTransitionException.class, () -> study.fail(t.number(), "again"));
            rejectedUnchanged(study, IllegalTransitionException.class, () -> study.abandon(t.number()));
        }
        assertEquals("trial " + a.number() + " is COMPLETED; it cannot be told again",
                assertThrows(IllegalTransitionException.class, () -> study.tell(a, Map.of("y", 2.0))).getMessage()
                        .substring(0, ("trial " + a.number() + " is COMPLETED; it cannot be told again").length()));
        assertEquals(1.0, study.trial(a.number()).orElseThrow().values().get("y").mean());
    }

    @Test
    void trialOfAnotherStudyIsRejected() {
        Storage storage = new InMemoryStorage();
        Study s1 = Study.create(spec("one", Goal.MINIMIZE), storage, GenerationStrategy.sobolOnly());
        Study s2 = Study.create(spec("two", Goal.MINIMIZE), storage, GenerationStrategy.sobolOnly());
        Trial t = s1.ask();
        rejectedUnchanged(s2, IllegalArgumentException.class, () -> s2.tell(t, Map.of("y", 1.0)));
        assertEquals(TrialState.RUNNING, s1.trial(t.number()).orElseThrow().state());
    }

    @Test
    void bestRespectsGoalAndOutcomeConstraints() {
        Study min = Study.inMemory(spec("min", Goal.MINIMIZE, "kl <= 1", "acc >= 0.5"));
        assertTrue(min.best().isEmpty());
        Trial infeasibleLow = min.addCompleted(Map.of("x", 0.1, "n", 1), Map.of("y", -10.0, "kl", 2.0, "acc", 0.9));
        Trial infeasibleAcc = min.addCompleted(Map.of("x", 0.2, "n", 1), Map.of("y", -9.0, "kl", 0.5, "acc", 0.1));
        assertTrue(min.best().isEmpty());
        Trial feasible = min.addCompleted(Map.of("x", 0.3, "n", 1), Map.of("y", 5.0, "kl", 1.0, "acc", 0.5));
        Trial better = min.addCompleted(Map.of("x", 0.4, "n", 1), Map.of("y", 4.0, "kl", 0.0, "acc", 1.0));
        min.addCompleted(Map.of("x", 0.5, "n", 1), Map.of("y", 4.0, "kl", 0.0, "acc", 1.0)); // tie: earliest wins
        Trial running = min.ask();
        assertEquals(better.number(), min.best().orElseThrow().number());
        assertFalse(min.feasible(infeasibleLow));
        assertFalse(min.feasible(infeasibleAcc));
        assertTrue(min.feasible(feasible));
        assertEquals(TrialState.COMPLETED, better.state());
        assertEquals(Study.MANUAL, better.generator());
        assertNotEquals(running.number(), min.best().orElseThrow().number());

        Study max = Study.inMemory(spec("max", Goal.MAXIMIZE));
        max.addCompleted(Map.of("x", 0.1, "n", 1), Map.of("y", 1.0));
        Trial top = max.addCompleted(Map.of("x", 0.2, "n", 1), Map.of("y", 3.0));
        max.addCompleted(Map.of("x", 0.3, "n", 1), Map.of("y", 2.0));
        Trial failed = max.ask();
        max.fail(failed.number(), "crash");
        assertEquals(top.number(), max.best().orElseThrow().number());
    }

    @Test
    void generatorsSeeCompletedAndPendingTrials() {
        Recording gen = new Recording("rec");
        Study study = Study.create(spec("s", Goal.MINIMIZE), new InMemoryStorage(),
                GenerationStrategy.builder().last(gen).build());
        Trial a = study.ask();
        Trial b = study.ask();
        study.tell(a, Map.of("y", 1.0));
        Trial queued = study.enqueue(Map.of("x", 0.9, "n", 0));
        Trial failed = study.ask(1).get(0);
        assertEquals(queued.number(), failed.number()); // the enqueued candidate is handed out first
        study.fail(failed.number(), "x");
        Trial queued2 = study.enqueue(Map.of("x", 0.8, "n", 0));
        List<Trial> batch = study.ask(3); // claims queued2, generates 2
        assertEquals(queued2.number(), batch.get(0).number());
        GenerationRequest last = gen.requests.get(gen.requests.size() - 1);
        assertEquals(List.of(a.number()), last.completed().stream().map(Trial::number).toList());
        // pending: RUNNING b plus the still-CANDIDATE queued2 (it is claimed after generation)
        assertEquals(List.of(b.number(), queued2.number()), last.pending().stream().map(Trial::number).toList());
        assertEquals(2, last.count());
        assertEquals(study.spec(), last.spec());
        assertEquals(Map.of("k", 0L), batch.get(1).generation()); // Integer recorded, Long stored
        assertEquals("rec", batch.get(1).generator());
    }

    @Test
    void strategySwitchesByNonFailedTrialCountWithinABatch() {
        Recording first = new Recording("first");
        Recording second = new Recording("second");
        Study study = Study.create(spec("s", Goal.MINIMIZE), new InMemoryStorage(),
                GenerationStrategy.builder().then(first, 3).last(second).build());
        Trial f = study.ask();
        study.fail(f.number(), "does not count");
        List<Trial> batch = study.ask(5);
        assertEquals(List.of("first", "first", "first", "second", "second"), batch.stream().map(Trial::generator).toList());
        assertEquals(3, first.requests.get(1).count());
        assertEquals(2, second.requests.get(0).count());
        // the second generator saw the first generator's new trials as pending
        assertEquals(3, second.requests.get(0).pending().size());
    }

    @Test
    void invalidCandidatesAndFailingGeneratorsLeaveTheStudyUnchanged() {
        Recording bad = new Recording("bad");
        bad.point = Map.of("x", 1.0, "n", 10L); // violates x + 0.1 n <= 1.5
        Study study = Study.create(spec("s", Goal.MINIMIZE), new InMemoryStorage(), GenerationStrategy.builder().last(bad).build());
        study.enqueue(Map.of("x", 0.1, "n", 1));
        GenerationException e = rejectedUnchanged(study, GenerationException.class, () -> study.ask(2));
        assertTrue(e.getMessage().contains("generator 'bad' proposed an invalid point"), e.getMessage());
        // the enqueued candidate was not consumed by the failed ask
        assertEquals(TrialState.CANDIDATE, study.trials().get(0).state());
        assertEquals(TrialState.RUNNING, study.ask().state());

        CandidateGenerator throwing = new CandidateGenerator() {
            @Override
            public String name() {
                return "throwing";
            }

            @Override
            public List<Candidate> generate(GenerationRequest request) {
                throw new IllegalStateException("model did not fit");
            }
        };
        Study s2 = Study.create(spec("s2", Goal.MINIMIZE), new InMemoryStorage(), GenerationStrategy.builder().last(throwing).build());
        e = rejectedUnchanged(s2, GenerationException.class, s2::ask);
        assertTrue(e.getMessage().contains("model did not fit"), e.getMessage());
    }

    @Test
    void openExistingStudyAndDuplicates() {
        Storage storage = new InMemoryStorage();
        Study s = Study.create(spec("s", Goal.MINIMIZE), storage, GenerationStrategy.sobolOnly());
        Trial t = s.ask();
        assertThrows(StudyExistsException.class, () -> Study.create(spec("s", Goal.MAXIMIZE), storage,
                GenerationStrategy.sobolOnly()));
        Study again = Study.open("s", storage, GenerationStrategy.sobolOnly());
        assertEquals(s.spec(), again.spec());
        again.tell(t, Map.of("y", 2.0));
        assertEquals(TrialState.COMPLETED, s.trial(t.number()).orElseThrow().state());
        assertThrows(UnknownStudyException.class, () -> Study.open("nope", storage, GenerationStrategy.sobolOnly()));
    }

    @Test
    void handlesOnTheSameStorageShareTheGenerationLock() throws Exception {
        Storage storage = new InMemoryStorage();
        Study.create(spec("s", Goal.MINIMIZE), storage, GenerationStrategy.sobolOnly());
        List<Study> handles = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            handles.add(Study.open("s", storage, GenerationStrategy.sobolOnly()));
        }
        StorageContractTest.runConcurrently(4, thread -> {
            for (int i = 0; i < 50; i++) {
                handles.get(thread).ask();
            }
        });
        List<Trial> trials = storage.trials("s");
        assertEquals(200, trials.size());
        assertEquals(200, trials.stream().map(t -> t.generation().get("sobol_index")).distinct().count());
    }

    @Test
    void sameSeedGivesSameTrials() {
        List<Map<String, Object>> a = Study.inMemory(spec("s", Goal.MINIMIZE)).ask(8).stream().map(Trial::parameters).toList();
        List<Map<String, Object>> b = Study.inMemory(spec("s", Goal.MINIMIZE)).ask(8).stream().map(Trial::parameters).toList();
        List<Map<String, Object>> c = Study.inMemory(spec("s", Goal.MINIMIZE).withSeed(8)).ask(8).stream()
                .map(Trial::parameters).toList();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void sobolOnlyIsTheDefaultWithoutProviders() {
        assertTrue(GenerationStrategy.defaultFor(spec("s", Goal.MINIMIZE)).select(1000) instanceof SobolGenerator);
    }
}

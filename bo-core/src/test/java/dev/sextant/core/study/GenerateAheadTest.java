package dev.sextant.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sextant.core.generate.Candidate;
import dev.sextant.core.generate.CandidateGenerator;
import dev.sextant.core.generate.GenerationRequest;
import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Study#askWithin} generating ahead: with other workers' evaluations running and generation not negligible next
 * to an evaluation, the holder queues one CANDIDATE per evaluation running elsewhere, which a one-trial ask then claims
 * without generating; with slow evaluations, or no other worker, it queues nothing.
 */
class GenerateAheadTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    /** Proposes distinct points and takes 20 ms per call (so that generation time is measurable). */
    static final class Slow implements CandidateGenerator {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger points = new AtomicInteger();

        @Override public String name() { return "slow"; }

        @Override
        public List<Candidate> generate(GenerationRequest request) {
            calls.incrementAndGet();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<Candidate> out = new ArrayList<>();
            for (int i = 0; i < request.count(); i++) {
                out.add(new Candidate(Map.of("x", (points.incrementAndGet() % 997) / 997.0), Map.of()));
            }
            return out;
        }
    }

    private static long states(Study study, TrialState state) {
        return study.trials().stream().filter(t -> t.state() == state).count();
    }

    /** A study with one completed trial of the given evaluation time, asked by "me", and n RUNNING trials of "other". */
    private static Study study(ManualClock clock, Slow generator, Duration evaluation, int runningElsewhere) {
        SearchSpace space = SearchSpace.builder().addFloat("x", 0, 1).build();
        InMemoryStorage storage = new InMemoryStorage(clock);
        Study study = Study.create(StudySpec.of("ahead", space, Objective.minimize("y")), storage,
                GenerationStrategy.builder().last(generator).build());
        study.setWorker("me");
        Trial first = study.askWithin(1, 100).get(0);
        clock.now = clock.now.plus(evaluation);
        study.tell(first, Map.of("y", 1.0));
        for (int i = 0; i < runningElsewhere; i++) {
            storage.createTrial("ahead", TrialState.RUNNING, Map.of("x", 0.5 + i / 100.0), Map.of(), "manual", Map.of(),
                    "other");
        }
        return study;
    }

    @Test
    void fastEvaluationsElsewhereGetATrialQueuedEach() {
        ManualClock clock = new ManualClock();
        Slow generator = new Slow();
        Study study = study(clock, generator, Duration.ofMillis(100), 3);
        assertEquals(1, study.askWithin(1, 100).size());
        assertEquals(3, states(study, TrialState.CANDIDATE), "one queued trial per evaluation running elsewhere");
        int calls = generator.calls.get();
        Study other = Study.open("ahead", study.storage(), study.strategy());
        other.setWorker("other");
        Trial claimed = other.askWithin(1, 100).get(0);
        assertEquals("other", claimed.worker());
        assertEquals(calls, generator.calls.get(), "a queued trial was there, yet the asker generated");
        assertEquals(2, states(study, TrialState.CANDIDATE));
        // a one-trial ask claims a queued trial: still 8 trials, the budget of 8 is not exceeded
        assertEquals(1, study.askWithin(1, 8).size());
        assertEquals(8, study.trials().size());
    }

    @Test
    void aWorkerThatHasNotGeneratedWaitsForAQueuedTrialWhileOthersWork() throws Exception {
        ManualClock clock = new ManualClock();
        Slow generator = new Slow();
        Study warm = study(clock, generator, Duration.ofMillis(100), 2);
        int calls = generator.calls.get();
        Study cold = Study.open("ahead", warm.storage(), GenerationStrategy.builder().last(generator).build());
        cold.setWorker("joiner");
        java.util.concurrent.CompletableFuture<List<Trial>> asked =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> cold.askWithin(1, 100));
        Thread.sleep(300);
        Trial queued = warm.enqueue(Map.of("x", 0.25));   // what a warm holder queues for it
        Trial got = asked.get(10, java.util.concurrent.TimeUnit.SECONDS).get(0);
        assertEquals(queued.number(), got.number());
        assertEquals("joiner", got.worker());
        assertEquals(calls, generator.calls.get(), "the joining worker generated instead of waiting");
        // nothing queued within the wait: it generates itself
        long start = System.nanoTime();
        assertEquals(1, cold.askWithin(1, 100).size());
        assertEquals(calls + 1, generator.calls.get());
        org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() - start >= Study.COLD_WAIT_MILLIS * 1_000_000L,
                "it generated before its wait was over");
    }

    @Test
    void slowEvaluationsOrASingleWorkerQueueNothing() {
        ManualClock clock = new ManualClock();
        Study slow = study(clock, new Slow(), Duration.ofHours(1), 3);
        assertEquals(1, slow.askWithin(1, 100).size());
        assertEquals(0, states(slow, TrialState.CANDIDATE), "generated ahead for hour-long evaluations");
        Study alone = study(new ManualClock(), new Slow(), Duration.ofMillis(100), 0);
        assertEquals(1, alone.askWithin(1, 100).size());
        assertEquals(0, states(alone, TrialState.CANDIDATE), "a single worker generated ahead");
    }
}

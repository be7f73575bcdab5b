package dev.sextant.acquisition.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.acquisition.generate.GenerationOptions;
import dev.sextant.acquisition.trust.TrustRegionReplay.Entry;
import dev.sextant.acquisition.trust.TrustRegionReplay.Kind;
import dev.sextant.core.generate.Candidate;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.OutcomeConstraint;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The state replayed from a history: batches grouped by their recorded key, design trials, the same state from the
 * same history (in any process), a restart when the region collapses, and the fresh design that follows it.
 */
class TrustRegionReplayTest {
    static final int D = 3;

    static StudySpec spec(List<String> constraints) {
        SearchSpace.Builder b = SearchSpace.builder();
        for (int i = 0; i < D; i++) b.addFloat("x" + i, 0, 1);
        return new StudySpec("replay", b.build(), new Objective("y", Goal.MINIMIZE),
            constraints.stream().map(OutcomeConstraint::parse).toList(),
            new GenerationSettings(4, "qlognei", Map.of("trust_region", "on")), 1);
    }

    static Trial trial(long number, double y, Map<String, Object> tr) {
        Map<String, Object> params = Map.of("x0", 0.1 * (number % 10), "x1", 0.5, "x2", 0.5);
        return new Trial(number, "replay", TrialState.COMPLETED, params, Map.of("y", new Observation(y, 0.0)),
            tr == null ? "sobol" : "bayes:qlognei", tr == null ? Map.of() : Map.of("trust_region", tr),
            Instant.EPOCH, null, null, null);
    }

    static Map<String, Object> step(long batch) {
        return Map.of("phase", "step", "batch", batch);
    }

    @Test
    void initialDesignThenBatchesGroupedByTheirKey() {
        List<Entry> h = List.of(new Entry(1, -5, Kind.OTHER, -1), new Entry(2, -3, Kind.OTHER, -1),
            new Entry(3, -4, Kind.STEP, 2), new Entry(4, -2, Kind.STEP, 2),   // one batch of 2: success (−2 > −3)
            new Entry(5, -2.5, Kind.STEP, 4),                               // failure
            new Entry(6, -1, Kind.OTHER, -1));                              // a manual trial after the first step
        TrustRegionReplay.Result r = TrustRegionReplay.replay(h, D);
        TrustRegionState s = r.state();
        assertEquals(3, s.steps());
        assertEquals(1, s.successes(), "the manual trial improved");
        assertEquals(0, s.failures());
        assertEquals(-1.0, s.best());
        assertEquals(2, r.designCompleted());
        assertEquals(0, r.activeFrom());
        assertEquals(TrustRegionRule.BASE_LENGTH, s.length());
    }

    @Test
    void theSameHistoryGivesTheSameStateWhereverItIsReplayed() {
        List<Trial> history = new ArrayList<>();
        for (int i = 1; i <= 4; i++) history.add(trial(i, 10 - i, null));
        for (int i = 5; i <= 30; i++) history.add(trial(i, 7 + Math.sin(i), step(i - 1)));
        StudySpec spec = spec(List.of());
        TrustRegionReplay.Result a = TrustRegionReplay.replay(TrustRegionReplay.entries(spec, history), D);
        TrustRegionReplay.Result b = TrustRegionReplay.replay(TrustRegionReplay.entries(spec, List.copyOf(history)), D);
        assertEquals(a, b);
        // minimisation: the best value is the smallest y, negated
        assertEquals(-6.0, a.state().best());
        assertTrue(a.state().length() < TrustRegionRule.BASE_LENGTH, "26 failures in 3-d shrink it: " + a.state());
    }

    @Test
    void aTrialThatViolatesAnObservedConstraintIsNoImprovement() {
        StudySpec spec = spec(List.of("c <= 1"));
        Trial good = new Trial(1, "replay", TrialState.COMPLETED, Map.of("x0", 0.1, "x1", 0.5, "x2", 0.5),
            Map.of("y", new Observation(5, 0.0), "c", new Observation(0.5, 0.0)), "sobol", Map.of(), Instant.EPOCH,
            null, null, null);
        Trial bad = new Trial(2, "replay", TrialState.COMPLETED, Map.of("x0", 0.2, "x1", 0.5, "x2", 0.5),
            Map.of("y", new Observation(1, 0.0), "c", new Observation(3, 0.0)), "bayes:qlognei",
            Map.of("trust_region", step(1)), Instant.EPOCH, null, null, null);
        TrustRegionReplay.Result r = TrustRegionReplay.replay(TrustRegionReplay.entries(spec, List.of(good, bad)), D);
        assertEquals(-5.0, r.state().best());
        assertEquals(1, r.state().failures());
    }

    @Test
    void aCollapsedRegionRestartsAndTheNextProposalsAreAFreshDesign() {
        // 3-d: 4 failures per halving, 7 halvings: 28 failed steps collapse the region
        List<Trial> history = new ArrayList<>();
        for (int i = 1; i <= 4; i++) history.add(trial(i, i, null));
        for (int i = 5; i <= 32; i++) history.add(trial(i, 5, step(i - 1)));
        StudySpec spec = spec(List.of());
        TrustRegionReplay.Result before = TrustRegionReplay.replay(TrustRegionReplay.entries(spec,
            history.subList(0, 31)), D);
        assertEquals(0, before.state().restarts());
        assertEquals(TrustRegionRule.BASE_LENGTH / 64, before.state().length(), 1e-15);
        TrustRegionReplay.Result r = TrustRegionReplay.replay(TrustRegionReplay.entries(spec, history), D);
        assertEquals(1, r.state().restarts());
        assertEquals(TrustRegionRule.BASE_LENGTH, r.state().length());
        assertEquals(Double.NEGATIVE_INFINITY, r.state().best(), "the new region has no data yet");
        assertEquals(32, r.activeFrom());

        GenerationOptions opts = GenerationOptions.of(spec);
        TrustRegionPlan plan = TrustRegionPlan.of(spec, history, List.of(), D, opts);
        assertTrue(plan.designNeeded());
        assertTrue(plan.active(history).isEmpty());
        List<Candidate> design = plan.design(spec, history, List.of(), 3);
        assertEquals(3, design.size());
        long number = 33;
        for (Candidate c : design) {
            Map<?, ?> tr = (Map<?, ?>) c.generation().get("trust_region");
            assertEquals("design", tr.get("phase"));
            assertEquals(1, tr.get("restart"));
            history.add(new Trial(number, "replay", TrialState.COMPLETED, c.parameters(),
                Map.of("y", new Observation(number, 0.0)), "bayes:qlognei", c.generation(), Instant.EPOCH, null,
                null, null));
            number++;
        }
        // 3 of the 4 design points done: one more, continuing the same design sequence
        TrustRegionPlan more = TrustRegionPlan.of(spec, history, List.of(), D, opts);
        assertTrue(more.designNeeded());
        Candidate fourth = more.design(spec, history, List.of(), 1).get(0);
        assertEquals(3L, ((Map<?, ?>) fourth.generation().get("trust_region")).get("index"));
        for (Trial t : history.subList(32, 35)) assertFalse(t.parameters().equals(fourth.parameters()));
        history.add(new Trial(number, "replay", TrialState.COMPLETED, fourth.parameters(),
            Map.of("y", new Observation(1, 0.0)), "bayes:qlognei", fourth.generation(), Instant.EPOCH, null, null,
            null));
        TrustRegionPlan done = TrustRegionPlan.of(spec, history, List.of(), D, opts);
        assertFalse(done.designNeeded());
        assertEquals(4, done.active(history).size(), "the new region's model sees its own design only");
        assertEquals(-1.0, done.state().best());
        assertEquals(1, done.state().restarts());
    }
}

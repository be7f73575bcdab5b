package dev.sextant.experiments.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import dev.sextant.store.DatabaseStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker died holding a RUNNING trial (no more heartbeats). A live worker on the same store re-queues it once its
 * heartbeat is older than stale-after, while the campaign runs, evaluates the point, and exits only then.
 */
class DeadWorkerTest {
    @TempDir
    Path dir;

    @Test
    void aLiveWorkerRequeuesADeadWorkersTrialAndWaitsForIt() {
        Campaign c = CampaignParser.parse("dead.yaml", """
                name: dead
                seed: 9
                parameters: [{name: x0, type: float, low: -5, high: 10}, {name: x1, type: float, low: 0, high: 15}]
                objective: {metric: value, goal: minimize}
                budget: {trials: 6}
                batch: 1
                parallelism: 2
                generation: {initial: 6, acquisition: sobol}
                evaluator: {builtin: branin}
                """, Path.of("."));
        try (DatabaseStorage storage = DatabaseStorage.open("jdbc:h2:file:" + dir.resolve("db"))) {
            CampaignRunner.Options live = new CampaignRunner.Options("worker:live", Duration.ofSeconds(2), true, null);
            new CampaignRunner(c, storage, s -> GenerationStrategy.sobolOnly(), live).openStudy();
            Trial orphan = storage.createTrial("dead", TrialState.RUNNING, Map.of("x0", 1.0, "x1", 2.0), Map.of(),
                    "sobol", Map.of(), "worker:dead");
            CampaignRunner.Summary s = new CampaignRunner(c, storage, x -> GenerationStrategy.sobolOnly(), live).run();
            List<Trial> trials = storage.trials("dead");
            assertEquals(TrialState.ABANDONED, trials.get(0).state(), "the dead worker's trial was reaped");
            Trial copy = trials.stream().filter(t -> t.parameters().equals(orphan.parameters())
                    && t.number() != orphan.number()).findFirst().orElseThrow();
            assertEquals(TrialState.COMPLETED, copy.state(), "its point was evaluated by the live worker");
            assertEquals("worker:live", copy.worker());
            assertEquals(orphan.number(), storage.requeuedFrom("dead", copy.number()).orElseThrow());
            assertEquals(6, trials.stream().filter(t -> t.state() == TrialState.COMPLETED).count(), "budget exact");
            assertEquals(6, s.completed());
            assertTrue(trials.stream().noneMatch(t -> t.state() == TrialState.RUNNING || t.state() == TrialState.CANDIDATE));
        }
    }
}

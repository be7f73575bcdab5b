package dev.sextant.experiments.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A run and two workers on one store share the budget; a worker cannot start a study; a changed study is refused. */
class SharedBudgetTest {
    private static final String YAML = """
            name: shared
            seed: 4
            parameters: [{name: x0, type: float, low: -5, high: 10}, {name: x1, type: float, low: 0, high: 15}]
            objective: {metric: value, goal: minimize}
            budget: {trials: 30}
            batch: 2
            parallelism: 2
            generation: {initial: 30, acquisition: sobol}
            evaluator: {builtin: branin}
            """;

    @Test
    void runAndWorkersShareTheBudget() throws Exception {
        Campaign c = CampaignParser.parse("shared.yaml", YAML, Path.of("."));
        InMemoryStorage storage = new InMemoryStorage();
        CampaignRunner worker0 = new CampaignRunner(c, storage, s -> GenerationStrategy.sobolOnly(),
                new CampaignRunner.Options("worker:a", null, false, null));
        assertThrows(IllegalStateException.class, worker0::run, "a worker needs an existing study");
        CampaignRunner run = new CampaignRunner(c, storage, s -> GenerationStrategy.sobolOnly(),
                new CampaignRunner.Options("run:x", null, true, null));
        run.openStudy();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<CampaignRunner.Summary>> f = List.of(pool.submit(run::run),
                    pool.submit(new CampaignRunner(c, storage, s -> GenerationStrategy.sobolOnly(),
                            new CampaignRunner.Options("worker:a", null, false, null))::run),
                    pool.submit(new CampaignRunner(c, storage, s -> GenerationStrategy.sobolOnly(),
                            new CampaignRunner.Options("worker:b", null, false, null))::run));
            int done = 0;
            for (Future<CampaignRunner.Summary> x : f) {
                done += x.get().completed();
            }
            List<Trial> trials = storage.trials("shared");
            long completed = trials.stream().filter(t -> t.state() == TrialState.COMPLETED).count();
            assertEquals(completed, done);
            assertEquals(30, completed, "the budget is claimed under the generation lease: exact");
            assertEquals(30, trials.size());
            assertEquals(trials.size(), trials.stream().map(Trial::parameters).distinct().count(), "no point twice");
        } finally {
            pool.shutdownNow();
        }
        // the same name with another search space is refused
        Campaign other = CampaignParser.parse("shared.yaml", YAML.replace("high: 15", "high: 16"), Path.of("."));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new CampaignRunner(other, storage,
                s -> GenerationStrategy.sobolOnly(), CampaignRunner.Options.forRun(null)).openStudy());
        assertTrue(e.getMessage().contains("differ from the campaign file"), e.getMessage());
    }

    @Test
    void wallTimeBudgetStopsStartingTrials() {
        Campaign c = CampaignParser.parse("w.yaml", """
                name: wall
                budget: {wall_time: 1500ms}
                parallelism: 2
                generation: {acquisition: sobol}
                evaluator: {builtin: steering, options: {samples: 64}}
                parameters: [{name: steps, type: int, low: 5, high: 40}]
                objective: {metric: reward, goal: maximize}
                """, Path.of("."));
        InMemoryStorage storage = new InMemoryStorage();
        long t0 = System.nanoTime();
        CampaignRunner.Summary s = new CampaignRunner(c, storage, x -> GenerationStrategy.sobolOnly(),
                CampaignRunner.Options.forRun(null)).run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds >= 1.5 && seconds < 15, "stopped after the wall time: " + seconds);
        assertTrue(s.completed() > 0, s + " " + storage.trials("wall"));
        assertEquals(0, storage.trials("wall").stream().filter(t -> t.state() == TrialState.RUNNING).count());
    }
}

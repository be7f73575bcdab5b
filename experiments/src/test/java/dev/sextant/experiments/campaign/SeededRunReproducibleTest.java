package dev.sextant.experiments.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sextant.acquisition.Strategies;
import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Same campaign file and seed, one worker, {@code parallelism: 1}: the same trials (parameters, values, states) in the
 * same order, through the Sobol phase and the GP + qLogNEI phase. The two studies share one store, so their trials
 * get different database ids: nothing the runner or the evaluator draws may depend on those.
 */
class SeededRunReproducibleTest {
    private static String campaign(String name) {
        return """
                name: %s
                seed: 11
                parameters:
                  - {name: x0, type: float, low: -5.0, high: 10.0}
                  - {name: x1, type: float, low: 0.0, high: 15.0}
                objective: {metric: value, goal: minimize}
                budget: {trials: 9}
                batch: 2
                parallelism: 1
                generation: {initial: 4, acquisition: qlognei, raw_samples: 512, restarts: 3}
                evaluator: {builtin: branin, options: {noise: 0.5}}
                """.formatted(name);
    }

    private static List<String> run(InMemoryStorage storage, String name) {
        Campaign c = CampaignParser.parse(name + ".yaml", campaign(name), Path.of("."));
        new CampaignRunner(c, storage, Strategies::defaultFor, new CampaignRunner.Options("run:test", null, true, null))
                .run();
        List<String> out = new ArrayList<>();
        for (Trial t : storage.trials(name)) {
            out.add(t.state() + " " + t.parameters() + " " + t.values() + " " + t.generator());
        }
        return out;
    }

    @Test
    void twoRunsOfOneSeededCampaignGiveTheSameTrialsInTheSameOrder() {
        InMemoryStorage storage = new InMemoryStorage();
        List<String> first = run(storage, "repro-a");
        List<String> second = run(storage, "repro-b");
        assertEquals(9, first.size(), String.join("\n", first));
        assertEquals(9, storage.trials("repro-a").stream().filter(t -> t.state() == TrialState.COMPLETED).count());
        // both phases ran: the last trials came from the model, not from Sobol
        String lastGenerator = storage.trials("repro-a").get(8).generator();
        assertEquals(true, lastGenerator.startsWith("bayes"), "the last trial came from " + lastGenerator);
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i), second.get(i), "trial " + (i + 1) + " of the two runs");
        }
    }
}

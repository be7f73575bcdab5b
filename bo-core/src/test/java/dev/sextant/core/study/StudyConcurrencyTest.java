package dev.sextant.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Many threads asking and telling at once on one Study. */
class StudyConcurrencyTest {

    @Test
    void eightThreadsTimesThousandAskTellCycles() throws Exception {
        SearchSpace space = SearchSpace.builder().addFloat("x", -2, 2).addFloat("y", -2, 2).addInt("k", 0, 1000).build();
        Study study = Study.inMemory(new StudySpec("conc", space, Objective.minimize("f"),
                List.of(OutcomeConstraint.parse("g <= 1")), GenerationSettings.defaults(), 11));
        int threads = 8;
        int cycles = 1000;
        Map<Long, Double> told = new ConcurrentHashMap<>();
        StorageContractTest.runConcurrently(threads, thread -> {
            for (int i = 0; i < cycles; i++) {
                Trial t = study.ask();
                assertEquals(TrialState.RUNNING, t.state());
                double x = (Double) t.parameters().get("x");
                double y = (Double) t.parameters().get("y");
                double f = x * x + y * y + ((Long) t.parameters().get("k")) * 1e-3;
                if (i % 10 == 9) {
                    study.fail(t.number(), "every tenth fails");
                    continue;
                }
                Map<String, Double> values = new HashMap<>();
                values.put("f", f);
                values.put("g", (double) thread);
                study.tell(t, values);
                told.put(t.number(), f);
            }
        });
        List<Trial> trials = study.trials();
        assertEquals(threads * cycles, trials.size());
        Set<Long> ids = new HashSet<>();
        for (Trial t : trials) {
            assertTrue(ids.add(t.number()), "duplicate id " + t.number());
        }
        long completed = trials.stream().filter(t -> t.state() == TrialState.COMPLETED).count();
        long failed = trials.stream().filter(t -> t.state() == TrialState.FAILED).count();
        assertEquals(threads * cycles * 9 / 10, completed);
        assertEquals(threads * cycles / 10, failed);
        assertEquals(completed, told.size());
        for (Trial t : trials) {
            if (t.state() == TrialState.COMPLETED) {
                assertEquals(told.get(t.number()), t.values().get("f").mean(), 0.0, "observation of trial " + t.number());
            }
        }
        // asks were serialised through the generator: no Sobol point was handed out twice
        Set<Object> indices = new HashSet<>();
        for (Trial t : trials) {
            assertTrue(indices.add(t.generation().get("sobol_index")), "repeated Sobol index in trial " + t.number());
        }
        // best respects the outcome constraint g <= 1 (threads 0 and 1 only)
        Trial best = study.best().orElseThrow();
        assertTrue(best.values().get("g").mean() <= 1);
        double expected = trials.stream().filter(t -> t.state() == TrialState.COMPLETED && t.values().get("g").mean() <= 1)
                .mapToDouble(t -> t.values().get("f").mean()).min().orElseThrow();
        assertEquals(expected, best.values().get("f").mean(), 0.0);
    }
}

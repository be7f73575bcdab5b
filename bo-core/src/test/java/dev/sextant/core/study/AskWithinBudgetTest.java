package dev.sextant.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Study#askWithin}: the budget counts every trial but ABANDONED ones, re-queued points are still handed out. */
class AskWithinBudgetTest {
    private static Study study() {
        SearchSpace space = SearchSpace.builder().addFloat("x", 0, 1).build();
        return Study.inMemory(StudySpec.of("b", space, Objective.minimize("y")));
    }

    @Test
    void eightThreadsNeverExceedTheBudget() throws Exception {
        Study study = study();
        AtomicInteger asked = new AtomicInteger();
        StorageContractTest.runConcurrently(8, thread -> {
            while (true) {
                List<Trial> got = study.askWithin(3, 50);
                if (got.isEmpty()) {
                    return;
                }
                asked.addAndGet(got.size());
                for (Trial t : got) {
                    study.tell(t, Map.of("y", 1.0));
                }
            }
        });
        assertEquals(50, asked.get());
        assertEquals(50, study.trials().size());
    }

    @Test
    void requeuedPointsAreHandedOutEvenWhenTheBudgetIsFull() {
        Study study = study();
        List<Trial> first = study.askWithin(4, 4);
        assertEquals(4, first.size());
        assertTrue(study.askWithin(1, 4).isEmpty(), "budget of 4 is spent by 4 RUNNING trials");
        Trial copy = study.storage().requeue("b", first.get(0).number());
        assertEquals(TrialState.CANDIDATE, copy.state());
        assertEquals(first.get(0).parameters(), copy.parameters());
        assertEquals(TrialState.ABANDONED, study.trial(first.get(0).number()).orElseThrow().state());
        List<Trial> again = study.askWithin(2, 4);
        assertEquals(List.of(copy.number()), again.stream().map(Trial::number).toList(), "only the re-queued point");
    }
}

package dev.sextant.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ask/tell example of the README, kept compiling and running. */
class ReadmeExampleTest {
    @Test
    void readmeExampleRunsAndFindsAGoodPoint() {
        // README-BEGIN (imports: dev.sextant.core.space.SearchSpace, dev.sextant.core.study.*, dev.sextant.core.trial.Trial,
        //                java.util.List, java.util.Map)
        SearchSpace space = SearchSpace.builder()
                .addFloat("x", -5, 10)
                .addFloat("lr", 1e-4, 1e-1, true)          // log scale
                .addCategorical("optimizer", List.of("adam", "sgd"))
                .build();
        Study study = Study.inMemory(StudySpec.of("quickstart", space, Objective.minimize("loss")));
        for (int i = 0; i < 30; i++) {
            Trial trial = study.ask();
            double x = trial.number("x"), lr = trial.number("lr");
            double loss = (x - 2) * (x - 2) + Math.abs(Math.log10(lr) + 2) + (trial.param("optimizer").equals("sgd") ? 0.5 : 0);
            study.tell(trial, Map.of("loss", loss));
        }
        System.out.println("best: " + study.best().orElseThrow().parameters());
        // README-END

        assertEquals(30, study.trials().size());
        assertTrue(study.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETED));
        double best = study.best().orElseThrow().values().get("loss").mean();
        double min = study.trials().stream().mapToDouble(t -> t.values().get("loss").mean()).min().orElseThrow();
        assertEquals(min, best, 0.0);
        // 30 space-filling points on this function reach well below its range (0 .. 60+)
        assertTrue(best < 3.0, "best loss " + best);
    }
}

package dev.sextant.experiments.cli;

import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.OutcomeConstraint;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's feasibility report: which trials count, and the per-constraint predicted against observed. */
class DemoFeasibilityTest {
    static Trial trial(long number, String generator, double divergence, double diversity, Map<String, Object> gen) {
        return new Trial(number, "demo", TrialState.COMPLETED, Map.of(), Map.of(
                "divergence", new Observation(divergence, 0.02), "diversity", new Observation(diversity, 0.03),
                "reward", new Observation(0.1 * number, 0.01)), generator, gen, Instant.EPOCH, Instant.EPOCH, null, null);
    }

    static Map<String, Object> predicted(double all, double divergence, double diversity) {
        return Map.of("predicted_feasibility", all, "predicted_feasibility_by_metric",
                Map.of("divergence", divergence, "diversity", diversity));
    }

    @Test
    void countsTheModelsTrialsPerConstraintAndPrintsPredictedAgainstObserved() {
        List<OutcomeConstraint> constraints = List.of(OutcomeConstraint.parse("diversity >= 1.0"),
                OutcomeConstraint.parse("divergence <= 0.1"));
        List<Trial> trials = List.of(
                trial(1, "sobol", 0.05, 2.0, Map.of()),                                  // not a model trial
                trial(2, "bayes:qlognei", 0.05, 1.2, predicted(0.72, 0.8, 0.9)),         // feasible
                trial(3, "bayes:qlognei", 0.30, 1.2, predicted(0.45, 0.5, 0.9)),         // divergence too high
                trial(4, "bayes:qlognei", 0.08, 0.7, predicted(0.20, 0.4, 0.5)));        // diversity too low
        List<DemoFeasibility.Outcome> out = DemoFeasibility.outcomes(trials, constraints);
        assertEquals(3, out.size());
        assertEquals(List.of(true, false, false), out.stream().map(DemoFeasibility.Outcome::feasible).toList());
        assertEquals(Map.of("divergence", false, "diversity", true), out.get(1).metByMetric());
        assertEquals(0.5, out.get(1).predictedByMetric().get("divergence"), 0.0);
        assertEquals((0.72 + 0.45 + 0.20) / 3, DemoFeasibility.meanPredicted(out), 1e-12);
        // best feasible reward over every trial (Sobol included): trial 2's 0.2; trials 3 and 4 are not feasible
        StudySpec spec = new StudySpec("demo", SearchSpace.builder().addFloat("x", 0, 1).build(),
                new Objective("reward", Goal.MAXIMIZE), constraints, null, 10);
        assertEquals(0.2, DemoFeasibility.bestFeasible(trials, spec), 1e-12);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoFeasibility.printPerMetric(out, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        // divergence: predicted (0.8 + 0.5 + 0.4) / 3, met by 2 of 3; diversity: (0.9 + 0.9 + 0.5) / 3, met by 2 of 3
        assertTrue(text.matches("(?s).*divergence\\s+0\\.567\\s+0\\.667.*"), text);
        assertTrue(text.matches("(?s).*diversity\\s+0\\.767\\s+0\\.667.*"), text);
    }
}

package dev.sextant.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.trial.Trial;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {
    private static StudySpec spec(Double rewardThreshold) {
        return new StudySpec("mo", SearchSpace.builder().addFloat("x", 0, 1, false).build(),
                List.of(new Objective("reward", Goal.MAXIMIZE, rewardThreshold), Objective.minimize("divergence")),
                List.of(OutcomeConstraint.parse("cost <= 1")), GenerationSettings.defaults(), 3L);
    }

    private static Trial add(Study s, double x, double reward, double divergence, double cost) {
        return s.addCompleted(Map.of("x", x), Map.of("reward", reward, "divergence", divergence, "cost", cost));
    }

    @Test
    void theFrontIsTheFeasibleNonDominatedCompletedTrials() {
        Study s = Study.inMemory(spec(0.3));
        Trial a = add(s, 0.1, 0.9, 0.8, 0);
        Trial b = add(s, 0.2, 0.5, 0.2, 0);
        add(s, 0.3, 0.4, 0.5, 0);                  // dominated by b
        Trial c = add(s, 0.4, 0.95, 0.9, 0);
        Trial d = add(s, 0.5, 0.2, 0.1, 0);        // on the front, below the reward threshold
        add(s, 0.6, 1.0, 0.0, 2.0);                // would dominate all, but infeasible
        Trial twin = add(s, 0.7, 0.5, 0.2, 0.5);   // the same means as b: on the front too
        s.ask();                                   // a RUNNING trial does not count

        ParetoFront f = s.paretoFront();
        assertEquals(List.of(a.number(), b.number(), c.number(), d.number(), twin.number()),
                f.trials().stream().map(Trial::number).toList());
        // reward: the threshold; divergence: inferred from the front's divergences 0.1 .. 0.9 → 0.9 + 0.1 * 0.8
        assertEquals(0.3, f.referencePoint().get(0), 0.0);
        assertEquals(0.98, f.referencePoint().get(1), 1e-15);
        assertEquals(List.of(false, true), f.inferred());
        assertTrue(f.anyInferred());
        // by hand, in decreasing reward: 0.65·0.08 + 0.6·0.1 + 0.2·0.6
        assertEquals(0.052 + 0.06 + 0.12, f.hypervolume(), 1e-12);

        List<double[]> trace = f.hypervolumeByTrial(s.spec(), s.trials());
        assertEquals(6, trace.size(), "one entry per feasible completed trial");
        for (int i = 1; i < trace.size(); i++) {
            assertTrue(trace.get(i)[1] >= trace.get(i - 1)[1]);
        }
        assertEquals(f.hypervolume(), trace.get(trace.size() - 1)[1], 1e-15);
        assertEquals(0.6 * 0.18, trace.get(0)[1], 1e-12, "trial a alone: (0.9 − 0.3) × (0.98 − 0.8)");
    }

    @Test
    void hypervolumeByTrialIsTheHypervolumeOfEachPrefix() {
        StudySpec spec = new StudySpec("three", SearchSpace.builder().addFloat("x", 0, 1, false).build(),
                List.of(Objective.maximize("a"), Objective.minimize("b"), Objective.maximize("c")), List.of(),
                GenerationSettings.defaults(), 1L);
        Study s = Study.inMemory(spec);
        java.util.Random rnd = new java.util.Random(4);
        List<double[]> maximised = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double a = rnd.nextDouble(), b = rnd.nextDouble(), c = rnd.nextDouble();
            if (i % 7 == 3) {   // repeats of an earlier point
                double[] old = maximised.get(i / 2);
                a = old[0];
                b = -old[1];
                c = old[2];
            }
            s.addCompleted(Map.of("x", 0.5), Map.of("a", a, "b", b, "c", c));
            maximised.add(new double[] {a, -b, c});
        }
        ParetoFront f = s.paretoFront();
        double[] ref = {f.referencePoint().get(0), -f.referencePoint().get(1), f.referencePoint().get(2)};
        List<double[]> trace = f.hypervolumeByTrial(spec, s.trials());
        assertEquals(40, trace.size());
        for (int i = 0; i < 40; i++) {
            double expected = dev.sextant.core.pareto.Hypervolume.of(maximised.subList(0, i + 1).toArray(double[][]::new), ref);
            assertEquals(expected, trace.get(i)[1], 1e-12, "after trial " + (i + 1));
            assertEquals(i + 1, (long) trace.get(i)[0]);
        }
    }

    @Test
    void withoutThresholdsOrTrialsThereIsNoReferencePointYet() {
        Study s = Study.inMemory(spec(null));
        ParetoFront f = s.paretoFront();
        assertTrue(f.trials().isEmpty());
        assertTrue(f.referencePoint().isEmpty());
        assertEquals(0.0, f.hypervolume(), 0.0);
        assertTrue(f.hypervolumeByTrial(s.spec(), s.trials()).isEmpty());
    }

    @Test
    void bestOnAMultiObjectiveStudyNamesParetoFront() {
        Study s = Study.inMemory(spec(null));
        MultiObjectiveException e = assertThrows(MultiObjectiveException.class, s::best);
        assertTrue(e.getMessage().contains("paretoFront()"), e.getMessage());
        assertTrue(e.getMessage().contains("reward, divergence"), e.getMessage());
    }

    @Test
    void aMultiObjectiveStudyAsksAndTellsThroughTheSobolPhase() {
        Study s = Study.inMemory(spec(null));
        for (int i = 0; i < 3; i++) {
            Trial t = s.ask();
            double x = (Double) t.parameters().get("x");
            s.tell(t, Map.of("reward", x, "divergence", x * x, "cost", 0.0));
        }
        assertEquals(3, s.paretoFront().trials().size(), "reward x against divergence x² is a trade-off everywhere");
        assertTrue(s.paretoFront().hypervolume() > 0);
    }
}

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
        Trial d = add(s, 0.5, 0.2, 0.1, 0);        // non-dominated, but below the reward threshold: not on the front
        add(s, 0.6, 1.0, 0.0, 2.0);                // would dominate all, but infeasible
        Trial twin = add(s, 0.7, 0.5, 0.2, 0.5);   // the same means as b: on the front too
        Trial atThreshold = add(s, 0.8, 0.3, 0.15, 0); // exactly at the threshold: still of interest
        add(s, 0.9, 0.1, 0.3, 0);                  // below the threshold and dominated by d: in neither list
        s.ask();                                   // a RUNNING trial does not count

        ParetoFront f = s.paretoFront();
        assertEquals(List.of(a.number(), b.number(), c.number(), twin.number(), atThreshold.number()),
                f.trials().stream().map(Trial::number).toList());
        assertEquals(List.of(d.number()), f.beyondThresholds().stream().map(Trial::number).toList());
        assertEquals(List.of(s.spec().objectives().get(0)), f.worseThanThreshold(d));
        assertEquals(List.of(), f.worseThanThreshold(atThreshold));
        // reward: the threshold; divergence: inferred from the feasible non-dominated divergences 0.1 .. 0.9 (d's
        // included: a threshold on reward says nothing about the range of divergence) → 0.9 + 0.1 * 0.8
        assertEquals(0.3, f.referencePoint().get(0), 0.0);
        assertEquals(0.98, f.referencePoint().get(1), 1e-15);
        assertEquals(List.of(false, true), f.inferred());
        assertTrue(f.anyInferred());
        // by hand, in decreasing reward: 0.65·0.08 + 0.6·0.1 + 0.2·0.6
        assertEquals(0.052 + 0.06 + 0.12, f.hypervolume(), 1e-12);

        List<double[]> trace = f.hypervolumeByTrial(s.spec(), s.trials());
        assertEquals(8, trace.size(), "one entry per feasible completed trial");
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

    /**
     * The order of "best" for several objectives: trials within the thresholds first, by Pareto rank, then by the
     * hypervolume only they add within their rank (computed by hand here), then by number; beyond a threshold after.
     */
    @Test
    void rankingPutsTheFrontFirstByHypervolumeContribution() {
        Study s = Study.inMemory(spec(0.3));
        Trial a = add(s, 0.1, 0.9, 0.8, 0);     // front
        Trial b = add(s, 0.2, 0.5, 0.2, 0);     // front
        Trial c = add(s, 0.3, 0.4, 0.5, 0);     // rank 2 (dominated by b)
        Trial d = add(s, 0.4, 0.2, 0.1, 0);     // non-dominated, below the reward threshold
        Trial e = add(s, 0.5, 0.35, 0.9, 0);    // rank 3 (dominated by c)
        add(s, 0.6, 1.0, 0.0, 2.0);             // infeasible: not ranked
        ParetoFront f = s.paretoFront();
        // reference: reward 0.3, divergence inferred from the non-dominated 0.1 .. 0.8 → 0.87
        assertEquals(0.87, f.referencePoint().get(1), 1e-12);
        List<ParetoFront.Ranked> r = f.ranking(s.spec(), s.trials());
        assertEquals(List.of(b.number(), a.number(), c.number(), e.number(), d.number()),
                r.stream().map(x -> x.trial().number()).toList());
        assertEquals(List.of(1, 1, 2, 3, 1), r.stream().map(ParetoFront.Ranked::rank).toList());
        assertEquals(List.of(true, true, true, true, false), r.stream().map(ParetoFront.Ranked::withinThresholds).toList());
        // a alone adds (0.9 − 0.5) · (0.87 − 0.8); b alone adds (0.5 − 0.3) · (0.87 − 0.2) − the part a also covers
        assertEquals(0.4 * 0.07, r.get(1).contribution(), 1e-12);
        assertEquals(0.2 * 0.67 - 0.2 * 0.07, r.get(0).contribution(), 1e-12);
        assertEquals(0.1 * 0.37, r.get(2).contribution(), 1e-12, "c alone in rank 2");
        assertEquals(0.0, r.get(3).contribution(), 0.0, "e's divergence 0.9 is worse than the reference 0.87");
        assertEquals(0.0, r.get(4).contribution(), 0.0);
    }
}

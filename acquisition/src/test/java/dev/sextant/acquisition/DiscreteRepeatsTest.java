package dev.sextant.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Trial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An all-categorical 3×3×3 space with a noise-free objective (told without SEMs; the GP interpolates it): 34 asks try all 27 combinations before any
 * repeat (the issue saw the 3 best proposed 9 times each and 13 never tried), with single asks and with batches.
 */
class DiscreteRepeatsTest {
    static final List<String> LEVELS = List.of("a", "b", "c");

    static StudySpec spec(String name) {
        SearchSpace space = SearchSpace.builder().addCategorical("p", LEVELS).addCategorical("q", LEVELS)
            .addCategorical("r", LEVELS).build();
        return new StudySpec(name, space, new Objective("loss", Goal.MINIMIZE), List.of(),
            new GenerationSettings(4, "qlognei", BayesianGeneratorTest.FAST), 11);
    }

    static double loss(Trial t) {
        int p = LEVELS.indexOf(t.parameters().get("p"));
        int q = LEVELS.indexOf(t.parameters().get("q"));
        int r = LEVELS.indexOf(t.parameters().get("r"));
        return (p - 1.2) * (p - 1.2) + 0.5 * (q - 0.1) * (q - 0.1) + 0.25 * r;
    }

    @Test
    void noiseFreeAllCategoricalSpaceIsExhaustedBeforeAnyRepeat() {
        StudySpec spec = spec("cat");
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        List<Map<String, Object>> seen = new ArrayList<>();
        for (int i = 0; i < 34; i++) {
            Trial t = study.ask();
            seen.add(t.parameters());
            study.tell(t.number(), Map.of("loss", loss(t)));
        }
        assertEquals(27, new HashSet<>(seen.subList(0, 27)).size(), "the first 27 asks are all different: " + seen);
    }

    @Test
    void batchesWithPendingPointsDoNotRepeatEither() {
        StudySpec spec = spec("cat-batch");
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        Set<Map<String, Object>> seen = new HashSet<>();
        int asked = 0;
        while (asked < 27) {
            List<Trial> batch = study.ask(3);
            for (Trial t : batch) {
                assertTrue(seen.add(t.parameters()), "ask " + (asked + 1) + " repeats " + t.parameters());
                asked++;
            }
            for (Trial t : batch) {
                study.tell(t.number(), Map.of("loss", loss(t)));
            }
        }
        assertEquals(27, seen.size());
    }

    @Test
    void jointBatchesHoldNoPointTwiceAndRepeatNothingBeforeTheSpaceIsExhausted() {
        SearchSpace space = SearchSpace.builder().addCategorical("p", LEVELS).addCategorical("q", LEVELS)
            .addCategorical("r", LEVELS).build();
        Map<String, Object> joint = new java.util.HashMap<>(BayesianGeneratorTest.FAST);
        joint.put("sequential", false);
        StudySpec spec = new StudySpec("cat-joint", space, new Objective("loss", Goal.MINIMIZE), List.of(),
            new GenerationSettings(4, "qlognei", joint), 11);
        Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
        Set<Map<String, Object>> seen = new HashSet<>();
        int asked = 0;
        int fromModel = 0;
        while (asked < 27) {
            List<Trial> batch = study.ask(3);
            assertEquals(3, batch.size());
            for (Trial t : batch) {
                assertTrue(seen.add(t.parameters()), "ask " + (asked + 1) + " (batch " + batch.stream()
                    .map(Trial::parameters).toList() + ") repeats " + t.parameters());
                asked++;
                if (t.generator().startsWith("bayes")) {
                    fromModel++;
                }
            }
            for (Trial t : batch) {
                study.tell(t.number(), Map.of("loss", loss(t)));
            }
        }
        assertEquals(27, seen.size());
        assertTrue(fromModel >= 21, "the joint batches came from the model: " + fromModel);
    }

    @Test
    void noiseFreeMeansZeroSemsOrNoSemsAndANegligibleFittedNoise() {
        Study study = Study.inMemory(spec("sems"));
        Trial a = study.tell(study.ask().number(), Map.of("loss", 1.0), Map.of("loss", 0.0));
        Trial b = study.tell(study.ask().number(), Map.of("loss", 2.0), Map.of("loss", 0.0));
        Trial c = study.tell(study.ask().number(), Map.of("loss", 3.0));
        Trial d = study.tell(study.ask().number(), Map.of("loss", 4.0), Map.of("loss", 0.2));
        double[] small = {1e-4};
        double[] large = {0.3};
        assertTrue(RepeatFilter.noiseFree(List.of(a, b), "loss", large), "all SEMs 0");
        assertTrue(RepeatFilter.noiseFree(List.of(c), "loss", small), "no SEMs, the model interpolates");
        assertTrue(!RepeatFilter.noiseFree(List.of(c), "loss", large), "no SEMs, the model fits noise");
        assertTrue(!RepeatFilter.noiseFree(List.of(a, d), "loss", small), "a positive SEM");
    }
}

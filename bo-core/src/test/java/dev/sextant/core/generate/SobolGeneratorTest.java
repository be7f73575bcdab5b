package dev.sextant.core.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.space.SearchSpace;
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

class SobolGeneratorTest {
    private static StudySpec spec(SearchSpace space) {
        return StudySpec.of("sobol", space, Objective.minimize("y")).withSeed(3);
    }

    @Test
    void honoursParameterConstraints() {
        SearchSpace space = SearchSpace.builder().addFloat("a", 0, 1).addFloat("b", 0, 1).addInt("n", 0, 4)
                .addConstraint("a + b <= 0.5").addConstraint("a - 0.1*n >= 0").build();
        List<Candidate> cs = new SobolGenerator().generate(new GenerationRequest(spec(space), List.of(), List.of(), 200, 1));
        assertEquals(200, cs.size());
        for (Candidate c : cs) {
            assertTrue(space.satisfiesConstraints(c.parameters()), c.parameters().toString());
            space.validate(c.parameters());
        }
        // the accepted points still spread over the feasible triangle-like region
        double maxA = cs.stream().mapToDouble(c -> (Double) c.parameters().get("a")).max().orElseThrow();
        assertTrue(maxA > 0.4, "max a " + maxA);
    }

    @Test
    void emptyFeasibleRegionGivesAClearError() {
        // feasible for the box corner only: a + b >= 1.999999999 has measure ~ 1e-18 of the unit square
        SearchSpace space = SearchSpace.builder().addFloat("a", 0, 1).addFloat("b", 0, 1)
                .addConstraint("a + b >= 1.999999999").build();
        GenerationException e = assertThrows(GenerationException.class,
                () -> new SobolGenerator().generate(new GenerationRequest(spec(space), List.of(), List.of(), 1, 1)));
        assertTrue(e.getMessage().contains("no point satisfying the parameter constraints"), e.getMessage());
        assertTrue(e.getMessage().contains("a + b >= 1.999999999"), e.getMessage());
    }

    @Test
    void consecutiveAsksContinueTheSequence() {
        SearchSpace space = SearchSpace.builder().addFloat("a", 0, 1).addFloat("b", 0, 1).build();
        Study study = Study.create(spec(space), new InMemoryStorage(), GenerationStrategy.sobolOnly());
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            trials.add(study.ask());
        }
        trials.addAll(study.ask(8));
        Set<Object> indices = new HashSet<>();
        for (Trial t : trials) {
            indices.add(t.generation().get(SobolGenerator.INDEX_KEY));
        }
        assertEquals(16, indices.size());
        assertEquals(16, new HashSet<>(trials.stream().map(Trial::parameters).toList()).size());
        // the 16 points are the first 16 of one scrambled sequence: stratified in each coordinate
        for (String p : List.of("a", "b")) {
            int[] counts = new int[16];
            for (Trial t : trials) {
                counts[(int) ((Double) t.parameters().get(p) * 16)]++;
            }
            for (int c : counts) {
                assertEquals(1, c, p);
            }
        }
    }

    @Test
    void aNewGeneratorResumesAfterTheHistory() {
        SearchSpace space = SearchSpace.builder().addFloat("a", 0, 1).build();
        InMemoryStorage storage = new InMemoryStorage();
        Study first = Study.create(spec(space), storage, GenerationStrategy.sobolOnly());
        List<Trial> before = first.ask(4);
        before.forEach(t -> first.tell(t, Map.of("y", 1.0)));
        // another process (fresh generator) continues after index 3, with no repeats
        Study reopened = Study.open("sobol", storage, GenerationStrategy.sobolOnly());
        Trial next = reopened.ask();
        assertEquals(4L, next.generation().get(SobolGenerator.INDEX_KEY));
        assertTrue(before.stream().noneMatch(t -> t.parameters().equals(next.parameters())));
    }

    @Test
    void sameSeedSameCandidatesAndMixedSpacesDecode() {
        SearchSpace space = SearchSpace.builder().addFloat("lr", 1e-5, 1, true).addCategorical("c", List.of("x", "y", "z"))
                .addOrdinal("o", List.of(1, 2, 3)).addFixed("f", "k").build();
        GenerationRequest request = new GenerationRequest(spec(space), List.of(), List.of(), 30, 9);
        List<Candidate> a = new SobolGenerator().generate(request);
        List<Candidate> b = new SobolGenerator().generate(request);
        assertEquals(a, b);
        Set<Object> categories = new HashSet<>();
        for (Candidate c : a) {
            space.validate(c.parameters());
            categories.add(c.parameters().get("c"));
            assertEquals("k", c.parameters().get("f"));
        }
        assertEquals(Set.of("x", "y", "z"), categories);
    }

    @Test
    void smallDiscreteSpacesAreCoveredBeforeRepeating() {
        SearchSpace space = SearchSpace.builder().addInt("n", 1, 4).addCategorical("c", List.of("a", "b", "c")).build();
        Study study = Study.create(spec(space), new InMemoryStorage(), GenerationStrategy.sobolOnly());
        List<Trial> first = new ArrayList<>(study.ask(5));
        for (int i = 0; i < 7; i++) {
            first.add(study.ask());
        }
        // all 12 combinations exactly once
        assertEquals(12, new HashSet<>(first.stream().map(Trial::parameters).toList()).size());
        // then the exhausted space repeats rather than failing
        assertEquals(3, study.ask(3).size());
    }

    @Test
    void highDimensionalSpaces() {
        SearchSpace.Builder b = SearchSpace.builder();
        for (int i = 0; i < 300; i++) {
            b.addFloat("x" + i, 0, 1);
        }
        SearchSpace space = b.build();
        List<Candidate> cs = new SobolGenerator().generate(new GenerationRequest(spec(space), List.of(), List.of(), 4, 1));
        assertEquals(4, cs.size());
        SearchSpace.Builder big = SearchSpace.builder();
        for (int i = 0; i < 1001; i++) {
            big.addFloat("x" + i, 0, 1);
        }
        GenerationException e = assertThrows(GenerationException.class, () -> new SobolGenerator()
                .generate(new GenerationRequest(spec(big.build()), List.of(), List.of(), 1, 1)));
        assertTrue(e.getMessage().contains("at most 1000"), e.getMessage());
    }
}

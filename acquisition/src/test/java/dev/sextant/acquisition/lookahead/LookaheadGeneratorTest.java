package dev.sextant.acquisition.lookahead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.generate.Candidate;
import dev.sextant.core.generate.CandidateGenerator;
import dev.sextant.core.generate.GenerationRequest;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.OutcomeConstraint;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Trial;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LookaheadGeneratorTest {

    private static StudySpec spec(String acquisition, List<OutcomeConstraint> constraints, Map<String, Object> options) {
        SearchSpace space = SearchSpace.builder().addFloat("a", -5, 10).addFloat("b", 0, 15).build();
        return new StudySpec("s-" + acquisition, space, Objective.minimize("f"), constraints,
                new GenerationSettings(4, acquisition, options), 7);
    }

    private static List<Trial> completed(StudySpec spec, int n) {
        Study study = Study.create(spec, new InMemoryStorage(), dev.sextant.core.generate.GenerationStrategy.sobolOnly());
        for (int i = 0; i < n; i++) {
            Trial t = study.ask();
            double a = ((Number) t.parameters().get("a")).doubleValue();
            double b = ((Number) t.parameters().get("b")).doubleValue();
            study.tell(t, Map.of("f", LookaheadLoopCheck.branin(new double[] {a, b})));
        }
        return study.trials();
    }

    @Test
    void forNameServesOnlyItsNamesAndRejectsUnsupportedStudies() {
        assertTrue(LookaheadGenerators.forName("lookahead2", spec("lookahead2", List.of(), Map.of())).isPresent());
        assertTrue(LookaheadGenerators.forName("LOOKAHEAD3", spec("lookahead3", List.of(), Map.of())).isPresent());
        assertTrue(LookaheadGenerators.forName("kg", spec("kg", List.of(), Map.of())).isPresent());
        assertFalse(LookaheadGenerators.forName("qlognei", spec("qlognei", List.of(), Map.of())).isPresent());
        StudySpec constrained = spec("kg", List.of(OutcomeConstraint.parse("g <= 1")), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LookaheadGenerators.forName("kg", constrained));
        assertTrue(e.getMessage().contains("outcome constraints"), e.getMessage());
        CandidateGenerator custom = LookaheadGenerators.forName("lookahead2",
                spec("lookahead2", List.of(), Map.of("fantasies", List.of(3, 2), "restarts", 2))).orElseThrow();
        assertEquals(List.of(3, 2), java.util.Arrays.stream(((LookaheadGenerator) custom).options().fantasies())
                .boxed().toList());
        assertThrows(IllegalArgumentException.class, () -> LookaheadGenerators.forName("lookahead2",
                spec("lookahead2", List.of(), Map.of("fantasies", "eight"))));
    }

    @Test
    void proposesValidDeterministicCandidatesAndRecordsWhatItDid() {
        StudySpec spec = spec("lookahead2", List.of(), Map.of("fantasies", List.of(4, 2)));
        List<Trial> done = completed(spec, 6);
        GenerationRequest request = new GenerationRequest(spec, done, List.of(), 2, 11);
        List<Candidate> first = LookaheadGenerators.forName("lookahead2", spec).orElseThrow().generate(request);
        List<Candidate> again = LookaheadGenerators.forName("lookahead2", spec).orElseThrow().generate(request);
        assertEquals(2, first.size());
        assertEquals(first.get(0).parameters(), again.get(0).parameters());
        for (Candidate c : first) {
            spec.space().validate(c.parameters());
            assertEquals("bayes:lookahead2", c.generation().get("acquisition"));
            assertTrue(((Number) c.generation().get("acquisition_value")).doubleValue() > Double.NEGATIVE_INFINITY);
            assertEquals(1 + 4 + 8, c.generation().get("tree_points"));
        }
        assertFalse(first.get(0).parameters().equals(first.get(1).parameters()), "the second candidate is conditioned on the first");
    }

    @Test
    void rootBatchProposesSeveralCandidatesFromOneTree() {
        StudySpec spec = spec("lookahead2", List.of(), Map.of("fantasies", List.of(4), "batch_sizes", List.of(2, 1)));
        List<Trial> done = completed(spec, 6);
        CandidateGenerator gen = LookaheadGenerators.forName("lookahead2", spec).orElseThrow();
        List<Candidate> two = gen.generate(new GenerationRequest(spec, done, List.of(), 2, 11));
        assertEquals(2, two.size());
        assertEquals(List.of(2, 1), two.get(0).generation().get("batch_sizes"));
        assertEquals(2 + 4 * 4, two.get(0).generation().get("tree_points"), "2 root points, 4×G single points below");
        assertEquals(two.get(0).generation().get("acquisition_value"), two.get(1).generation().get("acquisition_value"),
                "both come from the same tree");
        assertFalse(two.get(0).parameters().equals(two.get(1).parameters()));
        List<Candidate> one = gen.generate(new GenerationRequest(spec, done, List.of(), 1, 11));
        assertEquals(List.of(1, 1), one.get(0).generation().get("batch_sizes"), "the root batch holds what is asked");
        assertThrows(IllegalArgumentException.class, () -> LookaheadGenerators.forName("lookahead2",
                spec("lookahead2", List.of(), Map.of("fantasies", List.of(4), "batch_sizes", List.of(2)))));
    }
}

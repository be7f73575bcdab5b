package dev.sextant.core.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationStrategyTest {
    private static CandidateGenerator named(String name) {
        return new CandidateGenerator() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Candidate> generate(GenerationRequest request) {
                return List.of();
            }
        };
    }

    @Test
    void selectsByTrialCount() {
        CandidateGenerator a = named("a");
        CandidateGenerator b = named("b");
        CandidateGenerator c = named("c");
        GenerationStrategy s = GenerationStrategy.builder().then(a, 5).then(b, 8).last(c).build();
        assertSame(a, s.select(0));
        assertSame(a, s.select(4));
        assertSame(b, s.select(5));
        assertSame(b, s.select(7));
        assertSame(c, s.select(8));
        assertSame(c, s.select(1_000_000));
        assertEquals(5, s.remaining(0));
        assertEquals(1, s.remaining(4));
        assertEquals(3, s.remaining(5));
        assertEquals(Integer.MAX_VALUE, s.remaining(8));
        assertEquals(List.of(a, b, c), s.generators());
        assertEquals("sobol", GenerationStrategy.sobolOnly().select(0).name());
    }

    @Test
    void builderValidates() {
        assertThrows(IllegalStateException.class, () -> GenerationStrategy.builder().then(named("a"), 3).build());
        assertThrows(IllegalArgumentException.class, () -> GenerationStrategy.builder().then(named("a"), 5).then(named("b"), 3));
        assertThrows(IllegalArgumentException.class, () -> GenerationStrategy.builder().then(null, 3));
        assertThrows(IllegalArgumentException.class, () -> GenerationStrategy.builder().last(null));
    }
}

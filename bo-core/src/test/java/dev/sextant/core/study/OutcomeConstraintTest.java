package dev.sextant.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.space.SearchSpace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeConstraintTest {
    @Test
    void parsesAndEvaluates() {
        OutcomeConstraint le = OutcomeConstraint.parse("kl <= 0.5");
        assertEquals(new OutcomeConstraint("kl", OutcomeConstraint.Relation.LESS_EQUAL, 0.5), le);
        assertTrue(le.satisfiedBy(0.5));
        assertFalse(le.satisfiedBy(0.51));
        OutcomeConstraint ge = OutcomeConstraint.parse("  val/acc>=-1e-3 ");
        assertEquals(new OutcomeConstraint("val/acc", OutcomeConstraint.Relation.GREATER_EQUAL, -1e-3), ge);
        assertTrue(ge.satisfiedBy(0));
        assertFalse(ge.satisfiedBy(-0.01));
        assertEquals("kl <= 0.5", le.toString());
        assertEquals(ge, OutcomeConstraint.parse(ge.toString()));
        assertEquals("m >= 3", OutcomeConstraint.parse("m >= 3.0").toString());
    }

    @Test
    void rejectsMalformedText() {
        for (String bad : new String[] {"", "kl < 3", "kl <= ", "<= 3", "kl <= x", "a b <= 1", "kl <= 1 >= 2"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutcomeConstraint.parse(bad), bad);
            assertTrue(e.getMessage().contains("outcome constraint"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new OutcomeConstraint("m", null, 1));
        assertThrows(IllegalArgumentException.class, () -> new OutcomeConstraint("m", OutcomeConstraint.Relation.LESS_EQUAL, Double.NaN));
    }

    @Test
    void specValidationAndMetrics() {
        SearchSpace space = SearchSpace.builder().addFloat("x", 0, 1).build();
        StudySpec spec = new StudySpec("s", space, Objective.minimize("y"),
                List.of(OutcomeConstraint.parse("a <= 1"), OutcomeConstraint.parse("a >= 0"), OutcomeConstraint.parse("b >= 0")),
                null, 3);
        assertEquals(List.of("y", "a", "b"), spec.metrics());
        assertEquals(GenerationSettings.defaults().resolvedFor(1), spec.generation());
        assertThrows(IllegalArgumentException.class, () -> StudySpec.of("", space, Objective.minimize("y")));
        assertThrows(IllegalArgumentException.class, () -> StudySpec.of(" s", space, Objective.minimize("y")));
        assertThrows(IllegalArgumentException.class, () -> StudySpec.of("s", null, Objective.minimize("y")));
        assertThrows(IllegalArgumentException.class, () -> StudySpec.of("s", space, null));
        assertThrows(IllegalArgumentException.class, () -> Objective.minimize(" "));
        assertThrows(IllegalArgumentException.class, () -> new GenerationSettings(-2, "qnei", null));
        assertThrows(IllegalArgumentException.class, () -> new GenerationSettings(3, "", null));
        assertEquals(new GenerationSettings(1, "qei", Map.of("a", 1L, "b", List.of(2.5, 3L))),
                new GenerationSettings(1, "qei", Map.of("a", 1, "b", List.of(2.5f, 3))));
        assertThrows(IllegalArgumentException.class, () -> new GenerationSettings(1, "qei", Map.of("a", new Object())));
        assertEquals(5, GenerationSettings.defaults().initialTrials(1));
        assertEquals(12, GenerationSettings.defaults().initialTrials(6));
        assertEquals(3, new GenerationSettings(3, "qei", null).initialTrials(6));
    }
}

package dev.sextant.core.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialTest {
    @Test
    void snapshotIsDeeplyImmutableAndIndependentOfItsInputs() {
        Map<String, Object> params = new HashMap<>(Map.of("x", 1.0));
        List<Object> hist = new ArrayList<>(List.of(1.0, 2.0));
        Map<String, Object> generation = new HashMap<>(Map.of("hyperparameters", new HashMap<>(Map.of("ls", 0.3)), "h", hist));
        Map<String, Observation> values = new HashMap<>(Map.of("y", Observation.of(2)));
        Trial t = new Trial(1, "s", TrialState.COMPLETED, params, values, "sobol", generation, Instant.EPOCH, null, null, null);
        params.put("x", 5.0);
        hist.add(3.0);
        values.clear();
        assertEquals(1.0, t.parameters().get("x"));
        assertEquals(List.of(1.0, 2.0), t.generation().get("h"));
        assertEquals(2.0, t.values().get("y").mean());
        assertEquals(Instant.EPOCH, t.updated());
        assertThrows(UnsupportedOperationException.class, () -> t.parameters().put("z", 1));
        assertThrows(UnsupportedOperationException.class, () -> t.values().clear());
        @SuppressWarnings("unchecked")
        Map<String, Object> hp = (Map<String, Object>) t.generation().get("hyperparameters");
        assertThrows(UnsupportedOperationException.class, () -> hp.put("a", 1));
        assertTrue(t.isFinished());
        assertEquals(1.0, t.number("x"));
        assertThrows(IllegalArgumentException.class, () -> t.param("nope"));
        assertTrue(t.value("y").isPresent());
        assertFalse(t.value("z").isPresent());
    }

    @Test
    void numbersAreCanonicalSoJsonRoundTripsCompareEqual() {
        Trial a = new Trial(1, "s", TrialState.RUNNING, Map.of(), Map.of(), "g",
                Map.of("n", 3, "f", 1.5f, "l", List.of((short) 2, Map.of("b", (byte) 1))), Instant.EPOCH, null, null, null);
        Trial b = new Trial(1, "s", TrialState.RUNNING, Map.of(), Map.of(), "g",
                Map.of("n", 3L, "f", 1.5, "l", List.of(2L, Map.of("b", 1L))), Instant.EPOCH, null, null, null);
        assertEquals(b, a);
        assertEquals(Long.class, a.generation().get("n").getClass());
    }

    @Test
    void generationMustBeJsonLike() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trial(1, "s", TrialState.RUNNING,
                Map.of(), Map.of(), "g", Map.of("bad", new Object()), Instant.EPOCH, null, null, null));
        assertTrue(e.getMessage().contains("generation.bad"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Trial(1, "", TrialState.RUNNING, Map.of(), Map.of(), "g",
                Map.of(), Instant.EPOCH, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Trial(1, "s", null, Map.of(), Map.of(), "g",
                Map.of(), Instant.EPOCH, null, null, null));
    }

    @Test
    void observationValidation() {
        assertThrows(IllegalArgumentException.class, () -> new Observation(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new Observation(Double.POSITIVE_INFINITY, 0));
        assertThrows(IllegalArgumentException.class, () -> new Observation(1, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Observation(1, Double.POSITIVE_INFINITY));
        assertTrue(new Observation(1, 0).hasSem());
        assertFalse(Observation.of(1).hasSem());
    }
}

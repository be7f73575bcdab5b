package dev.sextant.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StudySpecCodecTest {

    /** A campaign-file-like map, as a YAML parser would produce it. */
    private static Map<String, Object> yamlLike() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "steering");
        m.put("seed", 42);
        List<Object> params = new ArrayList<>();
        params.add(new LinkedHashMap<>(Map.of("name", "kl_weight", "type", "float", "low", 0.001, "high", 1.0, "log", true)));
        params.add(new LinkedHashMap<>(Map.of("name", "guidance", "type", "float", "low", 1, "high", 15)));
        params.add(new LinkedHashMap<>(Map.of("name", "steps", "type", "int", "low", 10, "high", 50)));
        params.add(new LinkedHashMap<>(Map.of("name", "sampler", "type", "categorical", "choices", List.of("ddim", "euler"))));
        params.add(new LinkedHashMap<>(Map.of("name", "res", "type", "ordinal", "choices", List.of(256, 512, 1024))));
        params.add(new LinkedHashMap<>(Map.of("name", "model", "type", "fixed", "value", "sd15")));
        m.put("parameters", params);
        m.put("parameter_constraints", List.of("guidance + 0.2*steps <= 20"));
        m.put("objective", new LinkedHashMap<>(Map.of("metric", "reward", "goal", "maximize")));
        m.put("outcome_constraints", List.of("kl <= 0.3"));
        m.put("generation", new LinkedHashMap<>(Map.of("initial", 8, "acquisition", "qnei", "raw_samples", 256)));
        return m;
    }

    @Test
    void readsACampaignMap() {
        StudySpec spec = StudySpecCodec.fromMap(yamlLike());
        assertEquals("steering", spec.name());
        assertEquals(42L, spec.seed());
        assertEquals(6, spec.space().parameters().size());
        assertEquals(1 + 1 + 1 + 2 + 1, spec.space().dimension());
        assertEquals(new Objective("reward", Goal.MAXIMIZE), spec.objective());
        assertEquals(List.of(OutcomeConstraint.parse("kl <= 0.3")), spec.outcomeConstraints());
        assertEquals(new GenerationSettings(8, "qnei", Map.of("raw_samples", 256)), spec.generation());
        assertEquals(List.of("reward", "kl"), spec.metrics());
    }

    @Test
    void roundTripsThroughMaps() {
        StudySpec spec = StudySpecCodec.fromMap(yamlLike());
        assertEquals(spec, StudySpecCodec.fromMap(StudySpecCodec.toMap(spec)));
        StudySpec contract = StorageContractTest.spec("contract");
        assertEquals(contract, StudySpecCodec.fromMap(StudySpecCodec.toMap(contract)));
        StudySpec minimal = StudySpec.of("m", SearchSpace.builder().addInt("n", -3, 3, false).build(), Objective.minimize("y"));
        Map<String, Object> map = StudySpecCodec.toMap(minimal);
        assertEquals(minimal, StudySpecCodec.fromMap(map));
        assertEquals("minimize", ((Map<?, ?>) map.get("objective")).get("goal"));
        assertEquals(-1, ((Map<?, ?>) map.get("generation")).get("initial"));
    }

    @Test
    void defaultsWhenOptionalKeysAreAbsent() {
        Map<String, Object> m = yamlLike();
        m.remove("seed");
        m.remove("generation");
        m.remove("parameter_constraints");
        m.remove("outcome_constraints");
        StudySpec spec = StudySpecCodec.fromMap(m);
        assertEquals(0L, spec.seed());
        assertEquals(GenerationSettings.defaults().resolvedFor(1), spec.generation());
        assertTrue(spec.outcomeConstraints().isEmpty());
        assertTrue(spec.space().constraints().isEmpty());
    }

    private static void error(Consumer<Map<String, Object>> edit, String expectedStart) {
        Map<String, Object> m = yamlLike();
        edit.accept(m);
        InvalidStudySpecException e = assertThrows(InvalidStudySpecException.class, () -> StudySpecCodec.fromMap(m));
        assertTrue(e.getMessage().startsWith(expectedStart), "'" + e.getMessage() + "' should start with '" + expectedStart + "'");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> params(Map<String, Object> m) {
        return (List<Object>) m.get("parameters");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> param(Map<String, Object> m, int i) {
        return (Map<String, Object>) ((List<Object>) m.get("parameters")).get(i);
    }

    @Test
    void errorsNameTheKeyPath() {
        error(m -> param(m, 2).put("low", "abc"), "parameters[2].low: expected an integer, got 'abc'");
        error(m -> param(m, 1).put("low", "abc"), "parameters[1].low: expected a number, got 'abc'");
        error(m -> param(m, 1).remove("high"), "parameters[1].high: missing; expected a number");
        error(m -> param(m, 2).put("low", 2.5), "parameters[2].low: expected an integer, got 2.5");
        error(m -> param(m, 1).put("low", 20), "parameters[1]: lower bound 20.0 is not below upper bound 15.0");
        error(m -> param(m, 0).put("low", 0.0), "parameters[0]: parameter 'kl_weight' is on a log scale");
        error(m -> param(m, 0).put("log", "yes"), "parameters[0].log: expected true or false, got 'yes'");
        error(m -> param(m, 3).put("choices", List.of()), "parameters[3]: parameter 'sampler' has no choices");
        error(m -> param(m, 3).put("choices", "ddim"), "parameters[3].choices: expected a list, got 'ddim'");
        error(m -> param(m, 3).put("type", "enum"), "parameters[3].type: expected float, int, categorical, ordinal or fixed");
        error(m -> param(m, 3).put("low", 1), "parameters[3].low: unknown key here");
        error(m -> param(m, 5).remove("value"), "parameters[5].value: missing");
        error(m -> param(m, 4).put("name", "steps"), "parameters[4].name: duplicate parameter name 'steps'");
        error(m -> param(m, 4).remove("name"), "parameters[4].name: missing; expected a string");
        error(m -> params(m).set(1, "guidance"), "parameters[1]: expected a map, got 'guidance'");
        error(m -> m.put("parameters", List.of()), "parameters: the list is empty");
        error(m -> m.remove("parameters"), "parameters: missing; expected a list");
        error(m -> m.put("parameter_constraints", List.of("guidance + 0.2*steps <= 20", "guidance * <= 3")),
                "parameter_constraints[1]: cannot parse parameter constraint");
        error(m -> m.put("parameter_constraints", List.of("sampler <= 0.5")), "parameter_constraints[0]: constraint");
        error(m -> m.put("outcome_constraints", List.of("kl < 3")), "outcome_constraints[0]: cannot parse outcome constraint");
        error(m -> m.put("outcome_constraints", List.of(3)), "outcome_constraints[0]: expected a string, got 3");
        error(m -> m.put("objective", "reward"), "objective: expected a map, got 'reward'");
        error(m -> m.put("objective", Map.of("metric", "reward", "goal", "up")), "objective.goal: expected minimize or maximize");
        error(m -> m.put("objective", Map.of("goal", "max")), "objective.metric: missing");
        error(m -> m.put("name", ""), "name: is empty");
        error(m -> m.put("name", 5), "name: expected a string, got 5");
        error(m -> m.put("seed", "x"), "seed: expected an integer, got 'x'");
        error(m -> m.put("generation", Map.of("initial", -4)), "generation.initial: expected a count >= 0");
        error(m -> m.put("generation", Map.of("acquisition", 3)), "generation.acquisition: expected a string, got 3");
        error(m -> m.put("generation", Map.of("initial", 10, "initial_default", "yes")),
                "generation.initial_default: expected true or false");
        error(m -> m.put("objectiv", Map.of()), "objectiv: unknown key; expected one of");
        assertThrows(InvalidStudySpecException.class, () -> StudySpecCodec.fromMap(null));
    }

    @Test
    void theDefaultAcquisitionDependsOnTheObjectivesAndAnExplicitOneIsKept() {
        Map<String, Object> m = yamlLike();
        m.remove("objective");
        m.put("objectives", List.of(Map.of("metric", "reward", "goal", "maximize"),
                Map.of("metric", "divergence", "goal", "minimize")));
        m.put("generation", new LinkedHashMap<>(Map.of("initial", 8)));
        assertEquals("qlognehvi", StudySpecCodec.fromMap(m).generation().acquisition(), "the default for several");
        m.remove("generation");
        assertEquals("qlognehvi", StudySpecCodec.fromMap(m).generation().acquisition());
        // an explicit choice is what the spec says, even one the installed strategy will reject for two objectives
        m.put("generation", new LinkedHashMap<>(Map.of("acquisition", "qlognei")));
        StudySpec explicit = StudySpecCodec.fromMap(m);
        assertEquals("qlognei", explicit.generation().acquisition());
        // ... but a stored one (written before explicit choices were checked, when qlognei was every study's stored
        // default and several objectives ran qlognehvi) reads as what it ran
        StudySpec stored = StudySpecCodec.fromStoredMap(StudySpecCodec.toMap(explicit));
        assertEquals("qlognehvi", stored.generation().acquisition());
        assertEquals(explicit.objectives(), stored.objectives());
        m.put("generation", new LinkedHashMap<>(Map.of("acquisition", "qnparego")));
        assertEquals("qnparego", StudySpecCodec.fromStoredMap(StudySpecCodec.toMap(StudySpecCodec.fromMap(m)))
                .generation().acquisition());
        // one objective: qlognei by default, and a stored one stays what it was
        Map<String, Object> one = yamlLike();
        one.remove("generation");
        assertEquals("qlognei", StudySpecCodec.fromMap(one).generation().acquisition());
        one.put("generation", new LinkedHashMap<>(Map.of("acquisition", "qlognei")));
        assertEquals("qlognei", StudySpecCodec.fromStoredMap(one).generation().acquisition());
        // Java callers: the default settings resolve per objective count
        StudySpec java = new StudySpec("j", explicit.space(), explicit.objectives(), List.of(),
                GenerationSettings.defaults(), 0L);
        assertEquals("qlognehvi", java.generation().acquisition());
        assertEquals("qlognei", StudySpec.of("k", explicit.space(), Objective.minimize("y")).generation().acquisition());
    }

    @Test
    void severalObjectivesWithThresholds() {
        Map<String, Object> m = yamlLike();
        m.remove("objective");
        m.put("objectives", List.of(Map.of("metric", "reward", "goal", "maximize", "threshold", 0.3),
                Map.of("metric", "divergence", "goal", "minimize")));
        StudySpec spec = StudySpecCodec.fromMap(m);
        assertEquals(List.of(new Objective("reward", Goal.MAXIMIZE, 0.3), Objective.minimize("divergence")),
                spec.objectives());
        assertEquals(List.of("reward", "divergence", "kl"), spec.metrics());
        Map<String, Object> written = StudySpecCodec.toMap(spec);
        assertTrue(written.containsKey("objectives") && !written.containsKey("objective"), written.toString());
        assertEquals(spec, StudySpecCodec.fromMap(written));
        // one objective with a threshold keeps the objective form and its threshold
        m = yamlLike();
        m.put("objective", Map.of("metric", "reward", "goal", "max", "threshold", 1));
        StudySpec one = StudySpecCodec.fromMap(m);
        assertEquals(1.0, one.objective().threshold());
        assertEquals(one, StudySpecCodec.fromMap(StudySpecCodec.toMap(one)));
    }

    @Test
    void objectivesErrorsNameTheKeyPath() {
        error(m -> m.put("objectives", List.of(Map.of("metric", "d", "goal", "min"))),
                "objectives: give either objective (one map) or objectives (a list), not both");
        error(m -> m.remove("objective"), "objective: missing; expected a map");
        error(m -> {
            m.remove("objective");
            m.put("objectives", List.of());
        }, "objectives: the list is empty");
        error(m -> {
            m.remove("objective");
            m.put("objectives", Map.of("metric", "d"));
        }, "objectives: expected a list, got a map");
        error(m -> {
            m.remove("objective");
            m.put("objectives", List.of(Map.of("metric", "r", "goal", "max"), Map.of("metric", "d", "goal", "less")));
        }, "objectives[1].goal: expected minimize or maximize, got 'less'");
        error(m -> {
            m.remove("objective");
            m.put("objectives", List.of(Map.of("metric", "r", "goal", "max"), Map.of("metric", "r", "goal", "min")));
        }, "objectives[1].metric: 'r' is already the metric of objectives[0]");
        error(m -> {
            m.remove("objective");
            m.put("objectives", List.of(Map.of("metric", "r", "goal", "max", "threshold", "high")));
        }, "objectives[0].threshold: expected a number, got 'high'");
        error(m -> {
            m.remove("objective");
            m.put("objectives", List.of(Map.of("metric", "r", "goal", "max", "weight", 2)));
        }, "objectives[0].weight: unknown key here");
        error(m -> {
            m.remove("objective");
            m.put("objectives", List.of("reward"));
        }, "objectives[0]: expected a map, got 'reward'");
    }

    @Test
    void theReadableInitialFormReadsBack() {
        Map<String, Object> m = yamlLike();
        m.put("generation", new LinkedHashMap<>(Map.of("initial", 10, "initial_default", true, "acquisition", "qnei")));
        assertEquals(-1, StudySpecCodec.fromMap(m).generation().initialTrials(), "the default, whatever count is shown");
        m.put("generation", new LinkedHashMap<>(Map.of("initial", 10, "initial_default", false)));
        assertEquals(10, StudySpecCodec.fromMap(m).generation().initialTrials());
    }
}

package dev.sextant.core.study;

import dev.sextant.core.space.CategoricalParameter;
import dev.sextant.core.space.FixedParameter;
import dev.sextant.core.space.FloatParameter;
import dev.sextant.core.space.IntParameter;
import dev.sextant.core.space.LinearConstraint;
import dev.sextant.core.space.OrdinalParameter;
import dev.sextant.core.space.Parameter;
import dev.sextant.core.space.SearchSpace;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@link StudySpec} to and from plain maps and lists (what YAML and JSON parsers produce and storages keep).
 * Keys: {@code name}, {@code seed} (integer, default 0), {@code parameters: [{name, type: float|int|categorical|ordinal|fixed,
 * low, high, log, choices, value}]}, {@code parameter_constraints: ["a + 2*b <= 3"]},
 * {@code objective: {metric, goal: minimize|maximize, threshold}} for one objective or
 * {@code objectives: [{metric, goal, threshold}, ...]} for several (not both; {@code threshold} optional: the worst value
 * of interest, part of the hypervolume reference point), {@code outcome_constraints: ["m >= 0.5"]},
 * {@code generation: {initial, initial_default, acquisition, ...options}} ({@code initial_default: true}, as the REST API
 * returns it, means the default count whatever {@code initial} says). {@link #toMap} writes {@code objective} for a
 * single-objective spec and {@code objectives} for a multi-objective one. Unknown keys are rejected. Errors are
 * {@link InvalidStudySpecException}s whose message starts with the key path, e.g.
 * {@code "parameters[2].low: expected a number, got 'abc'"}.
 */
public final class StudySpecCodec {
    private static final Set<String> TOP_KEYS = Set.of("name", "seed", "parameters", "parameter_constraints", "objective",
            "objectives", "outcome_constraints", "generation");

    private StudySpecCodec() {
    }

    /**
     * Reads a spec as a storage kept it ({@link #toMap}'s form, possibly written by an earlier version): as
     * {@link #fromMap}, except that a study with several objectives stored with acquisition "qlognei" reads as
     * "qlognehvi". Before explicit acquisitions were checked against the objectives, "qlognei" was the stored default
     * of every study, and a multi-objective study ran qlognehvi with it; reading it so names what the study uses and
     * keeps it usable (a new study with that combination is rejected).
     */
    public static StudySpec fromStoredMap(Map<String, ?> map) {
        StudySpec spec = fromMap(map);
        GenerationSettings g = spec.generation();
        if (spec.isMultiObjective() && GenerationSettings.DEFAULT_ACQUISITION.equals(g.acquisition())) {
            return new StudySpec(spec.name(), spec.space(), spec.objectives(), spec.outcomeConstraints(),
                    new GenerationSettings(g.initialTrials(), GenerationSettings.MULTI_OBJECTIVE_DEFAULT_ACQUISITION,
                            g.options()), spec.seed());
        }
        return spec;
    }

    /**
     * Reads a spec; throws {@link InvalidStudySpecException} naming the offending key path. A {@code generation}
     * without {@code acquisition} takes the study's default (qlognei for one objective, qlognehvi for several).
     */
    public static StudySpec fromMap(Map<String, ?> map) {
        if (map == null) {
            throw new InvalidStudySpecException("study: expected a map, got nothing");
        }
        for (Object key : map.keySet()) {
            if (!TOP_KEYS.contains(String.valueOf(key))) {
                throw new InvalidStudySpecException(key + ": unknown key; expected one of " + sorted(TOP_KEYS));
            }
        }
        String name = string(map.get("name"), "name", true);
        long seed = map.containsKey("seed") ? integer(map.get("seed"), "seed") : 0L;

        SearchSpace.Builder builder = SearchSpace.builder();
        List<?> parameters = list(map.get("parameters"), "parameters", true);
        if (parameters.isEmpty()) {
            throw new InvalidStudySpecException("parameters: the list is empty; give at least one parameter");
        }
        for (int i = 0; i < parameters.size(); i++) {
            String path = "parameters[" + i + "]";
            Parameter p = parameter(parameters.get(i), path);
            try {
                builder.add(p);
            } catch (IllegalArgumentException e) {
                throw new InvalidStudySpecException(path + ".name: " + e.getMessage());
            }
        }
        List<?> constraints = list(map.get("parameter_constraints"), "parameter_constraints", false);
        for (int i = 0; i < constraints.size(); i++) {
            String path = "parameter_constraints[" + i + "]";
            String text = string(constraints.get(i), path, true);
            try {
                builder.addConstraint(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidStudySpecException(path + ": " + e.getMessage());
            }
        }
        SearchSpace space = builder.build();

        List<Objective> objectives = objectives(map);

        List<OutcomeConstraint> outcome = new ArrayList<>();
        List<?> outcomeList = list(map.get("outcome_constraints"), "outcome_constraints", false);
        for (int i = 0; i < outcomeList.size(); i++) {
            String path = "outcome_constraints[" + i + "]";
            try {
                outcome.add(OutcomeConstraint.parse(string(outcomeList.get(i), path, true)));
            } catch (InvalidStudySpecException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new InvalidStudySpecException(path + ": " + e.getMessage());
            }
        }

        GenerationSettings generation = GenerationSettings.defaults();
        if (map.get("generation") != null) {
            Map<String, ?> g = map(map.get("generation"), "generation", true);
            int initial = -1;
            boolean initialDefault = false;
            String acquisition = null; // the study's default, resolved by StudySpec for its objectives
            Map<String, Object> options = new LinkedHashMap<>();
            for (Map.Entry<String, ?> e : g.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.equals("initial")) {
                    long v = integer(e.getValue(), "generation.initial");
                    if (v < -1 || v > Integer.MAX_VALUE) {
                        throw new InvalidStudySpecException("generation.initial: expected a count >= 0 (or -1 for the default),"
                                + " got " + v);
                    }
                    initial = (int) v;
                } else if (key.equals("initial_default")) {
                    // the readable form the REST API returns: the resolved count plus this flag when it is the default
                    if (!(e.getValue() instanceof Boolean flag)) {
                        throw new InvalidStudySpecException("generation.initial_default: expected true or false, got "
                                + e.getValue());
                    }
                    initialDefault = flag;
                } else if (key.equals("acquisition")) {
                    acquisition = string(e.getValue(), "generation.acquisition", true);
                } else {
                    options.put(key, e.getValue());
                }
            }
            generation = new GenerationSettings(initialDefault ? -1 : initial, acquisition, options);
        }
        try {
            return new StudySpec(name, space, objectives, outcome, generation, seed);
        } catch (IllegalArgumentException e) {
            throw new InvalidStudySpecException("study: " + e.getMessage());
        }
    }

    /** Writes a spec as nested LinkedHashMaps and Lists; {@code fromMap(toMap(spec))} equals {@code spec}. */
    public static Map<String, Object> toMap(StudySpec spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", spec.name());
        out.put("seed", spec.seed());
        List<Object> parameters = new ArrayList<>();
        for (Parameter p : spec.space().parameters()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            if (p instanceof FloatParameter f) {
                m.put("type", "float");
                m.put("low", f.low());
                m.put("high", f.high());
                m.put("log", f.log());
            } else if (p instanceof IntParameter i) {
                m.put("type", "int");
                m.put("low", i.low());
                m.put("high", i.high());
                m.put("log", i.log());
            } else if (p instanceof CategoricalParameter c) {
                m.put("type", "categorical");
                m.put("choices", new ArrayList<>(c.choices()));
            } else if (p instanceof OrdinalParameter o) {
                m.put("type", "ordinal");
                m.put("choices", new ArrayList<>(o.choices()));
            } else {
                m.put("type", "fixed");
                m.put("value", ((FixedParameter) p).value());
            }
            parameters.add(m);
        }
        out.put("parameters", parameters);
        List<Object> constraints = new ArrayList<>();
        for (LinearConstraint c : spec.space().constraints()) {
            constraints.add(c.toString());
        }
        out.put("parameter_constraints", constraints);
        if (spec.isMultiObjective()) {
            List<Object> objectives = new ArrayList<>();
            for (Objective o : spec.objectives()) {
                objectives.add(objectiveMap(o));
            }
            out.put("objectives", objectives);
        } else {
            out.put("objective", objectiveMap(spec.objective()));
        }
        List<Object> outcome = new ArrayList<>();
        for (OutcomeConstraint c : spec.outcomeConstraints()) {
            outcome.add(c.toString());
        }
        out.put("outcome_constraints", outcome);
        Map<String, Object> generation = new LinkedHashMap<>();
        generation.put("initial", spec.generation().initialTrials());
        generation.put("acquisition", spec.generation().acquisition());
        generation.putAll(spec.generation().options());
        out.put("generation", generation);
        return out;
    }

    private static Map<String, Object> objectiveMap(Objective o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", o.metric());
        m.put("goal", o.goal().name().toLowerCase(Locale.ROOT));
        if (o.threshold() != null) {
            m.put("threshold", o.threshold());
        }
        return m;
    }

    /** {@code objective} (one map) or {@code objectives} (a non-empty list of maps), exactly one of them. */
    private static List<Objective> objectives(Map<String, ?> map) {
        boolean one = map.get("objective") != null;
        boolean several = map.get("objectives") != null;
        if (one && several) {
            throw new InvalidStudySpecException("objectives: give either objective (one map) or objectives (a list),"
                    + " not both");
        }
        if (!several) {
            if (!one) {
                throw new InvalidStudySpecException("objective: missing; expected a map {metric, goal} (or objectives:"
                        + " a list of them for several objectives)");
            }
            return List.of(objective(map.get("objective"), "objective"));
        }
        List<?> raw = list(map.get("objectives"), "objectives", true);
        if (raw.isEmpty()) {
            throw new InvalidStudySpecException("objectives: the list is empty; give at least one {metric, goal}");
        }
        List<Objective> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String path = "objectives[" + i + "]";
            Objective o = objective(raw.get(i), path);
            for (int j = 0; j < out.size(); j++) {
                if (out.get(j).metric().equals(o.metric())) {
                    throw new InvalidStudySpecException(path + ".metric: '" + o.metric() + "' is already the metric of"
                            + " objectives[" + j + "]; give each objective its own metric");
                }
            }
            out.add(o);
        }
        return out;
    }

    private static Objective objective(Object raw, String path) {
        Map<String, ?> m = map(raw, path, true);
        checkKeys(m, path, Set.of("metric", "goal", "threshold"));
        String metric = string(m.get("metric"), path + ".metric", true);
        String goalText = string(m.get("goal"), path + ".goal", true);
        Goal goal = switch (goalText.toLowerCase(Locale.ROOT)) {
            case "minimize", "minimise", "min" -> Goal.MINIMIZE;
            case "maximize", "maximise", "max" -> Goal.MAXIMIZE;
            default -> throw new InvalidStudySpecException(path + ".goal: expected minimize or maximize, got '"
                    + goalText + "'");
        };
        Double threshold = null;
        if (m.get("threshold") != null) {
            threshold = number(m.get("threshold"), path + ".threshold");
            if (!Double.isFinite(threshold)) {
                throw new InvalidStudySpecException(path + ".threshold: expected a finite number, got " + threshold);
            }
        }
        return new Objective(metric, goal, threshold);
    }

    private static Parameter parameter(Object raw, String path) {
        Map<String, ?> m = map(raw, path, true);
        String name = string(m.get("name"), path + ".name", true);
        String type = string(m.get("type"), path + ".type", true).toLowerCase(Locale.ROOT);
        try {
            switch (type) {
                case "float", "double", "real" -> {
                    checkKeys(m, path, Set.of("name", "type", "low", "high", "log"));
                    double low = number(m.get("low"), path + ".low");
                    double high = number(m.get("high"), path + ".high");
                    return new FloatParameter(name, low, high, bool(m.get("log"), path + ".log"));
                }
                case "int", "integer" -> {
                    checkKeys(m, path, Set.of("name", "type", "low", "high", "log"));
                    long low = integer(required(m.get("low"), path + ".low", "an integer"), path + ".low");
                    long high = integer(required(m.get("high"), path + ".high", "an integer"), path + ".high");
                    return new IntParameter(name, low, high, bool(m.get("log"), path + ".log"));
                }
                case "categorical", "choice" -> {
                    checkKeys(m, path, Set.of("name", "type", "choices"));
                    return new CategoricalParameter(name, new ArrayList<>(list(m.get("choices"), path + ".choices", true)));
                }
                case "ordinal" -> {
                    checkKeys(m, path, Set.of("name", "type", "choices"));
                    return new OrdinalParameter(name, new ArrayList<>(list(m.get("choices"), path + ".choices", true)));
                }
                case "fixed" -> {
                    checkKeys(m, path, Set.of("name", "type", "value"));
                    return new FixedParameter(name, required(m.get("value"), path + ".value", "a value"));
                }
                default -> throw new InvalidStudySpecException(path + ".type: expected float, int, categorical, ordinal or"
                        + " fixed, got '" + type + "'");
            }
        } catch (InvalidStudySpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidStudySpecException(path + ": " + e.getMessage());
        }
    }

    private static void checkKeys(Map<String, ?> m, String path, Set<String> allowed) {
        for (Object key : m.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new InvalidStudySpecException(path + "." + key + ": unknown key here; expected one of " + sorted(allowed));
            }
        }
    }

    private static List<String> sorted(Set<String> keys) {
        List<String> l = new ArrayList<>(keys);
        l.sort(null);
        return l;
    }

    private static Object required(Object v, String path, String what) {
        if (v == null) {
            throw new InvalidStudySpecException(path + ": missing; expected " + what);
        }
        return v;
    }

    private static String string(Object v, String path, boolean required) {
        if (v == null) {
            if (required) {
                throw new InvalidStudySpecException(path + ": missing; expected a string");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InvalidStudySpecException(path + ": expected a string, got " + describe(v));
        }
        if (required && s.isBlank()) {
            throw new InvalidStudySpecException(path + ": is empty; expected a non-empty string");
        }
        return s;
    }

    private static double number(Object v, String path) {
        if (v == null) {
            throw new InvalidStudySpecException(path + ": missing; expected a number");
        }
        if (!(v instanceof Number n)) {
            throw new InvalidStudySpecException(path + ": expected a number, got " + describe(v));
        }
        return n.doubleValue();
    }

    private static long integer(Object v, String path) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            try {
                return b.longValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidStudySpecException(path + ": " + b + " is outside the 64-bit integer range");
            }
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                return (long) d;
            }
        }
        throw new InvalidStudySpecException(path + ": expected an integer, got " + describe(v));
    }

    private static boolean bool(Object v, String path) {
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw new InvalidStudySpecException(path + ": expected true or false, got " + describe(v));
        }
        return b;
    }

    private static List<?> list(Object v, String path, boolean required) {
        if (v == null) {
            if (required) {
                throw new InvalidStudySpecException(path + ": missing; expected a list");
            }
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new InvalidStudySpecException(path + ": expected a list, got " + describe(v));
        }
        return l;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> map(Object v, String path, boolean required) {
        if (v == null) {
            if (required) {
                throw new InvalidStudySpecException(path + ": missing; expected a map");
            }
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new InvalidStudySpecException(path + ": expected a map, got " + describe(v));
        }
        return (Map<String, ?>) m;
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof Map) {
            return "a map";
        }
        if (v instanceof List) {
            return "a list";
        }
        return v + " (" + v.getClass().getSimpleName() + ")";
    }
}

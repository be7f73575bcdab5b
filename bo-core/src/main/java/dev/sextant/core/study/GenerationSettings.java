package dev.sextant.core.study;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a study generates trials. {@code initialTrials}: number of space-filling (Sobol) trials before model-based
 * generation, -1 for the default max(5, 2·dimension); {@code acquisition}: "qlognei" (default), "qnei", "qei",
 * "lookahead2", "kg", "sobol", ...; {@code options}: further generator options (JSON-able values; deep unmodifiable copy
 * with integral numbers as Long and other numbers as Double, so that settings survive a JSON round trip equal).
 */
public record GenerationSettings(int initialTrials, String acquisition, Map<String, Object> options) {
    public static final String DEFAULT_ACQUISITION = "qlognei";

    public GenerationSettings {
        if (initialTrials < -1) {
            throw new IllegalArgumentException("initial trials is " + initialTrials + "; give a count >= 0 or -1 for the default");
        }
        if (acquisition == null || acquisition.isBlank()) {
            throw new IllegalArgumentException("acquisition is empty; use e.g. \"qlognei\" or \"sobol\"");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        if (options != null) {
            for (Map.Entry<String, Object> e : options.entrySet()) {
                copy.put(e.getKey(), canonical(e.getValue(), e.getKey()));
            }
        }
        options = Collections.unmodifiableMap(copy);
    }

    /** Deep unmodifiable copy with Integer/Short/Byte/BigInteger as Long and Float/BigDecimal as Double. */
    private static Object canonical(Object v, String path) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float || v instanceof BigDecimal) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        if (v == null || v instanceof Number || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), canonical(e.getValue(), path + "." + e.getKey()));
            }
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(canonical(l.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(out);
        }
        throw new IllegalArgumentException("generation option " + path + " is a " + v.getClass().getSimpleName()
                + "; use numbers, strings, booleans, lists or maps");
    }

    public static GenerationSettings defaults() {
        return new GenerationSettings(-1, DEFAULT_ACQUISITION, Map.of());
    }

    /** The number of initial trials for a space of the given encoded dimension (resolving -1 to max(5, 2·dimension)). */
    public int initialTrials(int dimension) {
        return initialTrials >= 0 ? initialTrials : Math.max(5, 2 * dimension);
    }
}

package dev.sextant.core.trial;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON-able values for the free-form maps of trials and generation settings, so that a value survives a
 * round trip through JSON (storage, REST) and still compares equal: Integer/Short/Byte/BigInteger become Long,
 * Float/BigDecimal become Double, {@code double[]} becomes a list, maps and lists become unmodifiable deep copies.
 */
public final class JsonValues {
    private JsonValues() {
    }

    /**
     * The canonical deep copy of {@code v} (not modified).
     *
     * @param path where the value sits, for the error message (e.g. {@code "trial generation.hyperparameters"})
     * @throws IllegalArgumentException for anything but numbers, strings, booleans, null, lists, maps and double[]
     */
    public static Object canonical(Object v, String path) {
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
        if (v instanceof double[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (double x : a) {
                out.add(x);
            }
            return Collections.unmodifiableList(out);
        }
        throw new IllegalArgumentException(path + " holds a " + v.getClass().getSimpleName()
                + "; use numbers, strings, booleans, lists or maps");
    }
}

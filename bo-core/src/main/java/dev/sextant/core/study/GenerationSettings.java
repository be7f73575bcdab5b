package dev.sextant.core.study;

import dev.sextant.core.trial.JsonValues;

import java.util.Collections;
import java.util.LinkedHashMap;
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
                copy.put(e.getKey(), JsonValues.canonical(e.getValue(), "generation option " + e.getKey()));
            }
        }
        options = Collections.unmodifiableMap(copy);
    }

    public static GenerationSettings defaults() {
        return new GenerationSettings(-1, DEFAULT_ACQUISITION, Map.of());
    }

    /** The number of initial trials for a space of the given encoded dimension (resolving -1 to max(5, 2·dimension)). */
    public int initialTrials(int dimension) {
        return initialTrials >= 0 ? initialTrials : Math.max(5, 2 * dimension);
    }
}

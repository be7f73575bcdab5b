package dev.sextant.core.generate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A proposed point: parameter values (canonical or convertible, see {@code SearchSpace.validate}) and what the
 * generator wants recorded with the trial (JSON-able values, e.g. "acquisition_value", "sobol_index").
 * Maps are unmodifiable copies.
 */
public record Candidate(Map<String, Object> parameters, Map<String, Object> generation) {
    public Candidate {
        if (parameters == null) {
            throw new IllegalArgumentException("candidate has no parameters");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        generation = Collections.unmodifiableMap(new LinkedHashMap<>(generation == null ? Map.of() : generation));
    }
}

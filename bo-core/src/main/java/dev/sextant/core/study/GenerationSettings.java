package dev.sextant.core.study;

import dev.sextant.core.trial.JsonValues;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a study generates trials. {@code initialTrials}: number of space-filling (Sobol) trials before model-based
 * generation, -1 for the default max(5, 2·dimension); {@code acquisition}: "qlognei", "qnei", "qei", "lookahead2",
 * "kg", "qlognehvi", "qnparego", "sobol", ..., or null for the study's default ({@link #defaultAcquisition(int)}:
 * qlognei for one objective, qlognehvi for several), which {@link StudySpec} resolves, so a spec's settings always
 * name the acquisition really used; {@code options}: further generator options (JSON-able values; deep unmodifiable
 * copy with integral numbers as Long and other numbers as Double, so that settings survive a JSON round trip equal).
 */
public record GenerationSettings(int initialTrials, String acquisition, Map<String, Object> options) {
    /** The default acquisition of a study with one objective. */
    public static final String DEFAULT_ACQUISITION = "qlognei";
    /** The default acquisition of a study with several objectives. */
    public static final String MULTI_OBJECTIVE_DEFAULT_ACQUISITION = "qlognehvi";

    public GenerationSettings {
        if (initialTrials < -1) {
            throw new IllegalArgumentException("initial trials is " + initialTrials + "; give a count >= 0 or -1 for the default");
        }
        if (acquisition != null && acquisition.isBlank()) {
            throw new IllegalArgumentException("acquisition is empty; use e.g. \"qlognei\" or \"sobol\", or leave it out"
                    + " for the default");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        if (options != null) {
            for (Map.Entry<String, Object> e : options.entrySet()) {
                copy.put(e.getKey(), JsonValues.canonical(e.getValue(), "generation option " + e.getKey()));
            }
        }
        options = Collections.unmodifiableMap(copy);
    }

    /** The default settings: default initial trials, the study's default acquisition (null until resolved), no options. */
    public static GenerationSettings defaults() {
        return new GenerationSettings(-1, null, Map.of());
    }

    /** The default acquisition for a study with that many objectives: qlognei for one, qlognehvi for several. */
    public static String defaultAcquisition(int objectives) {
        return objectives > 1 ? MULTI_OBJECTIVE_DEFAULT_ACQUISITION : DEFAULT_ACQUISITION;
    }

    /** Whether the acquisition was left to the default (null). */
    public boolean acquisitionDefault() {
        return acquisition == null;
    }

    /**
     * These settings with the default acquisition resolved for a study with that many objectives (this object when
     * the acquisition is set).
     */
    public GenerationSettings resolvedFor(int objectives) {
        return acquisition != null ? this : new GenerationSettings(initialTrials, defaultAcquisition(objectives), options);
    }

    /** The number of initial trials for a space of the given encoded dimension (resolving -1 to max(5, 2·dimension)). */
    public int initialTrials(int dimension) {
        return initialTrials >= 0 ? initialTrials : Math.max(5, 2 * dimension);
    }
}

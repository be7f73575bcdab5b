package dev.sextant.core.trial;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of one trial. {@code number} is the trial's number within its study: 1, 2, 3 ... in creation
 * order, assigned by the storage and never reused (the storage's own row id, if it has one, stays internal).
 * {@code parameters} are in canonical form (see
 * {@code SearchSpace.validate}); {@code values} maps metric name to its observation (empty until COMPLETED);
 * {@code generator} names what proposed the trial (e.g. "sobol", "bayes:qlognei", "manual"); {@code generation} is
 * what the generator recorded (JSON-able: Number, String, Boolean, List, Map; deep-copied unmodifiable, with integral
 * numbers as Long and other numbers as Double, so that values survive a JSON round trip equal);
 * {@code failureReason} is set for FAILED trials; {@code worker} is the worker holding or having held it (nullable).
 * All maps are unmodifiable copies preserving order.
 */
public record Trial(long number, String study, TrialState state, Map<String, Object> parameters,
                    Map<String, Observation> values, String generator, Map<String, Object> generation,
                    Instant created, Instant updated, String failureReason, String worker) {
    public Trial {
        if (study == null || study.isBlank()) {
            throw new IllegalArgumentException("trial " + number + " has no study name");
        }
        if (state == null) {
            throw new IllegalArgumentException("trial " + number + " has no state");
        }
        if (created == null) {
            throw new IllegalArgumentException("trial " + number + " has no creation time");
        }
        if (updated == null) {
            updated = created;
        }
        parameters = copy(parameters == null ? Map.of() : parameters, "parameters");
        Map<String, Observation> v = new LinkedHashMap<>();
        if (values != null) {
            for (Map.Entry<String, Observation> e : values.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("trial " + number + " has a null metric name or observation");
                }
                v.put(e.getKey(), e.getValue());
            }
        }
        values = Collections.unmodifiableMap(v);
        generation = copy(generation == null ? Map.of() : generation, "generation");
    }

    /**
     * The trial's number within its study, as {@link #number()}.
     *
     * @deprecated trials are numbered per study; use {@link #number()} (same value).
     */
    @Deprecated
    public long id() {
        return number;
    }

    /** The observation of a metric, if recorded. */
    public Optional<Observation> value(String metric) {
        return Optional.ofNullable(values.get(metric));
    }

    /** The value of a parameter (canonical form); throws IllegalArgumentException for an unknown name. */
    public Object param(String name) {
        Object v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("trial " + number + " has no parameter '" + name + "'; it has " + parameters.keySet());
        }
        return v;
    }

    /** The value of a numeric parameter as a double; throws IllegalArgumentException if unknown or not a number. */
    public double number(String name) {
        if (param(name) instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("parameter '" + name + "' of trial " + number + " is " + parameters.get(name)
                + ", not a number");
    }

    public boolean isFinished() {
        return state.isFinished();
    }

    /** A copy in another state (no transition check; storages check with {@link TrialState#canTransitionTo}). */
    public Trial with(TrialState newState, Map<String, Observation> newValues, Instant when, String reason, String newWorker) {
        return new Trial(number, study, newState, parameters, newValues, generator, generation, created, when, reason, newWorker);
    }

    private static Map<String, Object> copy(Map<String, ?> map, String what) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("trial " + what + " has a null key");
            }
            out.put(e.getKey(), JsonValues.canonical(e.getValue(), "trial " + what + "." + e.getKey()));
        }
        return Collections.unmodifiableMap(out);
    }
}

package dev.sextant.core.space;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, validated set of parameters and linear parameter constraints, with the unit-cube encoding used by
 * models and optimisers. Build with {@link #builder()}; all validation is eager and throws
 * {@link InvalidSearchSpaceException} naming the parameter and what to fix. Thread-safe.
 */
public final class SearchSpace {
    private final List<Parameter> parameters;
    private final Map<String, Parameter> byName;
    private final List<LinearConstraint> constraints;
    private final Encoding encoding;

    private SearchSpace(List<Parameter> parameters, List<LinearConstraint> constraints) {
        this.parameters = List.copyOf(parameters);
        Map<String, Parameter> m = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            m.put(p.name(), p);
        }
        this.byName = Collections.unmodifiableMap(m);
        this.constraints = List.copyOf(constraints);
        this.encoding = new Encoding(this.parameters, this.constraints);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Parameters in insertion order. Unmodifiable. */
    public List<Parameter> parameters() {
        return parameters;
    }

    public Optional<Parameter> parameter(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Parameter constraints in insertion order. Unmodifiable. */
    public List<LinearConstraint> constraints() {
        return constraints;
    }

    /** Width of the unit-cube encoding (one-hot counts each choice, fixed parameters count zero). */
    public int dimension() {
        return encoding.dimension();
    }

    public Encoding encoding() {
        return encoding;
    }

    /**
     * Validates values and returns their unit-cube encoding, a new array of length {@link #dimension()}.
     * Throws {@link InvalidParametersException} as {@link #validate} does.
     */
    public double[] encode(Map<String, Object> values) {
        return encoding.encodeCanonical(validate(values));
    }

    /**
     * Decodes any point of [0,1]^dimension (coordinates outside are clamped) into canonical values in parameter order:
     * floats affinely (log scale in log space), integers and ordinals by slice, categoricals by argmax, fixed
     * parameters to their value. The result may violate parameter constraints (check {@link #satisfiesConstraints}).
     * {@code unit} is not modified. Returns an unmodifiable map.
     */
    public Map<String, Object> decode(double[] unit) {
        return encoding.decodeToMap(unit);
    }

    /**
     * Checks values against the space and returns them in canonical form, in parameter order (unmodifiable):
     * Double for floats, Long for integers, the matching choice for categoricals and ordinals, the value for fixed
     * parameters (which may be omitted). Integers may be given as integral doubles (3.0). Throws
     * {@link InvalidParametersException} for an unknown or missing name, a value of the wrong type, out of bounds, not
     * among the choices, or a violated parameter constraint.
     */
    public Map<String, Object> validate(Map<String, Object> values) {
        if (values == null) {
            throw new InvalidParametersException("parameters are missing; give a value for every parameter");
        }
        for (String name : values.keySet()) {
            if (!byName.containsKey(name)) {
                throw new InvalidParametersException("unknown parameter '" + name + "'; the search space has " + byName.keySet());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            Object v = values.get(p.name());
            if (v == null && !(p instanceof FixedParameter)) {
                throw new InvalidParametersException("parameter '" + p.name() + "' is missing; give it a value");
            }
            out.put(p.name(), canonical(p, v));
        }
        for (LinearConstraint c : constraints) {
            if (!c.isSatisfiedBy(out)) {
                throw new InvalidParametersException("parameters violate constraint " + c + " (left side is "
                        + c.evaluate(out) + "); choose values that satisfy it");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Whether (valid) values satisfy every parameter constraint; false when a constrained value is missing. */
    public boolean satisfiesConstraints(Map<String, Object> values) {
        for (LinearConstraint c : constraints) {
            if (!c.isSatisfiedBy(values)) {
                return false;
            }
        }
        return true;
    }

    private static Object canonical(Parameter p, Object v) {
        String name = p.name();
        if (p instanceof FloatParameter f) {
            if (!(v instanceof Number n)) {
                throw new InvalidParametersException("parameter '" + name + "' needs a number, got " + describe(v));
            }
            double x = n.doubleValue();
            if (!Double.isFinite(x)) {
                throw new InvalidParametersException("parameter '" + name + "' is " + x + "; give a finite number");
            }
            if (x < f.low() || x > f.high()) {
                throw new InvalidParametersException("parameter '" + name + "' = " + x + " is outside [" + f.low() + ", "
                        + f.high() + "]");
            }
            return x + 0.0;
        } else if (p instanceof IntParameter i) {
            if (!(v instanceof Number n)) {
                throw new InvalidParametersException("parameter '" + name + "' needs an integer, got " + describe(v));
            }
            long k;
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                k = n.longValue();
            } else {
                double x = n.doubleValue();
                if (!Double.isFinite(x) || x != Math.rint(x) || Math.abs(x) >= 0x1p63) {
                    throw new InvalidParametersException("parameter '" + name + "' needs an integer, got " + v);
                }
                k = (long) x;
            }
            if (k < i.low() || k > i.high()) {
                throw new InvalidParametersException("parameter '" + name + "' = " + k + " is outside [" + i.low() + ", "
                        + i.high() + "]");
            }
            return k;
        } else if (p instanceof CategoricalParameter c) {
            int idx = c.indexOf(v);
            if (idx < 0) {
                throw new InvalidParametersException("parameter '" + name + "' = " + describe(v) + " is not one of " + c.choices());
            }
            return c.choices().get(idx);
        } else if (p instanceof OrdinalParameter o) {
            int idx = o.indexOf(v);
            if (idx < 0) {
                throw new InvalidParametersException("parameter '" + name + "' = " + describe(v) + " is not one of " + o.choices());
            }
            return o.choices().get(idx);
        } else {
            FixedParameter fixed = (FixedParameter) p;
            if (v != null && !Checks.sameChoice(fixed.value(), canonicalOrSelf(v))) {
                throw new InvalidParametersException("parameter '" + name + "' is fixed at " + Checks.quote(fixed.value())
                        + ", got " + describe(v));
            }
            return fixed.value();
        }
    }

    private static Object canonicalOrSelf(Object v) {
        try {
            return Checks.canonicalValue(v);
        } catch (ArithmeticException e) {
            return v;
        }
    }

    private static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        return Checks.quote(v) + " (" + v.getClass().getSimpleName() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchSpace s && parameters.equals(s.parameters) && constraints.equals(s.constraints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parameters, constraints);
    }

    @Override
    public String toString() {
        return "SearchSpace" + parameters + (constraints.isEmpty() ? "" : " subject to " + constraints);
    }

    /** Builds a {@link SearchSpace}; every method validates at once and throws {@link InvalidSearchSpaceException}. */
    public static final class Builder {
        private final List<Parameter> parameters = new ArrayList<>();
        private final List<LinearConstraint> constraints = new ArrayList<>();

        private Builder() {
        }

        public Builder addFloat(String name, double low, double high) {
            return add(new FloatParameter(name, low, high, false));
        }

        public Builder addFloat(String name, double low, double high, boolean log) {
            return add(new FloatParameter(name, low, high, log));
        }

        public Builder addInt(String name, long low, long high) {
            return add(new IntParameter(name, low, high, false));
        }

        public Builder addInt(String name, long low, long high, boolean log) {
            return add(new IntParameter(name, low, high, log));
        }

        public Builder addCategorical(String name, List<?> choices) {
            return add(new CategoricalParameter(name, choices == null ? null : new ArrayList<>(choices)));
        }

        public Builder addOrdinal(String name, List<?> choices) {
            return add(new OrdinalParameter(name, choices == null ? null : new ArrayList<>(choices)));
        }

        public Builder addFixed(String name, Object value) {
            return add(new FixedParameter(name, value));
        }

        public Builder add(Parameter parameter) {
            if (parameter == null) {
                throw new InvalidSearchSpaceException("parameter is null");
            }
            for (Parameter p : parameters) {
                if (p.name().equals(parameter.name())) {
                    throw new InvalidSearchSpaceException("duplicate parameter name '" + parameter.name()
                            + "'; give every parameter a distinct name");
                }
            }
            parameters.add(parameter);
            return this;
        }

        /** Parses and adds a constraint over parameters already added, e.g. {@code "2*lr + wd <= 0.1"}. */
        public Builder addConstraint(String text) {
            return addConstraint(LinearConstraint.parse(text));
        }

        /**
         * Adds a constraint over parameters already added. Only float and int parameters (linear or log scale) may
         * appear; a constraint that no point of the box satisfies is rejected. A constraint over a log-scale parameter
         * is linear in the parameter values but not in the unit cube (see {@link Encoding#constraintMatrix()}).
         */
        public Builder addConstraint(LinearConstraint constraint) {
            if (constraint == null) {
                throw new InvalidSearchSpaceException("parameter constraint is null");
            }
            double min = 0;
            for (Map.Entry<String, Double> e : constraint.coefficients().entrySet()) {
                Parameter p = parameters.stream().filter(q -> q.name().equals(e.getKey())).findFirst().orElseThrow(
                        () -> new InvalidSearchSpaceException("constraint " + constraint + " uses unknown parameter '"
                                + e.getKey() + "'; add the parameter before the constraint"));
                double low;
                double high;
                if (p instanceof FloatParameter f) {
                    low = f.low();
                    high = f.high();
                } else if (p instanceof IntParameter i) {
                    low = i.low();
                    high = i.high();
                } else {
                    throw new InvalidSearchSpaceException("constraint " + constraint + " uses parameter '" + e.getKey()
                            + "', which is " + describeKind(p) + "; constraints may only use float and int parameters");
                }
                min += e.getValue() * (e.getValue() > 0 ? low : high);
            }
            if (min > constraint.bound() + 1e-9 * Math.max(1.0, Math.abs(constraint.bound()))) {
                throw new InvalidSearchSpaceException("constraint " + constraint + " cannot be satisfied inside the bounds"
                        + " (its left side is at least " + min + "); loosen the bound or widen the ranges");
            }
            constraints.add(constraint);
            return this;
        }

        private static String describeKind(Parameter p) {
            if (p instanceof CategoricalParameter) {
                return "categorical";
            } else if (p instanceof OrdinalParameter) {
                return "ordinal";
            }
            return "fixed";
        }

        /** Throws {@link InvalidSearchSpaceException} when no parameter was added. */
        public SearchSpace build() {
            if (parameters.isEmpty()) {
                throw new InvalidSearchSpaceException("search space has no parameters; add at least one");
            }
            return new SearchSpace(parameters, constraints);
        }
    }
}

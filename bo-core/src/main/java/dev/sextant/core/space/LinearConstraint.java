package dev.sextant.core.space;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A linear inequality over numeric parameters: {@code sum_i coefficients[name_i] * value_i <= bound}.
 * Coefficients are finite and non-zero, kept in insertion order; the map is unmodifiable.
 * Text form ({@link #parse}, {@link #toString}): {@code "2*lr + wd <= 0.1"}, {@code "a <= b"},
 * {@code "x + y >= 1"} (a {@code >=} flips the signs). Names in text are identifiers
 * ({@code [A-Za-z_][A-Za-z0-9_.]*}); a coefficient precedes its name, optionally with {@code *}.
 */
public record LinearConstraint(Map<String, Double> coefficients, double bound) {
    public LinearConstraint {
        if (coefficients == null || coefficients.isEmpty()) {
            throw new InvalidSearchSpaceException("linear constraint has no parameters; give at least one term");
        }
        if (!Double.isFinite(bound)) {
            throw new InvalidSearchSpaceException("linear constraint bound " + bound + " is not finite; give a finite number");
        }
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : coefficients.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new InvalidSearchSpaceException("linear constraint has a term without a parameter name");
            }
            Double c = e.getValue();
            if (c == null || !Double.isFinite(c)) {
                throw new InvalidSearchSpaceException("linear constraint coefficient of '" + e.getKey() + "' is " + c
                        + "; give a finite number");
            }
            if (c == 0.0) {
                throw new InvalidSearchSpaceException("linear constraint coefficient of '" + e.getKey()
                        + "' is zero; drop the term");
            }
            copy.put(e.getKey(), c + 0.0);
        }
        coefficients = Collections.unmodifiableMap(copy);
        bound = bound + 0.0; // -0.0 -> 0.0 so that equal constraints compare equal
    }

    /** Left-hand side sum_i c_i * values[name_i]; values must hold every name (numbers). */
    public double evaluate(Map<String, ?> values) {
        double s = 0;
        for (Map.Entry<String, Double> e : coefficients.entrySet()) {
            Object v = values.get(e.getKey());
            if (!(v instanceof Number n)) {
                throw new InvalidParametersException("constraint " + this + " needs a number for '" + e.getKey() + "', got "
                        + Checks.quote(v));
            }
            s += e.getValue() * n.doubleValue();
        }
        return s;
    }

    /**
     * Whether values satisfy the constraint, allowing a relative slack of 1e-9 of the magnitude of the terms
     * (so points on the boundary pass despite rounding).
     */
    public boolean isSatisfiedBy(Map<String, ?> values) {
        double s = 0;
        double scale = Math.abs(bound);
        for (Map.Entry<String, Double> e : coefficients.entrySet()) {
            Object v = values.get(e.getKey());
            if (!(v instanceof Number n)) {
                return false;
            }
            double t = e.getValue() * n.doubleValue();
            s += t;
            scale = Math.max(scale, Math.abs(t));
        }
        return s <= bound + 1e-9 * Math.max(scale, 1e-300);
    }

    /** Parses {@code "2*lr + wd <= 0.1"}; throws {@link InvalidSearchSpaceException} pointing at the problem. */
    public static LinearConstraint parse(String text) {
        return ConstraintParser.parse(text);
    }

    /** Text that {@link #parse} reads back to an equal constraint; written with {@code >=} when every coefficient is negative. */
    @Override
    public String toString() {
        boolean flip = coefficients.values().stream().allMatch(c -> c < 0);
        double sign = flip ? -1.0 : 1.0;
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Map.Entry<String, Double> e : coefficients.entrySet()) {
            double c = sign * e.getValue();
            if (first) {
                if (c < 0) {
                    sb.append('-');
                }
            } else {
                sb.append(c < 0 ? " - " : " + ");
            }
            double a = Math.abs(c);
            if (a != 1.0) {
                sb.append(number(a)).append('*');
            }
            sb.append(e.getKey());
            first = false;
        }
        return sb.append(flip ? " >= " : " <= ").append(number(sign * bound + 0.0)).toString();
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}

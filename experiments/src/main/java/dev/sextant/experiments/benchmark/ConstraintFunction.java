package dev.sextant.experiments.benchmark;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * An outcome constraint of a test function: the metric {@code metric} computed by {@code function} must satisfy
 * {@code value <= bound} (lessEqual) or {@code value >= bound}.
 */
public record ConstraintFunction(String metric, boolean lessEqual, double bound, ToDoubleFunction<double[]> function) {
    public ConstraintFunction {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(function, "function");
        if (!Double.isFinite(bound)) {
            throw new IllegalArgumentException("constraint bound must be finite, got " + bound);
        }
    }

    /** True value of the constraint metric at x (original units; x not modified). */
    public double value(double[] x) {
        return function.applyAsDouble(x);
    }

    public boolean satisfiedBy(double value) {
        return lessEqual ? value <= bound : value >= bound;
    }

    /** The constraint in the study's text form, e.g. {@code "sum_x <= 3.0"}. */
    public String text() {
        return metric + (lessEqual ? " <= " : " >= ") + bound;
    }
}

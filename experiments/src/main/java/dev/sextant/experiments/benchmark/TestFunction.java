package dev.sextant.experiments.benchmark;

import java.util.List;

/**
 * A synthetic test function with its box, its known optimum and (optionally) outcome constraints, defined as in
 * BoTorch's synthetic test functions. {@link #value} is the function in its native sense (most are minimised;
 * {@code cosine8} is maximised); {@link #score} is the quantity a benchmark maximises (the negated value for
 * minimisation problems), as in the closed-loop protocol of the reference measurements.
 */
public interface TestFunction {
    /** Canonical name with dimension where it varies, e.g. {@code "ackley10"}, {@code "branin"}. */
    String name();

    int dimension();

    /** Lower bounds of the box, length {@link #dimension()}; a fresh copy. */
    double[] lower();

    /** Upper bounds of the box, length {@link #dimension()}; a fresh copy. */
    double[] upper();

    /** Native value at x (length d, original units). x not modified. */
    double value(double[] x);

    /** True when the native problem is a maximisation (cosine8), false when it is a minimisation. */
    boolean maximize();

    /** The native optimal value (minimum, or maximum when {@link #maximize()}), among feasible points. */
    double optimalValue();

    /** Known optimisers in original units (at least one). */
    List<double[]> optimizers();

    /** Outcome constraints (empty for unconstrained problems). */
    default List<ConstraintFunction> constraints() {
        return List.of();
    }

    /** Value to maximise: {@code value(x)} or {@code -value(x)}. */
    default double score(double[] x) {
        return maximize() ? value(x) : -value(x);
    }

    /** The optimal score ({@code ±optimalValue()}). */
    default double optimalScore() {
        return maximize() ? optimalValue() : 0.0 - optimalValue();   // 0.0 - v: no negative zero
    }

    /** True when every constraint holds at x (by the true, noise-free constraint values). */
    default boolean feasible(double[] x) {
        for (ConstraintFunction c : constraints()) {
            if (!c.satisfiedBy(c.value(x))) {
                return false;
            }
        }
        return true;
    }
}

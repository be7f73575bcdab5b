package dev.sextant.experiments.benchmark;

import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * A multi-objective test problem as BoTorch defines it ({@code botorch/test_functions/multi_objective.py}): every
 * objective is minimised, the hypervolume is measured above (in the minimise convention: below) the reference point,
 * and the maximal hypervolume is known. A constrained problem has one constraint, feasible where its slack is ≥ 0.
 *
 * @param name           canonical name with the dimension and objective count where they vary, e.g. "dtlz2-d6-m3"
 * @param lower          lower bounds of the box (not modified by this record's users)
 * @param upper          upper bounds of the box
 * @param objectives     number of objectives m
 * @param values         x (length d, original units, not modified) → the m objective values
 * @param referencePoint the worst values still of interest, one per objective (minimise convention)
 * @param maxHypervolume the hypervolume of the true Pareto front above the reference point
 * @param slack          x → constraint slack (feasible when ≥ 0), or null for an unconstrained problem
 */
public record MultiObjectiveProblem(String name, double[] lower, double[] upper, int objectives,
                                    UnaryOperator<double[]> values, double[] referencePoint, double maxHypervolume,
                                    ToDoubleFunction<double[]> slack) {
    public MultiObjectiveProblem {
        if (lower.length != upper.length) throw new IllegalArgumentException("bounds of different lengths");
        if (referencePoint.length != objectives) throw new IllegalArgumentException("one reference value per objective");
        lower = lower.clone();
        upper = upper.clone();
        referencePoint = referencePoint.clone();
    }

    /** Input dimension d. */
    public int dimension() {
        return lower.length;
    }

    /** Whether the problem has its constraint. */
    public boolean constrained() {
        return slack != null;
    }

    /** Whether x (not modified) satisfies the constraint (always for an unconstrained problem). */
    public boolean feasible(double[] x) {
        return slack == null || slack.applyAsDouble(x) >= 0;
    }
}

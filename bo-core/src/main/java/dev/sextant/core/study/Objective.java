package dev.sextant.core.study;

/**
 * One metric to optimise, its direction and, optionally, its threshold: the worst value still of interest (as Ax's
 * objective thresholds). In a multi-objective study the thresholds together form the hypervolume reference point;
 * a missing threshold is inferred from the data. A single-objective study ignores the threshold.
 *
 * @param threshold the worst value of interest in the metric's own units, or {@code null} for none
 */
public record Objective(String metric, Goal goal, Double threshold) {
    public Objective {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("objective metric name is empty; name the metric to optimise");
        }
        if (goal == null) {
            throw new IllegalArgumentException("objective '" + metric + "' has no goal; use MINIMIZE or MAXIMIZE");
        }
        if (threshold != null && !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("objective '" + metric + "' has threshold " + threshold
                    + "; give a finite number or leave the threshold out");
        }
    }

    /** An objective with no threshold. */
    public Objective(String metric, Goal goal) {
        this(metric, goal, null);
    }

    public static Objective minimize(String metric) {
        return new Objective(metric, Goal.MINIMIZE);
    }

    public static Objective maximize(String metric) {
        return new Objective(metric, Goal.MAXIMIZE);
    }

    /** A copy with the given threshold ({@code null} removes it). */
    public Objective withThreshold(Double newThreshold) {
        return new Objective(metric, goal, newThreshold);
    }

    /** Whether {@code a} is strictly better than {@code b} for this objective. */
    public boolean isBetter(double a, double b) {
        return goal.isBetter(a, b);
    }

    /** The value in "larger is better" form: {@code value} when maximised, {@code -value} when minimised. */
    public double toMaximised(double value) {
        return goal == Goal.MAXIMIZE ? value : -value;
    }
}

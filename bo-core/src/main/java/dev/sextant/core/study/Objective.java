package dev.sextant.core.study;

/** The metric to optimise and its direction. */
public record Objective(String metric, Goal goal) {
    public Objective {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("objective metric name is empty; name the metric to optimise");
        }
        if (goal == null) {
            throw new IllegalArgumentException("objective '" + metric + "' has no goal; use MINIMIZE or MAXIMIZE");
        }
    }

    public static Objective minimize(String metric) {
        return new Objective(metric, Goal.MINIMIZE);
    }

    public static Objective maximize(String metric) {
        return new Objective(metric, Goal.MAXIMIZE);
    }
}

package dev.sextant.experiments.campaign;

import java.util.Map;

/**
 * The outcome of evaluating one trial: metric → {mean, sem} (sem NaN when unknown), or a failure reason (then
 * values is empty). Exactly one of the two.
 */
public record Evaluation(Map<String, double[]> values, String failure) {
    public Evaluation {
        values = values == null ? Map.of() : Map.copyOf(values);
        if ((failure == null) == values.isEmpty()) {
            throw new IllegalArgumentException("an evaluation has either values or a failure reason");
        }
    }

    public static Evaluation ok(Map<String, double[]> values) {
        return new Evaluation(values, null);
    }

    public static Evaluation failed(String reason) {
        return new Evaluation(null, reason == null || reason.isBlank() ? "failed" : reason);
    }

    public boolean succeeded() {
        return failure == null;
    }
}

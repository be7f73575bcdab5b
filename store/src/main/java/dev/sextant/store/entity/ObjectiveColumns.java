package dev.sextant.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** One row of {@code study_objectives} (schema 6): a study objective's metric, goal and optional threshold. */
@Embeddable
public class ObjectiveColumns {
    @Column(name = "metric", nullable = false)
    private String metric;

    /** MINIMIZE or MAXIMIZE. */
    @Column(name = "goal", nullable = false)
    private String goal;

    /** {@code null} when the objective has no threshold. */
    @Column(name = "threshold")
    private Double threshold;

    protected ObjectiveColumns() {
    }

    public ObjectiveColumns(String metric, String goal, Double threshold) {
        this.metric = metric;
        this.goal = goal;
        this.threshold = threshold;
    }

    public String getMetric() { return metric; }
    public String getGoal() { return goal; }
    public Double getThreshold() { return threshold; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectiveColumns c && c.metric.equals(metric) && c.goal.equals(goal)
                && Objects.equals(c.threshold, threshold);
    }

    @Override
    public int hashCode() { return Objects.hash(metric, goal, threshold); }
}

package dev.sextant.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** One row of {@code observations}: mean (finite) and standard error ({@code null} column = unknown, i.e. NaN). */
@Embeddable
public class ObservationValue {
    @Column(name = "mean", nullable = false)
    private double mean;

    @Column(name = "sem")
    private Double sem;

    protected ObservationValue() {
    }

    /** sem NaN is stored as SQL NULL. */
    public ObservationValue(double mean, double sem) {
        this.mean = mean;
        this.sem = Double.isNaN(sem) ? null : sem;
    }

    public double getMean() { return mean; }
    /** NaN when unknown. */
    public double getSem() { return sem == null ? Double.NaN : sem; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObservationValue v && Double.compare(v.mean, mean) == 0 && Objects.equals(v.sem, sem);
    }

    @Override
    public int hashCode() { return Objects.hash(mean, sem); }
}

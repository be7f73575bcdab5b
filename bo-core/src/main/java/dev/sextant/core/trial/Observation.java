package dev.sextant.core.trial;

/**
 * One measured metric: its mean and standard error of the mean ({@code sem}, NaN when unknown, otherwise &gt;= 0
 * and finite). The mean must be finite.
 */
public record Observation(double mean, double sem) {
    public Observation {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("observation mean " + mean + " is not finite; report a finite number");
        }
        if (!Double.isNaN(sem) && (!(sem >= 0) || Double.isInfinite(sem))) {
            throw new IllegalArgumentException("observation sem " + sem + " must be finite and >= 0 (or NaN when unknown)");
        }
    }

    /** An observation with unknown standard error. */
    public static Observation of(double mean) {
        return new Observation(mean, Double.NaN);
    }

    public boolean hasSem() {
        return !Double.isNaN(sem);
    }
}

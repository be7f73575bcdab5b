package dev.sextant.surrogate.select;

import dev.sextant.surrogate.gp.OutcomeTransform;

import java.util.Locale;

/** The outcome transforms automatic model choice considers; each is fitted to the observed values of a metric. */
public enum TransformFamily {
    /** No transform. */
    NONE,
    /** log y when every value is &gt; 0, else log(y + offset) ({@link OutcomeTransform#fitLogType}). */
    LOG,
    /** Yeo–Johnson with λ fitted by maximum likelihood ({@link OutcomeTransform#fitYeoJohnson}). */
    POWER,
    /** sign(y)·log(1 + |y|) ({@link OutcomeTransform#BILOG}); only when pinned, not among the automatic candidates. */
    BILOG;

    /**
     * This family's transform fitted to a metric's observed values (original units, not modified).
     *
     * @throws IllegalArgumentException when a value is NaN or infinite
     */
    public OutcomeTransform fit(double[] values) {
        return fit(values, GoodEnd.EITHER);
    }

    /**
     * This family's transform fitted to a metric's observed values (original units, not modified), shaped so that it
     * never compresses the given good end: only the poor end of the values may be squeezed. LOG becomes the log of
     * the distance from the poor side (log(v + c) when low is good, −log(c − v) when high is good), POWER keeps λ ≤ 1
     * (low good) or λ ≥ 1 (high good). {@link GoodEnd#EITHER} (constraint metrics): the unrestricted fit.
     *
     * @throws IllegalArgumentException when a value is NaN or infinite
     */
    public OutcomeTransform fit(double[] values, GoodEnd goodEnd) {
        return switch (this) {
            case NONE -> OutcomeTransform.NONE;
            case LOG -> goodEnd == GoodEnd.HIGH
                    ? new OutcomeTransform.Reflected(OutcomeTransform.fitLogType(negated(values)))
                    : OutcomeTransform.fitLogType(values);
            case POWER -> switch (goodEnd) {
                case HIGH -> OutcomeTransform.fitYeoJohnson(values, 1, 5);
                case LOW -> OutcomeTransform.fitYeoJohnson(values, -3, 1);
                case EITHER -> OutcomeTransform.fitYeoJohnson(values);
            };
            case BILOG -> OutcomeTransform.BILOG;
        };
    }

    /**
     * Which end of a metric's values the search needs resolved: an objective's optimum side (HIGH when maximised, LOW
     * when minimised), or EITHER for a constraint metric, whose whole range matters equally.
     */
    public enum GoodEnd {
        HIGH, LOW, EITHER
    }

    private static double[] negated(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = -values[i];
        }
        return out;
    }

    /** Lower-case name as the generation metadata writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

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
        return switch (this) {
            case NONE -> OutcomeTransform.NONE;
            case LOG -> OutcomeTransform.fitLogType(values);
            case POWER -> OutcomeTransform.fitYeoJohnson(values);
            case BILOG -> OutcomeTransform.BILOG;
        };
    }

    /** Lower-case name as the generation metadata writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

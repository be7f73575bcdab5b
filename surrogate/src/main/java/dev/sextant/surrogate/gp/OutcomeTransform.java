package dev.sextant.surrogate.gp;

/**
 * Monotone transform T applied to outcomes before standardisation. With a nonlinear transform the model and its
 * posteriors live in transformed units (use {@link #apply} on thresholds such as best_f and {@link #inverse} to
 * report values); with {@link #NONE} posteriors are in the original units.
 */
public enum OutcomeTransform {
    /** T(y) = y. */
    NONE,
    /** T(y) = log y; requires every outcome &gt; 0. */
    LOG,
    /** T(y) = sign(y)·log(1 + |y|): compresses both tails, defined everywhere. */
    BILOG;

    public double apply(double y) {
        switch (this) {
            case LOG:
                if (!(y > 0)) {
                    throw new IllegalArgumentException("LOG outcome transform needs positive outcomes, got " + y
                            + "; use BILOG for outcomes that can be ≤ 0");
                }
                return Math.log(y);
            case BILOG:
                return Math.signum(y) * Math.log1p(Math.abs(y));
            default:
                return y;
        }
    }

    /** dT/dy, for propagating standard errors (delta method). */
    public double derivative(double y) {
        switch (this) {
            case LOG:
                return 1 / y;
            case BILOG:
                return 1 / (1 + Math.abs(y));
            default:
                return 1;
        }
    }

    public double inverse(double t) {
        switch (this) {
            case LOG:
                return Math.exp(t);
            case BILOG:
                return Math.signum(t) * Math.expm1(Math.abs(t));
            default:
                return t;
        }
    }
}

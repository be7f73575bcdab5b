package dev.sextant.surrogate.gp;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Increasing transform T applied to outcomes before standardisation. With a nonlinear transform the model and its
 * posteriors live in transformed units (use {@link #apply} on thresholds such as best_f and {@link #inverse} to
 * report values); with {@link #NONE} posteriors are in the original units.
 *
 * <p>The fixed transforms are {@link #NONE}, {@link #LOG} and {@link #BILOG}; {@link #fitYeoJohnson(double[])} fits
 * the Box-Cox-style Yeo–Johnson power transform to a sample (defined for outcomes of any sign).
 */
public interface OutcomeTransform {
    /** T(y) = y. */
    OutcomeTransform NONE = Fixed.NONE;
    /** T(y) = log y; requires every outcome &gt; 0. */
    OutcomeTransform LOG = Fixed.LOG;
    /** T(y) = sign(y)·log(1 + |y|): compresses both tails, defined everywhere. */
    OutcomeTransform BILOG = Fixed.BILOG;

    /** T(y); throws {@link IllegalArgumentException} where T is undefined (e.g. LOG of y ≤ 0). */
    double apply(double y);

    /** dT/dy, for propagating standard errors (delta method). */
    double derivative(double y);

    /** T⁻¹(t). */
    double inverse(double t);

    /** Whether T is the identity. */
    default boolean isIdentity() {
        return this == NONE;
    }

    /** The parameter-free transforms. */
    enum Fixed implements OutcomeTransform {
        NONE, LOG, BILOG;

        @Override
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

        @Override
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

        @Override
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

    /**
     * The Yeo–Johnson power transform with parameter λ (Yeo &amp; Johnson 2000): for y ≥ 0 ((y+1)^λ − 1)/λ
     * (log(y+1) at λ = 0), for y &lt; 0 −((1−y)^(2−λ) − 1)/(2−λ) (−log(1−y) at λ = 2). Increasing for every λ;
     * λ = 1 is the identity, λ &lt; 1 compresses large values (right skew), λ &gt; 1 compresses small ones.
     */
    record YeoJohnson(double lambda) implements OutcomeTransform {
        private static final double EPS = 1e-10;

        public YeoJohnson {
            if (!Double.isFinite(lambda)) {
                throw new IllegalArgumentException("Yeo-Johnson lambda must be finite, got " + lambda);
            }
        }

        /** λ within 10⁻⁶ of 1: the identity, to within the tolerance of a fitted λ at the bound 1. */
        @Override
        public boolean isIdentity() {
            return Math.abs(lambda - 1) < 1e-6;
        }

        @Override
        public double apply(double y) {
            if (!Double.isFinite(y)) {
                throw new IllegalArgumentException("Yeo-Johnson outcome transform needs finite outcomes, got " + y);
            }
            if (y >= 0) {
                return Math.abs(lambda) < EPS ? Math.log1p(y) : Math.expm1(lambda * Math.log1p(y)) / lambda;
            }
            double m = 2 - lambda;
            return Math.abs(m) < EPS ? -Math.log1p(-y) : -Math.expm1(m * Math.log1p(-y)) / m;
        }

        @Override
        public double derivative(double y) {
            return y >= 0 ? Math.exp((lambda - 1) * Math.log1p(y)) : Math.exp((1 - lambda) * Math.log1p(-y));
        }

        @Override
        public double inverse(double t) {
            if (t >= 0) {
                return Math.abs(lambda) < EPS ? Math.expm1(t) : Math.expm1(Math.log1p(lambda * t) / lambda);
            }
            double m = 2 - lambda;
            return Math.abs(m) < EPS ? -Math.expm1(-t) : -Math.expm1(Math.log1p(-m * t) / m);
        }
    }

    /**
     * T(y) = log(y + offset) for outcomes with a floor (e.g. a divergence estimate clipped at 0): the log-type
     * transform of outcomes that can be 0 or negative. Defined for y &gt; −offset; the inverse is exp(t) − offset.
     */
    record ShiftedLog(double offset) implements OutcomeTransform {
        public ShiftedLog {
            if (!Double.isFinite(offset)) {
                throw new IllegalArgumentException("shifted-log offset must be finite, got " + offset);
            }
        }

        @Override
        public double apply(double y) {
            if (!(y + offset > 0)) {
                throw new IllegalArgumentException("shifted-log outcome transform log(y + " + offset
                        + ") needs outcomes above " + (-offset) + ", got " + y);
            }
            return Math.log(y + offset);
        }

        @Override
        public double derivative(double y) {
            return 1 / (y + offset);
        }

        @Override
        public double inverse(double t) {
            return Math.exp(t) - offset;
        }
    }

    /**
     * T(y) = −inner(−y): the mirror image of an increasing transform, so that what inner does to the low end of its
     * argument happens at the high end of y (e.g. the log of the distance below a ceiling, −log(c − y), which
     * compresses the low values of y and stretches the high ones).
     */
    record Reflected(OutcomeTransform inner) implements OutcomeTransform {
        public Reflected {
            if (inner == null) {
                throw new IllegalArgumentException("a reflected transform needs the transform it mirrors");
            }
        }

        @Override
        public double apply(double y) {
            return -inner.apply(-y);
        }

        @Override
        public double derivative(double y) {
            return inner.derivative(-y);
        }

        @Override
        public double inverse(double t) {
            return -inner.inverse(-t);
        }
    }

    /**
     * The log-type transform for a sample: {@link #LOG} when every value is &gt; 0, otherwise {@link ShiftedLog}
     * with offset −min + (max − min)/10, so that the smallest value maps to log of a tenth of the range (a floor of
     * the metric, where values pile up, then sits a little below the rest rather than at −∞). y is not modified.
     */
    public static OutcomeTransform fitLogType(double[] y) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("log-type transform needs finite outcomes, got " + v);
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min > 0) {
            return LOG;
        }
        double range = max - min;
        return new ShiftedLog(-min + (range > 0 ? range / 10 : 1));
    }

    /**
     * Fits the Yeo–Johnson λ to a sample by maximum likelihood under normality of the transformed values (the profile
     * log-likelihood −n/2·log σ̂²(λ) + (λ−1)·Σ sign(yᵢ)·log(1+|yᵢ|), as scikit-learn's PowerTransformer and Ax's
     * PowerTransformY do), by Brent's method over λ ∈ [−3, 5]. Fewer than 3 distinct values give the identity
     * (λ = 1). y is not modified.
     *
     * @throws IllegalArgumentException when a value is NaN or infinite
     */
    public static OutcomeTransform fitYeoJohnson(double[] y) {
        return fitYeoJohnson(y, -3, 5);
    }

    /**
     * As {@link #fitYeoJohnson(double[])}, with λ restricted to [lo, hi] (e.g. [1, 5]: never compress the high
     * values); λ = 1 (the identity) when fewer than 3 distinct values, λ at the bound when the best λ lies outside.
     *
     * @throws IllegalArgumentException when a value is NaN or infinite or the range is empty
     */
    public static OutcomeTransform fitYeoJohnson(double[] y, double lo, double hi) {
        if (!(lo < hi)) {
            throw new IllegalArgumentException("Yeo-Johnson lambda range must have lo < hi, got [" + lo + ", " + hi
                    + "]");
        }
        int n = y.length;
        double logJacobian = 0;
        for (double v : y) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Yeo-Johnson fit needs finite outcomes, got " + v);
            }
            logJacobian += Math.signum(v) * Math.log1p(Math.abs(v));
        }
        if (java.util.Arrays.stream(y).distinct().count() < 3) {
            return new YeoJohnson(1);
        }
        final double lj = logJacobian;
        UnivariateObjectiveFunction f = new UnivariateObjectiveFunction(lambda -> {
            YeoJohnson t = new YeoJohnson(lambda);
            double mean = 0;
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = t.apply(y[i]);
                mean += z[i] / n;
            }
            double var = 0;
            for (double v : z) {
                var += (v - mean) * (v - mean) / n;
            }
            if (!(var > 0) || !Double.isFinite(var)) {
                return Double.NEGATIVE_INFINITY;
            }
            return -0.5 * n * Math.log(var) + (lambda - 1) * lj;
        });
        double lambda = new BrentOptimizer(1e-8, 1e-10)
                .optimize(new MaxEval(500), f, GoalType.MAXIMIZE, new SearchInterval(lo, hi,
                        lo < 1 && 1 < hi ? 1 : (lo + hi) / 2))
                .getPoint();
        return new YeoJohnson(lambda);
    }
}

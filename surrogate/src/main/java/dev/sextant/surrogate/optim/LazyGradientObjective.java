package dev.sextant.surrogate.optim;

/**
 * An objective whose value is much cheaper than its gradient (e.g. the GP marginal likelihood: a Cholesky
 * factorisation for the value, an inverse for the gradient). {@link Lbfgsb} then asks for the value at each
 * line-search trial point and for the gradient only at the point it accepts, so rejected trials cost the value only.
 * The results are the same as through {@link #valueAndGradient}.
 */
public interface LazyGradientObjective extends BoundedObjective {

    /** f(x) (NaN or +∞ where undefined); x not modified. Remembers x for {@link #gradientAtLastValue}. */
    double value(double[] x);

    /** Writes ∇f at the point of the last {@link #value} call into gradient (overwritten). */
    void gradientAtLastValue(double[] gradient);
}

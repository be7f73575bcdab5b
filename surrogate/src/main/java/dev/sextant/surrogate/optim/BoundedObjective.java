package dev.sextant.surrogate.optim;

/** A differentiable function to minimise. */
@FunctionalInterface
public interface BoundedObjective {
    /**
     * Returns f(x) and writes ∇f(x) into {@code gradient} (same length as x, overwritten). x is not modified.
     * May return NaN or +∞ for points where f is undefined; the line search then backs off.
     */
    double valueAndGradient(double[] x, double[] gradient);
}

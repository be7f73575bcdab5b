package dev.sextant.surrogate.gp;

/**
 * Evaluates the exact log marginal likelihood and its gradient for one fixed data set, e.g. on a GPU that keeps
 * X, y, K and its factor on the device between calls. Provided by an {@link MllEvaluatorFactory}. Not thread-safe.
 */
public interface MllEvaluator extends AutoCloseable {

    /**
     * Returns log N(y; c, K_θ + Σ) at the packed parameters p (as {@link GaussianProcess#hyperparameterVector()}:
     * kernel log-hyperparameters, log noise when inferred, mean constant) and, when grad is not null, writes the
     * gradient with respect to p there. p not modified.
     *
     * @throws dev.sextant.surrogate.linalg.NotPositiveDefiniteException when K is not PD (the fit then backs off)
     */
    double evaluate(double[] p, double[] grad);

    @Override
    default void close() {
    }
}

package dev.sextant.surrogate.model;

import dev.sextant.surrogate.posterior.Posterior;

/**
 * What an acquisition function sees of a probabilistic model of one metric: posteriors of the latent function at
 * q points, in the model's own units (for a fitted GP: its standardised units), with pathwise gradients wrt the
 * points; a cached posterior over a fixed baseline extended by moving candidates; and fantasy models. Points are
 * row-major q×d arrays in the unit cube and are never modified. Implementations are immutable and thread-safe.
 */
public interface Model {

    /** Input dimension d. */
    int dimension();

    /** Number of training points the model is conditioned on. */
    int n();

    /** Joint posterior of the latent function at the q points x (q×d). */
    Posterior posterior(double[] x, int q);

    /**
     * Marginal posterior mean and variance of the latent function at the q points x (q×d), written into mean and
     * variance (length ≥ q); cheaper than {@link #posterior} for many points. Variances are floored at a tiny
     * positive value.
     */
    void predict(double[] x, int q, double[] mean, double[] variance);

    /**
     * The joint posterior over the nb baseline points (nb×d, factored once here) and moving blocks of candidates
     * (extended by a block Cholesky update per candidate set).
     */
    BatchPosterior batchPosterior(double[] baseline, int nb);

    /**
     * This model conditioned on m more observations y (model units) at x (m×d), with the same hyperparameters, by a
     * block update of its factorisation (a fantasy model). New observations get {@link #fantasyNoise()}.
     */
    Model condition(double[] x, int m, double[] y);

    /** Noise variance given to fantasy observations (model units). */
    double fantasyNoise();
}

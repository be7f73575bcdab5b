/**
 * Posterior distributions at q points ({@link dev.sextant.surrogate.posterior.Posterior}): mean, covariance,
 * Cholesky factor, samples Y = mean + z·Lᵀ from given base samples, and pathwise / mean-std gradients with respect to
 * the q input points. {@link dev.sextant.surrogate.posterior.CholeskyAdjoint} is the one reverse-mode Cholesky
 * derivative (used by these posteriors and by the cached-baseline
 * {@link dev.sextant.surrogate.model.BatchPosterior}).
 */
package dev.sextant.surrogate.posterior;

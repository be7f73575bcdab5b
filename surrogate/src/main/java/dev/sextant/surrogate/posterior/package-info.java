/**
 * Posterior distributions at q points ({@link dev.sextant.surrogate.posterior.Posterior}): mean, covariance,
 * Cholesky factor, samples Y = mean + z·Lᵀ from given base samples, and pathwise / mean-std gradients with respect to
 * the q input points.
 */
package dev.sextant.surrogate.posterior;

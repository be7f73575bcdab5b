/**
 * Posterior distributions at q points: mean, covariance, derivatives with respect to the inputs, samples from given base samples.
 */
package dev.sextant.surrogate.posterior;

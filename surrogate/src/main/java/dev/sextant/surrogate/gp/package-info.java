/**
 * Exact Gaussian-process regression: constant mean, Gaussian noise (inferred or fixed from SEMs), outcome
 * standardisation and transforms, MAP fitting with BoTorch-2024-style priors, conditioning on fantasies.
 * Start from {@link dev.sextant.surrogate.gp.GaussianProcess#fit} or
 * {@link dev.sextant.surrogate.gp.GaussianProcess#withHyperparameters}; options in {@link dev.sextant.surrogate.gp.GpOptions}.
 * A backend that implements {@link dev.sextant.surrogate.gp.MllEvaluatorFactory} takes over the likelihood evaluations
 * during fitting (device-resident data).
 */
package dev.sextant.surrogate.gp;

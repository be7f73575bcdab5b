/**
 * Exact Gaussian-process regression: constant mean, Gaussian noise (inferred or fixed from SEMs), outcome
 * standardisation and transforms, MAP fitting with BoTorch-2024-style priors, conditioning on fantasies, and the
 * exact leave-one-out predictive densities that automatic model choice (package {@code select}) scores.
 * Start from {@link dev.sextant.surrogate.gp.GaussianProcess#fit} or
 * {@link dev.sextant.surrogate.gp.GaussianProcess#withHyperparameters}; options in {@link dev.sextant.surrogate.gp.GpOptions}.
 * A backend that implements {@link dev.sextant.surrogate.gp.MllEvaluatorFactory} takes over the likelihood evaluations
 * during fitting (device-resident data). What acquisition code sees of a fitted GP is its
 * {@link dev.sextant.surrogate.model.GpModel} (package {@code model}), built from the GP's own factorisation
 * ({@link dev.sextant.surrogate.gp.GaussianProcess#standardised()}). Samplers of the hyperparameter posterior
 * (package {@code bayes}) see a fitted GP's data through {@link dev.sextant.surrogate.gp.IntegratedLikelihood}.
 */
package dev.sextant.surrogate.gp;

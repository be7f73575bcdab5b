/**
 * Exact Gaussian-process regression: likelihood, priors, MAP fitting. Start from {@code GaussianProcess}.
 */
package dev.sextant.surrogate.gp;

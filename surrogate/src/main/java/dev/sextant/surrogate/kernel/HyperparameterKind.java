package dev.sextant.surrogate.kernel;

/**
 * Role of a kernel hyperparameter, used to attach priors, bounds and random starts: a lengthscale, an outputscale,
 * or one of the two log concentrations (a, b) of a Kumaraswamy input warping ({@link Kernel#warped}).
 */
public enum HyperparameterKind { LENGTHSCALE, OUTPUTSCALE, WARP }

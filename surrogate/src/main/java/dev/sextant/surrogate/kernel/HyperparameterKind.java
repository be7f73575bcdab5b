package dev.sextant.surrogate.kernel;

/** Role of a kernel hyperparameter, used to attach priors and bounds. */
public enum HyperparameterKind { LENGTHSCALE, OUTPUTSCALE }

package dev.sextant.surrogate.kernel;

/** The stationary base functions g(r²) available for ARD kernels k = outputscale · g(r²). */
public enum KernelType {
    /** (1 + √5 r + 5r²/3) exp(−√5 r) */
    MATERN52,
    /** (1 + √3 r) exp(−√3 r) */
    MATERN32,
    /** exp(−r²/2) */
    RBF
}

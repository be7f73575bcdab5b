/**
 * Covariance kernels (Matérn-5/2, Matérn-3/2, RBF with ARD lengthscales; sums and products) with analytic derivatives.
 */
package dev.sextant.surrogate.kernel;

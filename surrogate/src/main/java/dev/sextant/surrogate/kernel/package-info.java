/**
 * Covariance kernels (Matérn-5/2, Matérn-3/2, RBF with ARD lengthscales; sums and products) with analytic derivatives
 * wrt their log hyperparameters and their inputs, in matrix form (fitting) and per pair of points
 * ({@link dev.sextant.surrogate.kernel.Kernel#value}, {@link dev.sextant.surrogate.kernel.Kernel#addGradientWrtFirst}:
 * the posteriors' and acquisitions' inner loops). {@link dev.sextant.surrogate.kernel.Kernel#parse} reads a kernel
 * name ("matern32", "matern52+rbf"); {@link dev.sextant.surrogate.kernel.Kernel#warped} wraps any kernel in a learned
 * Kumaraswamy CDF warping of each input (two hyperparameters per dimension). Every kernel here works everywhere: fitting, every acquisition, lookahead trees,
 * knowledge gradient, the dashboard.
 */
package dev.sextant.surrogate.kernel;

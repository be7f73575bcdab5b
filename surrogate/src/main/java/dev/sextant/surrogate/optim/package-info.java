/**
 * Bounded quasi-Newton minimisation (projected L-BFGS, {@link dev.sextant.surrogate.optim.Lbfgsb}), used for GP
 * hyperparameter fitting and reusable by acquisition optimisation.
 */
package dev.sextant.surrogate.optim;

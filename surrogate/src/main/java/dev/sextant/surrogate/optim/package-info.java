/**
 * The platform's one bounded quasi-Newton minimiser (projected L-BFGS, {@link dev.sextant.surrogate.optim.Lbfgsb}):
 * GP hyperparameter fitting, the acquisition optimiser's local runs and the lookahead trees all use it.
 */
package dev.sextant.surrogate.optim;

/**
 * The exact-GP posterior as the acquisition functions need it: a {@link dev.sextant.acquisition.model.GpModel}
 * built from fitted hyperparameters, and its {@link dev.sextant.acquisition.model.JointPosterior} over a fixed
 * baseline plus moving candidates, whose baseline block (Cholesky factor, samples) is computed once per
 * optimisation and whose candidate block is a block-Cholesky update with pathwise gradients wrt the candidates.
 */
package dev.sextant.acquisition.model;

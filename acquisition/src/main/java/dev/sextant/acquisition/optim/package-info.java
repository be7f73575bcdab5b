/**
 * Acquisition optimisation: raw Sobol samples, Boltzmann start selection, multi-start L-BFGS-B.
 */
package dev.sextant.acquisition.optim;

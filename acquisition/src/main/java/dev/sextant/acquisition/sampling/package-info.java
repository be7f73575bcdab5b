/**
 * Quasi-Monte Carlo (scrambled Sobol) and i.i.d. standard-normal base samples, fixed for one optimisation.
 */
package dev.sextant.acquisition.sampling;

/**
 * Acquisition optimisation: raw Sobol q-batches (default 2048, feasible for the linear constraints), Boltzmann
 * start selection (eta 2, best raw batch always kept), 10 multi-start bounded L-BFGS runs with analytic gradients
 * in parallel threads ({@link dev.sextant.acquisition.optim.Lbfgsb}), linear constraints by penalty then exact
 * projection, and for mixed spaces snap + greedy local search over discrete neighbours. Start from
 * {@link dev.sextant.acquisition.optim.AcquisitionOptimizer}; defaults and their reasons are in
 * {@link dev.sextant.acquisition.optim.OptimizerOptions}.
 */
package dev.sextant.acquisition.optim;

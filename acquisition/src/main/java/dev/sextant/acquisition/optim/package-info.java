/**
 * Acquisition optimisation: raw Sobol q-batches (default 2048, feasible for the linear constraints), screened with
 * few MC samples, Boltzmann start selection (eta 2, best raw batch always kept), 10 multi-start bounded L-BFGS runs
 * (the surrogate's {@link dev.sextant.surrogate.optim.Lbfgsb}) with analytic gradients in parallel threads, linear
 * constraints by penalty then exact projection, and for mixed spaces snap + greedy local search over discrete
 * neighbours. Start from {@link dev.sextant.acquisition.optim.AcquisitionOptimizer}; defaults and their reasons are
 * in {@link dev.sextant.acquisition.optim.OptimizerOptions}.
 */
package dev.sextant.acquisition.optim;

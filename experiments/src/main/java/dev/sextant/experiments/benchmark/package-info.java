/**
 * Synthetic test functions and the closed-loop benchmark behind {@code sextant bench}.
 * Start from {@link dev.sextant.experiments.benchmark.TestFunctions#byName} (BoTorch's definitions, bounds and known
 * optima) and {@link dev.sextant.experiments.benchmark.BenchmarkRunner} (the protocol of the reference measurements:
 * Sobol initial design, iterations of q points, noisy observations, score = best true value, regret = |f* − best|).
 * Several objectives: {@link dev.sextant.experiments.benchmark.MultiObjectiveProblems#byName} (BoTorch's problems,
 * reference points and maximal hypervolumes) and {@link dev.sextant.experiments.benchmark.MultiObjectiveBenchmark}
 * (score = hypervolume of the true values of the feasible evaluated points, regret = log10(max HV − HV)).
 */
package dev.sextant.experiments.benchmark;

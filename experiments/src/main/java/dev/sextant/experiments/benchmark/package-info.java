/**
 * Synthetic test functions and the closed-loop benchmark behind {@code sextant bench}.
 * Start from {@link dev.sextant.experiments.benchmark.TestFunctions#byName} (BoTorch's definitions, bounds and known
 * optima) and {@link dev.sextant.experiments.benchmark.BenchmarkRunner} (the protocol of the reference measurements:
 * Sobol initial design, iterations of q points, noisy observations, score = best true value, regret = |f* − best|).
 */
package dev.sextant.experiments.benchmark;

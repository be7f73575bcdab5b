/**
 * Synthetic test functions and the closed-loop benchmarks behind {@code sextant bench}.
 * Start from {@link dev.sextant.experiments.benchmark.TestFunctions#byName} (BoTorch's definitions, bounds and known
 * optima) and {@link dev.sextant.experiments.benchmark.BenchmarkRunner} (the protocol of the reference measurements:
 * Sobol initial design, iterations of q points, noisy observations, score = best true value, regret = |f* − best|).
 * Several objectives: {@link dev.sextant.experiments.benchmark.MultiObjectiveProblems#byName} (BoTorch's problems,
 * reference points and maximal hypervolumes) and {@link dev.sextant.experiments.benchmark.MultiObjectiveBenchmark}
 * (score = hypervolume of the true values of the feasible evaluated points, regret = log10(max HV − HV)).
 *
 * <p>Suites ({@code sextant bench --suite public}): {@link dev.sextant.experiments.benchmark.BenchmarkSuite} names the
 * problems with their protocols ({@link dev.sextant.experiments.benchmark.SuiteProblem}),
 * {@link dev.sextant.experiments.benchmark.SuiteRunner} runs them through the same {@code BenchmarkRunner} (same
 * seeds, same numbers as single-problem runs), and {@link dev.sextant.experiments.benchmark.SuiteReport} puts each
 * beside the reference optimiser's per-seed results ({@link dev.sextant.experiments.benchmark.Reference}, data in
 * {@code src/main/resources/bench/reference/}, with a README on where every number came from): median regrets, their
 * ratio and geometric mean, the exact Mann–Whitney test ({@link dev.sextant.experiments.benchmark.MannWhitney}) and
 * seconds per iteration. How the non-anchor references were produced (protocol and commands):
 * {@code src/main/resources/bench/reference/README.md}.
 */
package dev.sextant.experiments.benchmark;

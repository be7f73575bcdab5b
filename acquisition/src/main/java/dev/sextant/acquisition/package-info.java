/**
 * Bayesian optimisation on top of the surrogate: {@link dev.sextant.acquisition.BayesianGenerator} (a bo-core
 * CandidateGenerator) and {@link dev.sextant.acquisition.Strategies} (Sobol, then Bayesian), installed as bo-core's
 * default strategy through {@link dev.sextant.acquisition.BayesianStrategyProvider}, which also validates every new
 * study's generation settings ({@link dev.sextant.acquisition.Strategies#validate}, with the typed options of
 * {@link dev.sextant.acquisition.generate.GenerationOptions}). The generator fits each metric
 * with {@link dev.sextant.acquisition.BayesianGenerator#fitMetric} (the dashboard's predictions use the same call)
 * and sees the model only through the surrogate's {@code model} package (Model → Posterior), the base samples only
 * through a {@link dev.sextant.acquisition.sampling.Sampler}. Studies with several objectives go through
 * {@code MultiObjectiveProposals} (one model per objective, each metric's noise prior chosen by leave-one-out, qLogNEHVI
 * or qNParEGO, under the same floor on predicted feasibility as a single objective when there are outcome constraints).
 */
package dev.sextant.acquisition;

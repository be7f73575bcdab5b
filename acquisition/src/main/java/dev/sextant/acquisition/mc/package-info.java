/**
 * Monte Carlo acquisition functions for any q: qEI, qNEI, qLogEI, qLogNEI (default), qPI, qUCB, qSimpleRegret, over
 * the surrogate's {@link dev.sextant.surrogate.model.BatchPosterior} (cached baseline, block-Cholesky extension per
 * candidate set). Start from {@link dev.sextant.acquisition.mc.McAcquisitions} (factories and the registry of names)
 * and {@link dev.sextant.acquisition.mc.McContext} (posteriors, constraints, pending points, sampler).
 * {@link dev.sextant.acquisition.mc.McAcquisition} is the final template: joint samples → utility → smooth
 * feasibility weighting → max over the batch → mean over samples (log-space variants: log fatmoid, fat-tailed
 * smooth max with τ_max = 1e-2, log fatplus with τ_relu = 1e-6, log-mean-exp — BoTorch's defaults).
 * {@link dev.sextant.acquisition.mc.BaselinePruning} keeps the baseline points that are best in some sample.
 * For several objectives: qLogNEHVI and qNParEGO over a {@link dev.sextant.acquisition.mc.MultiObjectiveContext} (one
 * posterior per objective; the template is {@code MultiObjectiveAcquisition}), registered in the same registry, and
 * {@link dev.sextant.acquisition.mc.MultiObjectivePruning}. {@link dev.sextant.acquisition.mc.EnsembleAcquisition}
 * averages one acquisition over an ensemble of models (the members of a fully Bayesian GP), in value space for the
 * log-valued ones, and screens raw samples with one model's screening budget split over the members.
 */
package dev.sextant.acquisition.mc;

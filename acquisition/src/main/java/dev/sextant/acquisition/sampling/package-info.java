/**
 * Base samples for Monte Carlo acquisition: {@link dev.sextant.acquisition.sampling.Sampler} owns the seed and the
 * standard-normal base samples (fixed per shape, so the acquisition surface is deterministic);
 * {@link dev.sextant.acquisition.sampling.NormalBaseSamples} draws them (quasi-Monte Carlo: bo-core's Sobol sequence
 * with a random digital shift; or i.i.d.); {@link dev.sextant.acquisition.sampling.UnitSobol} gives the optimiser's
 * raw samples (bo-core's scrambled Sobol).
 */
package dev.sextant.acquisition.sampling;

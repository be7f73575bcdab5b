/**
 * Candidate generation: the {@link dev.sextant.core.generate.CandidateGenerator} SPI, the
 * {@link dev.sextant.core.generate.GenerationStrategy} that switches generators by trial count (with a
 * {@link dev.sextant.core.generate.StrategyProvider} hook for the installed default and for validating generation
 * settings, {@link dev.sextant.core.generate.GenerationStrategy#validate}), the constraint-aware
 * {@link dev.sextant.core.generate.SobolGenerator} and the reusable {@link dev.sextant.core.generate.ScrambledSobol}
 * sequence (linear matrix scramble + digital shift, up to 1000 dimensions).
 */
package dev.sextant.core.generate;

/**
 * Candidate generation: the {@code CandidateGenerator} SPI, {@code GenerationStrategy}, and the scrambled Sobol generator.
 */
package dev.sextant.core.generate;

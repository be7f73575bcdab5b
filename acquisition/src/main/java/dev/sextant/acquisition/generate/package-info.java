/**
 * What a study's generation settings may say: {@link dev.sextant.acquisition.generate.GenerationOptions}, the typed,
 * validated view of {@code GenerationSettings.options()} that the Bayesian generator, the lookahead and
 * knowledge-gradient generators and the dashboard's model read, with {@link
 * dev.sextant.acquisition.generate.GenerationOptions#OPTIONS} describing every key (type, default, allowed values,
 * meaning; the option tables of the READMEs are tested against it). Invalid settings are reported as bo-core's
 * {@link dev.sextant.core.study.InvalidGenerationOptionException}, when a study is created (through
 * {@link dev.sextant.acquisition.Strategies#validate}, installed as bo-core's strategy-provider hook) and again when a
 * stored study generates.
 */
package dev.sextant.acquisition.generate;

/**
 * Non-myopic acquisition: one-shot multi-step lookahead trees and the knowledge gradient.
 *
 * <p>Start from {@link dev.sextant.acquisition.lookahead.LookaheadGenerators#forName} (names {@code lookahead2},
 * {@code lookahead3}, {@code kg}) for a {@link dev.sextant.core.generate.CandidateGenerator}, or from
 * {@link dev.sextant.acquisition.lookahead.MultiStepLookahead} with the surrogate's
 * {@link dev.sextant.surrogate.model.GpModel} (the fitted GP, any kernel, in standardised units; its Cholesky factor
 * is extended per tree node, never refactored) and
 * {@link dev.sextant.acquisition.lookahead.LookaheadOptions} for the tree itself; its Javadoc has the derivation
 * (fantasy conditioning as per-node Cholesky rows, values, gradients).
 * {@link dev.sextant.acquisition.lookahead.KnowledgeGradient} is the one-step posterior-mean tree. Stages may hold
 * batches of q points ({@code batch_sizes}, {@link dev.sextant.acquisition.lookahead.LookaheadOptions#batchSizes()}),
 * valued by their joint expected improvement through quadrature-tied points (derivation in MultiStepLookahead).
 * The generators fit the qLogNEI generator's GP, with a Matérn-5/2 kernel by default (any kernel the surrogate fits) (ARD MAP from the default
 * hyperparameters; options
 * {@code kernel}, {@code warm_start}, {@code min_noise}) and, given the study's {@code budget}, never look past the
 * last trial (the last one is chosen myopically).
 */
package dev.sextant.acquisition.lookahead;

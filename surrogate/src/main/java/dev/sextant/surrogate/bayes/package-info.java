/**
 * Fully Bayesian GPs: the posterior of a GP's hyperparameters given its data, sampled instead of maximised.
 * Start from {@link dev.sextant.surrogate.bayes.FullyBayesianGp#sample}: a MAP-fitted GP in, S member GPs (one per
 * posterior draw, all in the MAP fit's model units) out, as a {@link dev.sextant.surrogate.bayes.FullyBayesianFit}.
 * {@link dev.sextant.surrogate.bayes.SliceSampler} is the generic sampler (univariate slice sampling over any
 * {@link dev.sextant.surrogate.bayes.LogDensity} on a box); {@link dev.sextant.surrogate.bayes.HyperparameterPrior}
 * chooses between the SAAS prior (Eriksson &amp; Jankowiak 2021) and the MAP fit's lengthscale prior. A fit's
 * {@link dev.sextant.surrogate.bayes.ChainState} (last point, adapted bracket widths) lets the next fit on the same
 * study's grown data continue the chain with a short warm-up instead of starting again from the MAP estimate.
 */
package dev.sextant.surrogate.bayes;

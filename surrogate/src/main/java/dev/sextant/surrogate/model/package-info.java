/**
 * The one model stack: {@link dev.sextant.surrogate.model.Model} is what acquisition functions, lookahead trees,
 * knowledge gradient and the dashboard's predictions see of a fitted model. Start from
 * {@link dev.sextant.surrogate.model.GpModel#of(dev.sextant.surrogate.gp.GaussianProcess, double)}, which turns a
 * fitted GP (any kernel, outcome transform, fixed or inferred noise) into a model in its standardised units without
 * refactoring K; {@link dev.sextant.surrogate.model.BatchPosterior} is its joint posterior over a cached baseline
 * block extended per candidate set, with pathwise gradients wrt the candidates; {@code condition} gives fantasy
 * models by block updates of the Cholesky factor.
 */
package dev.sextant.surrogate.model;

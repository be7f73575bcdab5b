/**
 * Automatic model choice for one metric: which outcome transform ({@link dev.sextant.surrogate.select.TransformFamily}),
 * kernel and input warping, chosen by exact leave-one-out predictive likelihood in the metric's original units.
 * Start from {@link dev.sextant.surrogate.select.ModelSelector#select}; the candidates are a
 * {@link dev.sextant.surrogate.select.ModelSpace}, the result a {@link dev.sextant.surrogate.select.Selection} with
 * every candidate's score.
 */
package dev.sextant.surrogate.select;

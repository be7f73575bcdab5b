/**
 * Pareto-front geometry for the multi-objective acquisitions: {@link dev.sextant.acquisition.multi.BoxDecomposition}
 * (exact box partition of the region dominated / not dominated by a set of points above a reference point, any number
 * of objectives, maximisation). Pareto masks, hypervolumes and the reference-point rule are bo-core's
 * ({@code dev.sextant.core.pareto}).
 */
package dev.sextant.acquisition.multi;

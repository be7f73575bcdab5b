/**
 * Pareto fronts and hypervolumes of objective vectors, all in the <b>maximise</b> convention: every objective is
 * larger-is-better (a minimised metric enters as its negative, see
 * {@link dev.sextant.core.study.Objective#toMaximised}).
 *
 * <ul>
 *   <li>{@link dev.sextant.core.pareto.Pareto#nonDominated}: the non-dominated mask. Row {@code j} dominates row
 *       {@code i} when it is at least as good in every objective and strictly better in one (so (2, 4) dominates
 *       (2, 2)); of several identical non-dominated rows only the first is marked (BoTorch's
 *       {@code is_non_dominated(..., deduplicate=True)}), or every copy with {@code keepDuplicates}.</li>
 *   <li>{@link dev.sextant.core.pareto.Hypervolume#of}: the exact hypervolume dominated by the points and bounded
 *       below by a reference point. Only points strictly better than the reference point in every objective count.
 *       Sweep for 2 objectives (O(n log n)), dimension sweep for 3 (O(n log n)), slicing along the last objective
 *       down to the 3-objective sweep for 4 and more (exact; cost grows as n<sup>m−2</sup> log n).</li>
 *   <li>{@link dev.sextant.core.pareto.ReferencePoint#infer}: the reference point used when the objectives have no
 *       thresholds: per objective, the nadir of the observed Pareto front minus one tenth of the front's range
 *       (the rule of BoTorch's {@code infer_reference_point}); objectives with a threshold use the threshold.</li>
 *   <li>{@link dev.sextant.core.pareto.Pareto#ranks}: Pareto ranks by non-dominated sorting (0: non-dominated; a
 *       study's order of "best" for several objectives, {@link dev.sextant.core.study.ParetoFront#ranking}, builds on
 *       it).</li>
 * </ul>
 * The tests check these against the kept fixtures under {@code src/test/resources/fixtures/hypervolume} (values from
 * BoTorch and exact rational arithmetic; {@code -Dsextant.fixtures.hv=DIR} adds more) and against Monte Carlo.
 */
package dev.sextant.core.pareto;

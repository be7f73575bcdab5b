/**
 * Search spaces: parameters (float, int — linear or log scale —, categorical, ordinal, fixed), linear parameter
 * constraints over linear-scale numeric parameters, and the encoding between parameter values and the unit cube.
 * Start from {@link dev.sextant.core.space.SearchSpace#builder()}; optimisers use
 * {@link dev.sextant.core.space.Encoding} (snap, neighbours, constraints as {@code A·u <= b}).
 */
package dev.sextant.core.space;

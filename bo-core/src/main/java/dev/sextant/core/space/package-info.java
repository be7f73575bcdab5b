/**
 * Search spaces: parameters (float, int, categorical, ordinal, fixed), linear parameter constraints, and the encoding between parameter values and the unit cube. Start from {@code SearchSpace}.
 */
package dev.sextant.core.space;

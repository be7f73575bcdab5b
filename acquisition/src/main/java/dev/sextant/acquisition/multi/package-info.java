/**
 * Multi-objective acquisition: {@link dev.sextant.acquisition.multi.BoxDecomposition} (exact box partition of the
 * region dominated / not dominated by a front above a reference point, any number of objectives).
 */
package dev.sextant.acquisition.multi;

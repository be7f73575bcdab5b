/**
 * Analytic q = 1 acquisition functions (EI, LogEI, PI, LogPI, UCB) over any surrogate
 * {@link dev.sextant.surrogate.model.Model}.
 */
package dev.sextant.acquisition.analytic;

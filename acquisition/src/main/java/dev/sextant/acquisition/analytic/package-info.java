/**
 * Analytic q = 1 acquisition functions: EI, LogEI, PI, UCB.
 */
package dev.sextant.acquisition.analytic;

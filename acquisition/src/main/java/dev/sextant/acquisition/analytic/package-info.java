/**
 * Analytic q = 1 acquisition functions (EI, LogEI, PI, LogPI, UCB) over any surrogate
 * {@link dev.sextant.surrogate.model.Model}, and {@link dev.sextant.acquisition.analytic.FeasibilityFloor}: the
 * analytic probability that a candidate's observed outcomes meet the outcome constraints, as a floor laid over any
 * acquisition of a constrained study (with the constraint models' leave-one-out variance calibration).
 */
package dev.sextant.acquisition.analytic;

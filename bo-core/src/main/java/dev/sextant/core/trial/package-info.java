/**
 * Trials: immutable {@link dev.sextant.core.trial.Trial} snapshots, {@link dev.sextant.core.trial.TrialState} with its
 * legal transitions (enforced by storages, {@link dev.sextant.core.trial.IllegalTransitionException} otherwise) and
 * {@link dev.sextant.core.trial.Observation}s (mean and SEM per metric).
 */
package dev.sextant.core.trial;

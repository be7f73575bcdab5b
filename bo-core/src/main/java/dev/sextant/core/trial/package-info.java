/**
 * Trials: {@code Trial} handles, {@code TrialState} with its legal transitions, observations (mean and SEM per metric).
 */
package dev.sextant.core.trial;

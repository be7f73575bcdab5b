/**
 * Synthetic test functions and the closed-loop benchmark behind {@code sextant bench}.
 */
package dev.sextant.experiments.benchmark;

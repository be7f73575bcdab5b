/**
 * The {@code sextant} command line (picocli).
 */
package dev.sextant.experiments.cli;

/**
 * Campaign files (YAML) and the campaign runner.
 */
package dev.sextant.experiments.campaign;

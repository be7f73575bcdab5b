/**
 * The {@code sextant} command line (picocli): {@link dev.sextant.experiments.cli.SextantCli} with the subcommands
 * demo, run, worker, serve, bench, export and status.
 */
package dev.sextant.experiments.cli;

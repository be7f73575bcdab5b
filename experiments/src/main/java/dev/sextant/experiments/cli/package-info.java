/**
 * The {@code sextant} command line (picocli): {@link dev.sextant.experiments.cli.SextantCli} with the subcommands
 * demo, run, worker, serve, bench, export and status. Every command opens its store through {@code Stores} (the
 * user's {@code ~/.sextant/} H2 file unless {@code --db}, {@code SEXTANT_DB} or the campaign's {@code store} says
 * otherwise) and names it on standard error with its study count; progress goes through {@code ProgressBar} (redrawn
 * on a terminal, plain lines elsewhere). {@code sextant worker --wait} says that it waits for its study and
 * compiles its generator's code on a synthetic problem meanwhile, so that a worker a cluster scheduler started
 * early is warm when the campaign begins.
 */
package dev.sextant.experiments.cli;

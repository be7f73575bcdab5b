package dev.sextant.experiments.cli;

import picocli.CommandLine.Option;

/** The {@code --db} option shared by the commands. */
final class DbOption {
    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "the store (default: $SEXTANT_DB, else the campaign's store, else the user's H2 file "
                    + "~/.sextant/sextant; $SEXTANT_HOME moves that folder)")
    String db;
}

package dev.sextant.experiments.cli;

/** A user-facing error of a command: printed as {@code sextant: <message>}, exit code 1. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}

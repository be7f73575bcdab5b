package dev.sextant.core.generate;

/** A generator could not propose the points asked for (e.g. the constrained region looks empty); says what to change. */
public class GenerationException extends RuntimeException {
    public GenerationException(String message) {
        super(message);
    }

    public GenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.sextant.core.study;

/**
 * Thrown by {@link Storage#createTrial} when the calling thread generated under a {@link GenerationLease} that has
 * expired meanwhile (the holder stalled longer than the lease lasts and another worker took it over). Nothing was
 * created; {@link Study#ask} then acquires the lease again and regenerates from the current state.
 */
public class GenerationLeaseLostException extends RuntimeException {
    public GenerationLeaseLostException(String message) {
        super(message);
    }
}

package dev.sextant.core.study;

/**
 * Thrown by {@link Study#ask} when the asking thread is interrupted while it waits for another worker's generation
 * before it has any trial (the thread's interrupt flag is set again). Nothing was created for the call that threw.
 */
public final class GenerationInterruptedException extends RuntimeException {
    public GenerationInterruptedException(String message) {
        super(message);
    }
}

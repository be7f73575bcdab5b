package dev.sextant.core.study;

/** Reported metric values are malformed (missing or unknown metric, non-finite value, negative SEM); nothing was changed. */
public class InvalidObservationException extends IllegalArgumentException {
    public InvalidObservationException(String message) {
        super(message);
    }
}

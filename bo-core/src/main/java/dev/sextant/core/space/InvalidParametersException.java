package dev.sextant.core.space;

/**
 * A map of parameter values does not fit its search space (unknown or missing name, out of bounds, bad choice,
 * violated constraint); the message names the parameter and says what to fix.
 */
public class InvalidParametersException extends IllegalArgumentException {
    public InvalidParametersException(String message) {
        super(message);
    }
}

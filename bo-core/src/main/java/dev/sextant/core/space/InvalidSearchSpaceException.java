package dev.sextant.core.space;

/** A search space, parameter or parameter constraint is malformed; the message names it and says what to fix. */
public class InvalidSearchSpaceException extends IllegalArgumentException {
    public InvalidSearchSpaceException(String message) {
        super(message);
    }
}

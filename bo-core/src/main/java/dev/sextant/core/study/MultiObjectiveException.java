package dev.sextant.core.study;

/**
 * An operation that needs a single objective (one best trial, one objective metric) was called on a study with
 * several objectives. The message names what to use instead (for example {@code Study.paretoFront()}).
 */
public class MultiObjectiveException extends IllegalStateException {
    public MultiObjectiveException(String message) {
        super(message);
    }
}

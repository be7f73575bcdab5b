package dev.sextant.core.study;

import java.util.NoSuchElementException;

/** A trial id is not in the study. */
public class UnknownTrialException extends NoSuchElementException {
    public UnknownTrialException(String message) {
        super(message);
    }
}

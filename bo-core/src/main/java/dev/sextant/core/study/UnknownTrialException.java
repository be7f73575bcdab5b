package dev.sextant.core.study;

import java.util.NoSuchElementException;

/** No trial with this number in the study. */
public class UnknownTrialException extends NoSuchElementException {
    public UnknownTrialException(String message) {
        super(message);
    }
}

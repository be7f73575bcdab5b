package dev.sextant.core.study;

import java.util.NoSuchElementException;

/** A study name is not in the storage. */
public class UnknownStudyException extends NoSuchElementException {
    public UnknownStudyException(String message) {
        super(message);
    }
}

package dev.sextant.core.study;

/** A study with this name already exists in the storage. */
public class StudyExistsException extends IllegalStateException {
    public StudyExistsException(String message) {
        super(message);
    }
}

package dev.sextant.core.study;

/** A study description (map form, see StudySpecCodec) is malformed; the message starts with the key path, e.g. "parameters[2].low: expected a number, got 'abc'". */
public class InvalidStudySpecException extends IllegalArgumentException {
    public InvalidStudySpecException(String message) {
        super(message);
    }
}

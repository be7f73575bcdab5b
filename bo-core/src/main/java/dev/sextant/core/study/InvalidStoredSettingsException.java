package dev.sextant.core.study;

/**
 * A stored study cannot generate trials because its generation settings are not valid for the installed strategy
 * (settings written before they were validated, or by an older version). Thrown by {@link Study#ask} whenever new
 * trials would be generated; nothing is changed. The cause is the {@link InvalidGenerationOptionException} naming the
 * option. Not a {@link dev.sextant.core.generate.GenerationException}: falling back to another generator would hide
 * it.
 */
public class InvalidStoredSettingsException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public InvalidStoredSettingsException(String study, InvalidGenerationOptionException cause) {
        super("study '" + study + "' is stored with generation settings that are not valid: " + cause.getMessage()
                + ". Its trials are kept; to go on, create a study with valid settings (e.g. enqueue or add the"
                + " completed trials to it) or correct the option in the store", cause);
    }

    /** The invalid option, as found. */
    public InvalidGenerationOptionException invalidOption() {
        return (InvalidGenerationOptionException) getCause();
    }
}

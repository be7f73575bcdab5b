package dev.sextant.core.study;

/**
 * A study's generation settings name an option, or an acquisition, that the installed strategy does not accept: an
 * unknown key, a value of the wrong type, out of range, or not one of the allowed names. Thrown when a study is
 * created (nothing is stored) and when a campaign file or a REST body is read. The message starts with the key path,
 * as every {@link InvalidStudySpecException}: {@code "generation.kernel: got 'banana'; allowed: rbf, matern52"}.
 */
public class InvalidGenerationOptionException extends InvalidStudySpecException {
    private static final long serialVersionUID = 1L;
    private final String option;
    private final transient Object given;
    private final String allowed;
    private final String problem;

    /**
     * @param option  the option key ({@code "kernel"}), or {@code "acquisition"} for the acquisition name
     * @param given   the value given (null when the problem is the key itself)
     * @param allowed what would be accepted, in words ({@code "rbf, matern52"}, {@code "an integer from 1 to 65536"})
     * @param problem what is wrong and how to fix it, without the key path ({@code "got 'banana'; allowed: rbf,
     *                matern52"})
     */
    public InvalidGenerationOptionException(String option, Object given, String allowed, String problem) {
        super("generation." + option + ": " + problem);
        this.option = option;
        this.given = given;
        this.allowed = allowed;
        this.problem = problem;
    }

    /** The option key, e.g. {@code "mc_samples"}; {@code "acquisition"} for the acquisition name. */
    public String option() {
        return option;
    }

    /** The key path in a study description, e.g. {@code "generation.mc_samples"}. */
    public String path() {
        return "generation." + option;
    }

    /** The value given (as parsed from JSON or YAML), null when the key itself is the problem. */
    public Object given() {
        return given;
    }

    /** What would be accepted, in words. */
    public String allowed() {
        return allowed;
    }

    /** The message without the key path. */
    public String problem() {
        return problem;
    }
}

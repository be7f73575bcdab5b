package dev.sextant.experiments.campaign;

/**
 * A campaign file that cannot be used; the message is {@code "file:line: key.path: what to fix"} (line omitted when
 * unknown).
 */
public class CampaignException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final String detail;

    public CampaignException(String source, int line, String detail) {
        super(source + (line > 0 ? ":" + line : "") + ": " + detail);
        this.source = source;
        this.line = line;
        this.detail = detail;
    }

    /** The file name (as given). */
    public String source() { return source; }

    /** 1-based line, 0 when unknown. */
    public int line() { return line; }

    /** The message without the location. */
    public String detail() { return detail; }
}

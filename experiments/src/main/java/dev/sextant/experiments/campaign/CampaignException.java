package dev.sextant.experiments.campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A campaign file that cannot be used. One problem: the message is {@code "file:line: key.path: what to fix"} (line
 * omitted when unknown). Several: the message says how many and lists each on its own line in that form, sorted by
 * line; {@link #problems()} gives them one by one, and {@link #line()} / {@link #detail()} are those of the first.
 */
public class CampaignException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final String detail;
    private final List<CampaignException> problems;

    public CampaignException(String source, int line, String detail) {
        super(source + (line > 0 ? ":" + line : "") + ": " + detail);
        this.source = source;
        this.line = line;
        this.detail = detail;
        this.problems = List.of(this);
    }

    private CampaignException(List<CampaignException> sorted) {
        super(sorted.get(0).source + ": " + sorted.size() + " problems\n"
                + sorted.stream().map(p -> "  " + p.getMessage()).collect(Collectors.joining("\n")));
        this.source = sorted.get(0).source;
        this.line = sorted.get(0).line;
        this.detail = sorted.get(0).detail;
        this.problems = List.copyOf(sorted);
    }

    /** One exception for all the problems of a file (the problem itself when there is one), sorted by line. */
    public static CampaignException of(List<CampaignException> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems to report");
        }
        List<CampaignException> flat = new ArrayList<>();
        for (CampaignException p : problems) {
            flat.addAll(p.problems);
        }
        flat.sort(Comparator.comparingInt(CampaignException::line));
        return flat.size() == 1 ? flat.get(0) : new CampaignException(flat);
    }

    /** The file name (as given). */
    public String source() { return source; }

    /** 1-based line, 0 when unknown (of the first problem). */
    public int line() { return line; }

    /** The message without the location (of the first problem). */
    public String detail() { return detail; }

    /** Every problem found, sorted by line; a single-element list holding this exception when there is one. */
    public List<CampaignException> problems() { return problems; }
}

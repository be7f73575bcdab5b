package dev.sextant.experiments.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress on standard error. On a terminal, one line redrawn in place with '\r':
 * {@code label [#########.........] 12/40  best 0.734  ETA 1m05s}, at most five redraws a second. Elsewhere (a file,
 * a pipe, CI) the same text without the bar as plain lines, no '\r' and no escape codes: one line per tenth of the
 * total, at least every 30 s while progressing, and at the end. Whether the output is a terminal: the system
 * property {@code sextant.terminal} ({@code true|false}, set by the {@code ./sextant} launcher from {@code [ -t 2 ]}),
 * else whether the JVM has an interactive console. Thread-safe.
 */
final class ProgressBar {
    private static final int WIDTH = 24;
    private final String label;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private int total;
    private int startDone = -1;
    private long lastDraw;
    private int lastLength;
    private boolean enabled;
    private final boolean terminal;
    private int lastPlainDone = -1;
    private String note;
    private int lastDone;
    private String lastBest;

    ProgressBar(String label, int total, PrintStream out, boolean enabled) {
        this(label, total, out, enabled, isTerminal());
    }

    ProgressBar(String label, int total, PrintStream out, boolean enabled, boolean terminal) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.enabled = enabled;
        this.terminal = terminal;
    }

    /** Whether progress may be redrawn in place (see the class comment). */
    static boolean isTerminal() {
        String p = System.getProperty("sextant.terminal");
        if (p != null && !p.isBlank()) {
            return Boolean.parseBoolean(p.strip());
        }
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {   // Java 22+: a console object exists even without a terminal; isTerminal() tells
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return true;   // Java 17-21: a console exists only on a terminal
        }
    }

    synchronized void total(int newTotal) {
        this.total = newTotal;
    }

    /**
     * Sets (or clears, with null) a note shown at the end of the line, e.g. a trial that has run long; redraws on a
     * terminal, prints it as a line of its own elsewhere.
     */
    synchronized void note(String text) {
        if (java.util.Objects.equals(text, note)) {
            return;
        }
        note = text;
        if (!enabled || startDone < 0) {
            return;
        }
        if (terminal) {
            update(lastDone, lastBest, true);
        } else if (text != null) {
            out.println(label + ": " + text);
            out.flush();
        }
    }

    /** Redraws with {@code done} of total finished and a best-so-far text (may be null). */
    synchronized void update(int done, String best, boolean force) {
        if (!enabled) {
            return;
        }
        lastDone = done;
        lastBest = best;
        if (startDone < 0) {
            startDone = done;
        }
        long now = System.nanoTime();
        if (!terminal) {
            if (lastPlainDone >= 0 && done == lastPlainDone) {
                return;   // nothing new to say
            }
            boolean tenth = total == Integer.MAX_VALUE || total <= 0
                    || (long) done * 10 / total > (long) lastPlainDone * 10 / total;
            if (!(lastPlainDone < 0 || force || done >= total || tenth || now - lastDraw >= 30_000_000_000L)) {
                return;
            }
            lastPlainDone = done;
            lastDraw = now;
            out.println(text(done, best, now));
            out.flush();
            return;
        }
        if (!force && now - lastDraw < 200_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        StringBuilder sb = new StringBuilder();
        sb.append('\r').append(label).append(" [");
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, Math.round((double) WIDTH * done / total));
        sb.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        sb.append(text(done, best, now).substring(label.length() + 1));
        if (note != null) {
            sb.append("  [").append(note).append(']');
        }
        String line = sb.toString();
        int pad = Math.max(0, lastLength - line.length());
        out.print(line + " ".repeat(pad));
        out.flush();
        lastLength = line.length();
    }

    /** {@code label done/total  best B  ETA t} (or the elapsed time when done). */
    private String text(int done, String best, long now) {
        StringBuilder sb = new StringBuilder(label).append(' ');
        sb.append(done).append('/').append(total == Integer.MAX_VALUE ? "?" : Integer.toString(total));
        if (best != null) {
            sb.append("  best ").append(best);
        }
        double elapsed = (now - startNanos) / 1e9;
        int progressed = done - startDone;
        if (progressed > 0 && total != Integer.MAX_VALUE && done < total) {
            double eta = elapsed / progressed * (total - done);
            sb.append("  ETA ").append(format(Duration.ofMillis((long) (eta * 1000))));
        } else if (done >= total) {
            sb.append("  ").append(format(Duration.ofMillis((long) (elapsed * 1000))));
        }
        return sb.toString();
    }

    /** Ends the line (a newline) so later output starts on a fresh line. */
    synchronized void finish() {
        if (enabled && lastLength > 0) {
            out.println();
            out.flush();
        }
        lastLength = 0;
    }

    /** Prints a message above the bar. */
    synchronized void message(String text) {
        if (enabled && terminal && lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            lastLength = 0;
        }
        out.println(text);
        out.flush();
    }

    static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}

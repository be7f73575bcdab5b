package dev.sextant.experiments.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line progress bar on standard error, redrawn in place with '\r':
 * {@code label [#########.........] 12/40  best 0.734  ETA 1m05s}. At most five redraws a second. Thread-safe.
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
    private String note;
    private int lastDone;
    private String lastBest;

    ProgressBar(String label, int total, PrintStream out, boolean enabled) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.enabled = enabled;
    }

    synchronized void total(int newTotal) {
        this.total = newTotal;
    }

    /** Sets (or clears, with null) a note shown at the end of the line, e.g. a trial that has run long; redraws. */
    synchronized void note(String text) {
        if (java.util.Objects.equals(text, note)) {
            return;
        }
        note = text;
        if (startDone >= 0) {
            update(lastDone, lastBest, true);
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
        if (!force && now - lastDraw < 200_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        StringBuilder sb = new StringBuilder();
        sb.append('\r').append(label).append(" [");
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, Math.round((double) WIDTH * done / total));
        sb.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
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
        if (note != null) {
            sb.append("  [").append(note).append(']');
        }
        String line = sb.toString();
        int pad = Math.max(0, lastLength - line.length());
        out.print(line + " ".repeat(pad));
        out.flush();
        lastLength = line.length();
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
        if (enabled && lastLength > 0) {
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

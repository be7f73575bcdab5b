package dev.sextant.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static String drive(boolean terminal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar("demo", 40, out, true, terminal);
        bar.update(0, null, true);
        for (int done = 1; done <= 40; done++) {
            if (done == 13) {
                bar.message("trial 13 FAILED: out of memory");
            }
            bar.update(done, "reward=0." + done, false);
        }
        bar.update(40, "reward=0.40", true);
        bar.finish();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutATerminalProgressIsPlainLinesAboutOnePerTenth() {
        String text = drive(false);
        assertFalse(text.contains("\r"), text);
        assertFalse(text.contains("\u001b"), text);
        List<String> lines = text.lines().toList();
        assertEquals("demo 0/40", lines.get(0));
        assertTrue(lines.contains("trial 13 FAILED: out of memory"), text);
        assertTrue(lines.get(lines.size() - 1).startsWith("demo 40/40  best reward=0.40"), text);
        // 0, each tenth (4, 8, ... 40) and the failure message; nothing repeated at the end
        assertEquals(12, lines.size(), text);
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlace() {
        String text = drive(true);
        assertTrue(text.startsWith("\rdemo [........................] 0/40"), text);
        assertTrue(text.contains("\rdemo [########################] 40/40  best reward=0.40"), text);
        assertTrue(text.endsWith(System.lineSeparator()), "the bar's line is ended");
    }
}

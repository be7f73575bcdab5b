package dev.sextant.experiments.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Our own handling of SIGINT (Ctrl-C) and SIGTERM while a campaign runs, instead of the JVM's shutdown sequence (which
 * would close the store under the running trials): the first signal calls {@code onFirst} with the signal's name
 * ("SIGINT", "SIGTERM") on a new thread, so the campaign can stop cleanly and its owner close the store; a second
 * signal halts the JVM at once (exit code 130 or 143): every result told so far is already committed. Where the
 * signals cannot be handled (e.g. {@code -Xrs}), nothing is installed and the runner's shutdown hook does the clean
 * stop instead. Close to restore the previous handlers.
 */
final class Interrupts implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private Interrupts() {
    }

    static Interrupts install(Consumer<String> onFirst, PrintStream err) {
        Interrupts i = new Interrupts();
        AtomicBoolean seen = new AtomicBoolean();
        for (String name : List.of("INT", "TERM")) {
            Signal signal = new Signal(name);
            SignalHandler handler = s -> {
                int code = 128 + s.getNumber();
                if (seen.getAndSet(true)) {
                    err.println("\nsextant: second SIG" + s.getName() + ": exiting now (every told result is stored)");
                    err.flush();
                    Runtime.getRuntime().halt(code);
                }
                Thread t = new Thread(() -> onFirst.accept("SIG" + s.getName()), "sextant-stop");
                t.setDaemon(true);
                t.start();
            };
            try {
                i.previous.add(Signal.handle(signal, handler));
                i.signals.add(signal);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // not available here: the shutdown hook covers it
            }
        }
        return i;
    }

    /** The exit code for a run stopped by {@code signal} (128 + its number; 130 for anything else). */
    static int exitCode(String signal) {
        return "SIGTERM".equals(signal) ? 143 : 130;
    }

    @Override
    public void close() {
        for (int k = 0; k < signals.size(); k++) {
            try {
                Signal.handle(signals.get(k), previous.get(k));
            } catch (IllegalArgumentException ignored) {
                // nothing to restore
            }
        }
    }
}

package dev.sextant.surrogate.linalg;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Two-way work splitting for the O(n²)–O(n³) loops of the CPU path: the caller runs one half, a helper thread the
 * other. Used from n = {@value #MIN_N} when the machine has at least two processors; results never depend on which
 * thread ran which half (each half writes its own outputs).
 *
 * <p>The helper is one daemon thread that busy-waits for {@value #SPIN_MICROS} µs after each task before parking:
 * the blocked Cholesky hands it a task every few microseconds, and waking a parked thread (as a fork-join pool does)
 * costs tens of microseconds, more than the task. A half nobody has started when the caller is done is run by the
 * caller, so a busy or descheduled helper (a loaded machine, concurrent fits) never stalls the caller.
 */
public final class Parallel {
    /** From this problem size the CPU loops split their work in two. */
    public static final int MIN_N = 192;
    /** How long the helper spins for the next task before parking, in microseconds. */
    static final long SPIN_MICROS = 200;

    private Parallel() {
    }

    /** Whether work on an n×n problem is split between two threads. */
    public static boolean worthIt(int n) {
        return n >= MIN_N && Runtime.getRuntime().availableProcessors() >= 2;
    }

    /** Runs a here and b on the helper thread (or here, after a, when the helper has not started it by then). */
    public static void runPair(Runnable a, Runnable b) {
        Task t = new Task(b, Thread.currentThread());
        Helper h = Helper.INSTANCE;
        if (!h.slot.compareAndSet(null, t)) {   // the helper is taken by another caller
            a.run();
            b.run();
            return;
        }
        LockSupport.unpark(h);
        a.run();
        if (t.state.compareAndSet(Task.NEW, Task.CLAIMED_BY_CALLER)) {
            h.slot.compareAndSet(t, null);
            b.run();
            return;
        }
        long spinUntil = System.nanoTime() + SPIN_MICROS * 1000;
        while (t.state.get() != Task.DONE) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(t, 100_000);
            }
        }
        if (t.failure != null) {
            throw t.failure;
        }
    }

    /** The row that splits the strictly lower triangle rows [0, n) into two halves with equal numbers of entries. */
    public static int lowerTriangleSplit(int n) {
        return (int) Math.round(n / Math.sqrt(2));
    }

    private static final class Task {
        static final int NEW = 0;
        static final int CLAIMED_BY_CALLER = 1;
        static final int RUNNING = 2;
        static final int DONE = 3;
        final Runnable body;
        final Thread caller;
        final AtomicInteger state = new AtomicInteger(NEW);
        volatile RuntimeException failure;

        Task(Runnable body, Thread caller) {
            this.body = body;
            this.caller = caller;
        }
    }

    private static final class Helper extends Thread {
        static final Helper INSTANCE = new Helper();
        final AtomicReference<Task> slot = new AtomicReference<>();

        private Helper() {
            super("sextant-linalg-helper");
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                Task t = slot.get();
                if (t != null) {
                    if (t.state.compareAndSet(Task.NEW, Task.RUNNING)) {
                        try {
                            t.body.run();
                        } catch (RuntimeException | Error e) {
                            t.failure = e instanceof RuntimeException re ? re : new RuntimeException(e);
                        }
                        slot.compareAndSet(t, null);   // free before DONE: the caller's next runPair finds it empty
                        t.state.set(Task.DONE);
                        LockSupport.unpark(t.caller);
                    } else {
                        slot.compareAndSet(t, null);
                    }
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_MICROS * 1000) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}

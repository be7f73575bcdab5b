package dev.sextant.surrogate.linalg;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Two-way work splitting for the O(n²)–O(n³) loops of the CPU path: the caller runs one half, one common-pool worker
 * the other. Used from n = {@value #MIN_N} when the machine has at least two processors; results never depend on
 * which thread ran which half (each half writes its own outputs).
 */
public final class Parallel {
    /** From this problem size the CPU loops split their work in two. */
    public static final int MIN_N = 192;

    private Parallel() {
    }

    /** Whether work on an n×n problem is split between two threads. */
    public static boolean worthIt(int n) {
        return n >= MIN_N && ForkJoinPool.getCommonPoolParallelism() >= 1
                && Runtime.getRuntime().availableProcessors() >= 2;
    }

    /**
     * Runs a here and b on a common-pool worker; if no worker has picked b up by the time a is done, the caller
     * runs b itself, so a busy pool never stalls the caller.
     */
    public static void runPair(Runnable a, Runnable b) {
        AtomicBoolean claimed = new AtomicBoolean();
        ForkJoinTask<?> other = ForkJoinPool.commonPool().submit(() -> {
            if (claimed.compareAndSet(false, true)) {
                b.run();
            }
        });
        a.run();
        if (claimed.compareAndSet(false, true)) {
            b.run();
        } else {
            other.join();
        }
    }

    /** The row that splits the strictly lower triangle rows [0, n) into two halves with equal numbers of entries. */
    public static int lowerTriangleSplit(int n) {
        return (int) Math.round(n / Math.sqrt(2));
    }
}

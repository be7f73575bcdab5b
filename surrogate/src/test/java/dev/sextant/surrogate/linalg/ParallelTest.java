package dev.sextant.surrogate.linalg;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTest {

    @Test
    void runsBothHalvesOnceFromConcurrentCallersAndPropagatesFailures() throws Exception {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        for (int i = 0; i < 2000; i++) {
            Parallel.runPair(a::incrementAndGet, b::incrementAndGet);
        }
        assertEquals(2000, a.get());
        assertEquals(2000, b.get());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            AtomicInteger count = new AtomicInteger();
            Future<?>[] f = new Future<?>[3];
            for (int t = 0; t < 3; t++) {
                f[t] = pool.submit(() -> {
                    for (int it = 0; it < 500; it++) {
                        int i = it;
                        long[] sum = new long[2];
                        Parallel.runPair(() -> sum[0] = busy(i), () -> sum[1] = busy(i + 1));
                        if (sum[0] == busy(i) && sum[1] == busy(i + 1)) {
                            count.incrementAndGet();
                        }
                    }
                });
            }
            for (Future<?> x : f) {
                x.get();
            }
            assertEquals(1500, count.get());
        } finally {
            pool.shutdownNow();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Parallel.runPair(() -> { }, () -> {
                    throw new IllegalStateException("from b");
                }));
        assertEquals("from b", e.getMessage());
        int n = 1000;
        int mid = Parallel.lowerTriangleSplit(n);
        long lower = (long) mid * (mid - 1) / 2;
        long total = (long) n * (n - 1) / 2;
        assertTrue(Math.abs(2 * lower - total) < 2L * n, "halves of the lower triangle");
    }

    private static long busy(int seed) {
        long s = seed;
        for (int i = 0; i < 200; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
        }
        return s;
    }
}

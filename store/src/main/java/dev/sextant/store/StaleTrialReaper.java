package dev.sextant.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link DatabaseStorage#reapStale} for one study on a daemon thread every interval, so that trials of crashed
 * workers are abandoned (or re-queued) without anyone asking. Any number of processes may run one for the same
 * study: each stale trial is still reaped exactly once. Thread-safe. Obtain from
 * {@link DatabaseStorage#startReaper}; close it to stop.
 */
public final class StaleTrialReaper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StaleTrialReaper.class);

    private final ScheduledExecutorService timer;
    private final AtomicLong abandoned = new AtomicLong();

    StaleTrialReaper(DatabaseStorage storage, String study, Duration timeout, StaleTrialPolicy policy, Duration every) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("reaper interval must be positive, got " + every);
        }
        storage.loadStudy(study).orElseThrow(() -> new dev.sextant.core.study.UnknownStudyException(
                "no study named '" + study + "' to watch for stale trials"));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sextant-reaper-" + study);
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, every.toMillis());
        timer.scheduleWithFixedDelay(() -> {
            try {
                abandoned.addAndGet(storage.reapStale(study, timeout, policy).abandoned().size());
            } catch (RuntimeException e) {
                LOG.warn("reaping stale trials of study '{}' failed; retrying in {}: {}", study, every, e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** How many trials this reaper has abandoned so far. */
    public long abandonedCount() {
        return abandoned.get();
    }

    @Override
    public void close() {
        // shutdown, not shutdownNow: interrupting a thread inside an H2 write closes the database file (H2 uses
        // interruptible NIO channels), so a running round finishes and no further one starts
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.sextant.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a worker's RUNNING trials alive: a daemon thread sends one heartbeat statement per study every interval for
 * all tracked trials. Trials that are no longer RUNNING (told, failed, abandoned or reaped) stop being tracked on the
 * next beat. A failed beat (database briefly unreachable) is logged and retried at the next interval. Thread-safe.
 * Obtain from {@link DatabaseStorage#startHeartbeats}; close it when the worker stops (the trials then go stale and
 * a reaper abandons them, which is the point when a worker dies).
 */
public final class Heartbeats implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);

    private final DatabaseStorage storage;
    private final ScheduledExecutorService timer;
    private final Map<String, Set<Long>> tracked = new ConcurrentHashMap<>();

    Heartbeats(DatabaseStorage storage, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive, got " + interval);
        }
        this.storage = storage;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sextant-heartbeats");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Starts sending heartbeats for a RUNNING trial. */
    public void track(String study, long trialNumber) {
        tracked.computeIfAbsent(study, k -> ConcurrentHashMap.newKeySet()).add(trialNumber);
    }

    /** Stops sending heartbeats for a trial (not needed after a tell: finished trials drop out by themselves). */
    public void untrack(String study, long trialNumber) {
        Set<Long> ids = tracked.get(study);
        if (ids != null) {
            ids.remove(trialNumber);
        }
    }

    /** The trials currently tracked, per study (a copy). */
    public Map<String, Set<Long>> tracked() {
        Map<String, Set<Long>> copy = new java.util.HashMap<>();
        tracked.forEach((study, ids) -> {
            if (!ids.isEmpty()) {
                copy.put(study, Set.copyOf(ids));
            }
        });
        return copy;
    }

    /** One round of heartbeats now (the timer calls this; exposed for tests and for workers that want to force one). */
    public void beat() {
        for (Map.Entry<String, Set<Long>> entry : tracked.entrySet()) {
            List<Long> ids = new ArrayList<>(entry.getValue());
            if (ids.isEmpty()) {
                continue;
            }
            try {
                Set<Long> running = new HashSet<>(storage.heartbeatAll(entry.getKey(), ids));
                for (Long id : ids) {
                    if (!running.contains(id)) {
                        entry.getValue().remove(id);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("heartbeat for study '{}' failed; retrying at the next interval: {}", entry.getKey(),
                        e.toString());
            }
        }
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

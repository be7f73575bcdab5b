package dev.sextant.store;

import dev.sextant.core.study.GenerationLease;
import dev.sextant.core.study.GenerationLeaseLostException;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generation leases of one {@link DatabaseStorage}: a lease is the pair (holder, expiry) on the study row
 * (columns {@code generation_holder}, {@code generation_expires} in epoch milliseconds). Taking it is one UPDATE that
 * succeeds only when nobody holds it or the holder's expiry has passed; a taker that finds it held polls with a short
 * randomised back-off. While held, a daemon thread renews it every third of its length, and every trial created by
 * the holding thread renews it in the creating transaction, which also checks that the lease is still this thread's
 * (the fence: a holder that stalled past its expiry and lost the lease creates nothing). Releasing clears the row.
 * A holder that dies stops renewing, so the lease expires after at most {@link StoreOptions#generationLease()}.
 * Holder ids name the host, the process, this storage instance and the thread. Thread-safe.
 */
final class GenerationLeases implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationLeases.class);

    private final DatabaseStorage storage;
    private final Duration length;
    private final String instance;
    /** Study row id → holder id, for the leases this storage holds now (renewed by the timer). */
    private final Map<Long, String> held = new ConcurrentHashMap<>();
    /** The study row ids whose lease the current thread holds. */
    private final ThreadLocal<java.util.Set<Long>> mine = ThreadLocal.withInitial(java.util.HashSet::new);
    /** How long an announcement of waiting lives without renewal, and how often a waiter renews it (milliseconds). */
    static final long ANNOUNCE_TTL_MS = 3000;
    static final long ANNOUNCE_EVERY_MS = 1000;
    /** The current thread's waits in progress, by study row id. */
    private final ThreadLocal<Map<Long, Waiting>> waiting = ThreadLocal.withInitial(java.util.HashMap::new);
    private final AtomicLong waitNanos = new AtomicLong();
    private final AtomicLong acquisitions = new AtomicLong();
    private final AtomicLong maxWaitNanos = new AtomicLong();
    private volatile ScheduledExecutorService renewer;

    /** A wait in progress: since when (nanoTime), the slots announced (0: none) and when (epoch ms). */
    private static final class Waiting {
        final long since;
        int announced;
        long announcedAt;

        Waiting(long since) {
            this.since = since;
        }
    }

    GenerationLeases(DatabaseStorage storage, Duration length) {
        this.storage = storage;
        this.length = length;
        this.instance = host() + ":" + ProcessHandle.current().pid() + ":"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private String holder() {
        return instance + ":t" + Thread.currentThread().getId();
    }

    /** Takes the lease of the study with row id {@code studyId}, waiting as long as another holder has it. */
    GenerationLease acquire(long studyId, Runnable checkStudyExists) {
        if (mine.get().contains(studyId)) {
            throw new IllegalStateException("this thread already holds the generation lease of this study (not re-entrant)");
        }
        String me = holder();
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            if (tryTake(studyId, me)) {
                break;
            }
            if (attempt % 20 == 1) {
                checkStudyExists.run();   // a deleted study would otherwise be waited for forever
            }
            try {
                Thread.sleep(2 + ThreadLocalRandom.current().nextLong(Math.min(50, 4L * attempt)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for the generation lease", e);
            }
        }
        recordWait(System.nanoTime() - start);
        return taken(studyId, me, 0);
    }

    /**
     * Takes the lease of the study with row id {@code studyId} if it is free (or expired), without waiting. When it
     * is held by another, and {@code waitingFor > 0}, announces in {@code generation_waiters} that this thread waits
     * for that many trials (written on the first call and when the count changes, renewed every
     * {@link #ANNOUNCE_EVERY_MS} ms, expiring {@link #ANNOUNCE_TTL_MS} ms after the last renewal); the taken lease
     * reports the other waiters' sum. {@code unknownStudy} makes the exception thrown when the study row is gone.
     * The time from the first unsuccessful call to the lease (or to {@link #stopWaiting}) counts as wait time.
     */
    Optional<GenerationLease> tryAcquire(long studyId, int waitingFor,
                                         java.util.function.Supplier<RuntimeException> unknownStudy) {
        if (mine.get().contains(studyId)) {
            throw new IllegalStateException("this thread already holds the generation lease of this study (not re-entrant)");
        }
        String me = holder();
        Waiting w = waiting.get().get(studyId);
        int others = storage.transaction(s -> {
            long now = System.currentTimeMillis();
            int n = update(s, "UPDATE studies SET generation_holder = ?, generation_expires = ? WHERE id = ? "
                    + "AND (generation_holder IS NULL OR generation_expires < ?)", me, now + length.toMillis(), studyId, now);
            if (n == 0) {
                return -1;
            }
            if (w != null && w.announced > 0) {
                update(s, "DELETE FROM generation_waiters WHERE study_id = ? AND asker = ?", studyId, me);
            }
            Number sum = (Number) s.createNativeQuery("SELECT COALESCE(SUM(slots), 0) FROM generation_waiters "
                    + "WHERE study_id = :sid AND expires > :now AND asker <> :me")
                    .setParameter("sid", studyId).setParameter("now", now).setParameter("me", me)
                    .getSingleResult();
            return sum.intValue();
        });
        if (others >= 0) {
            if (w != null) {
                waiting.get().remove(studyId);
                recordWait(System.nanoTime() - w.since);
            } else {
                recordWait(0);
            }
            return Optional.of(taken(studyId, me, others));
        }
        announce(studyId, waitingFor, unknownStudy);
        return Optional.empty();
    }

    /**
     * Announces in {@code generation_waiters} that this thread waits for {@code waitingFor} trials of the study, without
     * trying to take its lease (written on the first call and when the count changes, renewed every
     * {@link #ANNOUNCE_EVERY_MS} ms, expiring {@link #ANNOUNCE_TTL_MS} ms after the last renewal; 0: nothing written);
     * the wait ends at the lease or at {@link #stopWaiting}. {@code unknownStudy} makes the exception thrown when the
     * study row is gone.
     */
    void announce(long studyId, int waitingFor, java.util.function.Supplier<RuntimeException> unknownStudy) {
        String me = holder();
        Waiting w = waiting.get().get(studyId);
        Waiting current = w != null ? w : new Waiting(System.nanoTime());
        waiting.get().put(studyId, current);
        long millis = System.currentTimeMillis();
        if (waitingFor > 0 && (current.announced != waitingFor || millis - current.announcedAt >= ANNOUNCE_EVERY_MS)) {
            boolean exists = storage.transaction(s -> {
                update(s, "DELETE FROM generation_waiters WHERE study_id = ? AND asker = ?", studyId, me);
                if (s.createNativeQuery("SELECT COUNT(*) FROM studies WHERE id = :sid", Long.class)
                        .setParameter("sid", studyId).getSingleResult() == 0) {
                    return false;
                }
                update(s, "INSERT INTO generation_waiters (study_id, asker, slots, expires) VALUES (?, ?, ?, ?)",
                        studyId, me, waitingFor, millis + ANNOUNCE_TTL_MS);
                return true;
            });
            if (!exists) {
                waiting.get().remove(studyId);
                throw unknownStudy.get();
            }
            current.announced = waitingFor;
            current.announcedAt = millis;
        }
    }

    /** Ends this thread's wait for the study's trials: deletes its announcement and counts the time waited. */
    void stopWaiting(long studyId) {
        Waiting w = waiting.get().remove(studyId);
        if (w == null) {
            return;
        }
        recordWait(System.nanoTime() - w.since);
        if (w.announced > 0) {
            String me = holder();
            try {
                storage.transaction(s -> update(s, "DELETE FROM generation_waiters WHERE study_id = ? AND asker = ?",
                        studyId, me));
            } catch (RuntimeException e) {
                LOG.warn("could not withdraw a generation-lease announcement (it expires by itself): {}", e.toString());
            }
        }
    }

    private void recordWait(long waited) {
        waitNanos.addAndGet(waited);
        maxWaitNanos.accumulateAndGet(waited, Math::max);
    }

    /** Registers a lease just taken by this thread and returns its handle. */
    private GenerationLease taken(long studyId, String me, int others) {
        acquisitions.incrementAndGet();
        held.put(studyId, me);
        mine.get().add(studyId);
        startRenewer();
        Thread owner = Thread.currentThread();
        return new GenerationLease() {
            private boolean closed;

            @Override
            public int waitingElsewhere() {
                return others;
            }

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                if (Thread.currentThread() == owner) {
                    mine.get().remove(studyId);
                }
                held.remove(studyId, me);
                try {
                    storage.transaction(s -> update(s, "UPDATE studies SET generation_holder = NULL, "
                            + "generation_expires = NULL WHERE id = ? AND generation_holder = ?", studyId, me));
                } catch (RuntimeException e) {
                    LOG.warn("could not release the generation lease (it expires by itself in {}): {}", length,
                            e.toString());
                }
            }
        };
    }

    private boolean tryTake(long studyId, String me) {
        long now = System.currentTimeMillis();
        int n = storage.transaction(s -> update(s, "UPDATE studies SET generation_holder = ?, generation_expires = ? "
                + "WHERE id = ? AND (generation_holder IS NULL OR generation_expires < ?)",
                me, now + length.toMillis(), studyId, now));
        return n == 1;
    }

    /**
     * The SQL that numbers a new trial inside the caller's transaction: when the current thread holds the study's
     * lease, the same UPDATE renews it and succeeds only while it is still this thread's; returns the rows updated.
     * Throws {@link GenerationLeaseLostException} when the lease was lost (the caller's transaction then rolls back).
     */
    int incrementTrialCount(Session s, long studyId) {
        if (!mine.get().contains(studyId)) {
            return update(s, "UPDATE studies SET trial_count = trial_count + 1 WHERE id = ?", studyId);
        }
        String me = holder();
        int n = update(s, "UPDATE studies SET trial_count = trial_count + 1, generation_expires = ? "
                + "WHERE id = ? AND generation_holder = ?", System.currentTimeMillis() + length.toMillis(), studyId, me);
        if (n == 0 && s.createNativeQuery("SELECT COUNT(*) FROM studies WHERE id = :sid", Long.class)
                .setParameter("sid", studyId).getSingleResult() == 1) {
            throw new GenerationLeaseLostException("the generation lease of this study expired while this worker "
                    + "was generating (stalled for more than " + length + "); another worker holds it now");
        }
        return n;
    }

    private static int update(Session s, String sql, Object... args) {
        return s.doReturningWork(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    st.setObject(i + 1, args[i]);
                }
                return st.executeUpdate();
            }
        });
    }

    private void startRenewer() {
        if (renewer != null) {
            return;
        }
        synchronized (this) {
            if (renewer == null) {
                ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread th = new Thread(r, "sextant-lease-renewal");
                    th.setDaemon(true);
                    return th;
                });
                long every = Math.max(100, length.toMillis() / 3);
                t.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
                renewer = t;
            }
        }
    }

    private void renew() {
        for (Map.Entry<Long, String> e : held.entrySet()) {
            try {
                storage.transaction(s -> update(s, "UPDATE studies SET generation_expires = ? WHERE id = ? "
                        + "AND generation_holder = ?", System.currentTimeMillis() + length.toMillis(), e.getKey(),
                        e.getValue()));
            } catch (RuntimeException ex) {
                LOG.warn("renewing a generation lease failed; retrying: {}", ex.toString());
            }
        }
    }

    /** Total time callers waited for leases, in nanoseconds. */
    long waitNanos() {
        return waitNanos.get();
    }

    long maxWaitNanos() {
        return maxWaitNanos.get();
    }

    long acquisitions() {
        return acquisitions.get();
    }

    @Override
    public void close() {
        ScheduledExecutorService t = renewer;
        if (t != null) {
            t.shutdown();   // not shutdownNow: an interrupt inside an H2 write would close the database file
            try {
                t.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

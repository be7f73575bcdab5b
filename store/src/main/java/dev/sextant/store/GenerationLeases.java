package dev.sextant.store;

import dev.sextant.core.study.GenerationLease;
import dev.sextant.core.study.GenerationLeaseLostException;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
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
    private final AtomicLong waitNanos = new AtomicLong();
    private final AtomicLong acquisitions = new AtomicLong();
    private final AtomicLong maxWaitNanos = new AtomicLong();
    private volatile ScheduledExecutorService renewer;

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
        long waited = System.nanoTime() - start;
        waitNanos.addAndGet(waited);
        maxWaitNanos.accumulateAndGet(waited, Math::max);
        acquisitions.incrementAndGet();
        held.put(studyId, me);
        mine.get().add(studyId);
        startRenewer();
        Thread owner = Thread.currentThread();
        return new GenerationLease() {
            private boolean closed;

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

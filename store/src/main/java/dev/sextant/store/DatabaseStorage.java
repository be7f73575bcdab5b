package dev.sextant.store;

import dev.sextant.core.study.InvalidObservationException;
import dev.sextant.core.study.Storage;
import dev.sextant.core.study.StudyExistsException;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.study.StudySpecCodec;
import dev.sextant.core.study.UnknownStudyException;
import dev.sextant.core.study.UnknownTrialException;
import dev.sextant.core.trial.IllegalTransitionException;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import dev.sextant.store.entity.GenerationRecord;
import dev.sextant.store.entity.ObservationValue;
import dev.sextant.store.entity.ObjectiveColumns;
import dev.sextant.store.entity.StudyEntity;
import dev.sextant.store.entity.TrialEntity;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.hibernate.exception.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bo-core {@link Storage} on a relational database through Hibernate ORM: an H2 file (the default, shareable by
 * several processes on one machine through H2's automatic mixed mode) or PostgreSQL (many workers on many machines).
 *
 * <p>Contract (as {@link Storage}): returned trials are immutable snapshots; trials are numbered 1, 2, 3 ... per
 * study: creating a trial increments the study row's {@code trial_count} in the same transaction that inserts the
 * trial, so the row lock hands each number to exactly one trial even across processes (the table's identity
 * {@code id} stays internal: observations and notes refer to it); each call is one database transaction,
 * every state change is checked with {@link TrialState#canTransitionTo} inside it, and a rejected call rolls back
 * and changes nothing. Concurrent changes to the same trial are serialised by optimistic locking (a version column)
 * and retried; {@link #claimCandidate} uses {@code SELECT ... FOR UPDATE SKIP LOCKED} so concurrent claimers never
 * take the same candidate.
 *
 * <p>Crash safety: every told value is committed before the call returns. A worker keeps its RUNNING trials alive
 * with {@link #heartbeat} (or a {@link Heartbeats} helper from {@link #startHeartbeats}); {@link #reapStale} turns
 * trials whose heartbeat is older than a timeout into ABANDONED (optionally re-queued). Heartbeats use the clock of
 * the calling JVM, so machines sharing a database should keep their clocks in sync (timeouts of minutes are safe).
 *
 * <p>Thread-safe; open one per process and share it.
 */
public final class DatabaseStorage implements Storage {
    /** Environment variable naming the database when no --db option is given. */
    public static final String ENVIRONMENT_VARIABLE = "SEXTANT_DB";
    /** Environment variable naming the folder of the default store (default {@code ~/.sextant}). */
    public static final String HOME_VARIABLE = "SEXTANT_HOME";

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseStorage.class);
    private static final int MAX_ATTEMPTS = 25;

    private final Database db;
    private final java.util.concurrent.atomic.AtomicLong retries = new java.util.concurrent.atomic.AtomicLong();
    private final ConcurrentHashMap<String, StudyRef> studies = new ConcurrentHashMap<>();

    /**
     * A study's row id and (immutable) spec, cached: a study never changes. {@link #deleteStudy} evicts it; a study
     * deleted by another process is evicted when creating a trial finds its row gone.
     */
    private record StudyRef(long id, StudySpec spec) { }

    private final GenerationLeases leases;

    private DatabaseStorage(Database db) {
        this.db = db;
        this.leases = new GenerationLeases(this, db.options.generationLease());
    }

    // ------------------------------------------------------------------ opening

    /** Opens (and migrates) the database at a JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...}). */
    public static DatabaseStorage open(String jdbcUrl) {
        return open(StoreOptions.of(jdbcUrl));
    }

    public static DatabaseStorage open(String jdbcUrl, String user, String password) {
        return open(StoreOptions.of(jdbcUrl).withCredentials(user, password));
    }

    public static DatabaseStorage open(StoreOptions options) {
        return new DatabaseStorage(Database.open(options));
    }

    /**
     * The database URL to use: the command-line value (e.g. {@code --db}) when given, else the {@value
     * #ENVIRONMENT_VARIABLE} environment variable when set, else {@link #defaultUrl()}.
     */
    public static String resolveUrl(String cliValue) {
        return resolveUrl(cliValue, System.getenv());
    }

    static String resolveUrl(String cliValue, Map<String, String> environment) {
        if (cliValue != null && !cliValue.isBlank()) {
            return cliValue.strip();
        }
        String env = environment.get(ENVIRONMENT_VARIABLE);
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        return defaultUrl(home(environment, System.getProperty("user.home")));
    }

    /**
     * The user's default store: one H2 file, {@code sextant.mv.db} in {@link #home()}, that several local processes
     * share (AUTO_SERVER), whichever folder a command is started from.
     */
    public static String defaultUrl() {
        return defaultUrl(home());
    }

    /** The default store in {@code folder}: {@code jdbc:h2:file:<folder>/sextant;AUTO_SERVER=TRUE}. */
    public static String defaultUrl(java.nio.file.Path folder) {
        return "jdbc:h2:file:" + folder.toAbsolutePath().normalize().resolve("sextant") + ";AUTO_SERVER=TRUE";
    }

    /** The folder of the default store: {@value #HOME_VARIABLE} when set, else {@code .sextant} in the user's home. */
    public static java.nio.file.Path home() {
        return home(System.getenv(), System.getProperty("user.home"));
    }

    static java.nio.file.Path home(Map<String, String> environment, String userHome) {
        String h = environment.get(HOME_VARIABLE);
        if (h != null && !h.isBlank()) {
            return java.nio.file.Path.of(h.strip()).toAbsolutePath().normalize();
        }
        return java.nio.file.Path.of(userHome, ".sextant").toAbsolutePath().normalize();
    }

    /** The options this storage was opened with. */
    public StoreOptions options() {
        return db.options;
    }

    /** The applied schema version (Flyway history table {@code schema_version}), e.g. "2". */
    public String schemaVersion() {
        var current = Database.flyway(db.dataSource).info().current();
        return current == null ? "0" : current.getVersion().getVersion();
    }

    /** How many transactions this storage has retried after a conflict or a lost connection (diagnostics). */
    public long retryCount() {
        return retries.get();
    }

    /** The pooled data source (tests, tools). */
    javax.sql.DataSource dataSource() {
        return db.dataSource;
    }

    /** Generation-lease statistics of this storage: acquisitions, total and longest wait. */
    public record LeaseStats(long acquisitions, Duration totalWait, Duration maxWait) {
    }

    /** How often this storage took a generation lease and how long its callers waited for it (diagnostics). */
    public LeaseStats leaseStats() {
        return new LeaseStats(leases.acquisitions(), Duration.ofNanos(leases.waitNanos()),
                Duration.ofNanos(leases.maxWaitNanos()));
    }

    @Override
    public void close() {
        try {
            leases.close();
        } finally {
            db.close();
        }
    }

    // ------------------------------------------------------------------ studies

    @Override
    public void createStudy(StudySpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("study spec is null");
        }
        Map<String, Object> map = StudySpecCodec.toMap(spec);
        Object generation = map.get("generation");
        String specJson = Json.write(map);
        String generationJson = generation == null ? null : Json.write(generation);
        try {
            long id = transaction(s -> {
                if (findStudy(s, spec.name()) != null) {
                    throw studyExists(spec.name());
                }
                StudyEntity e = new StudyEntity(spec.name(), specJson, spec.objectives().stream()
                        .map(o -> new ObjectiveColumns(o.metric(), o.goal().name(), o.threshold())).toList(),
                        generationJson, spec.seed(), now());
                s.persist(e);
                s.flush();
                return e.getId();
            });
            studies.put(spec.name(), new StudyRef(id, spec));
        } catch (RuntimeException e) {   // another process created it between our check and insert
            if (causedBy(e, ConstraintViolationException.class) && lookup(spec.name()) != null) {
                throw studyExists(spec.name());
            }
            throw e;
        }
    }

    private static StudyExistsException studyExists(String name) {
        return new StudyExistsException("study '" + name + "' already exists; choose another name or open it");
    }

    @Override
    public Optional<StudySpec> loadStudy(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(lookup(name)).map(StudyRef::spec);
    }

    /**
     * Deletes the study, its trials, their observations and all notes, in one transaction. Throws
     * {@link UnknownStudyException} for an unknown study (nothing changes then).
     */
    @Override
    public void deleteStudy(String name) {
        StudyRef ref = require(name);
        int deleted = transaction(s -> {
            String trialsOfStudy = "(SELECT t.id FROM trials t WHERE t.study_id = :sid)";
            for (String sql : List.of(
                    "DELETE FROM observations WHERE trial_id IN " + trialsOfStudy,
                    "DELETE FROM trial_attributes WHERE trial_id IN " + trialsOfStudy,
                    "DELETE FROM trials WHERE study_id = :sid",
                    "DELETE FROM study_attributes WHERE study_id = :sid",
                    "DELETE FROM study_objectives WHERE study_id = :sid",
                    "DELETE FROM generation_waiters WHERE study_id = :sid")) {
                s.createNativeMutationQuery(sql).setParameter("sid", ref.id()).executeUpdate();
            }
            return s.createNativeMutationQuery("DELETE FROM studies WHERE id = :sid").setParameter("sid", ref.id())
                    .executeUpdate();
        });
        studies.remove(name, ref);
        if (deleted == 0) {   // deleted by another process since we cached it (and maybe created again there)
            StudyRef now = lookup(name);
            if (now == null || now.id() == ref.id()) {
                throw unknownStudy(name);
            }
            deleteStudy(name);
            return;
        }
        LOG.info("deleted study '{}'", name);
    }

    @Override
    public List<String> studyNames() {
        return read(s -> s.createSelectionQuery("select e.name from StudyEntity e order by e.id", String.class)
                .getResultList());
    }

    // ------------------------------------------------------------------ trials

    @Override
    public Trial createTrial(String study, TrialState state, Map<String, Object> parameters,
                             Map<String, Observation> values, String generator, Map<String, Object> generation,
                             String worker) {
        StudyRef ref = require(study);
        if (parameters == null) {
            throw new IllegalArgumentException("a new trial needs parameters");
        }
        if (state != TrialState.CANDIDATE && state != TrialState.RUNNING && state != TrialState.COMPLETED) {
            throw new IllegalArgumentException("a new trial must be CANDIDATE, RUNNING or COMPLETED, not " + state);
        }
        checkLength("worker id", worker);
        checkLength("generator name", generator);
        Map<String, Observation> vals = values == null ? Map.of() : values;
        if (state == TrialState.COMPLETED) {
            checkObservations(ref, vals, "a COMPLETED trial");
        } else if (!vals.isEmpty()) {
            throw new InvalidObservationException("a " + state + " trial cannot have values; create it COMPLETED "
                    + "or tell it later");
        }
        // the Trial record checks the maps hold only JSON-able values and makes canonical copies of them
        Trial checked = new Trial(1, study, state, parameters, vals, generator, generation, Instant.EPOCH,
                Instant.EPOCH, null, worker);
        String parametersJson = Json.write(checked.parameters());
        GenerationRecord record = generationRecord(generator, checked.generation());
        return transaction(s -> {
            long number = nextNumber(s, study, ref);
            Instant now = now();
            TrialEntity e = new TrialEntity(s.getReference(StudyEntity.class, ref.id()), number, state.name(),
                    parametersJson, record, now, worker, state == TrialState.RUNNING ? now : null);
            if (state == TrialState.COMPLETED) {
                e.setFinished(now);
                vals.forEach((metric, o) -> e.getObservations().put(metric, new ObservationValue(o.mean(), o.sem())));
            }
            s.persist(e);
            s.flush();
            return snapshot(study, e);
        });
    }

    /**
     * Hands out the study's next trial number inside the caller's transaction: the UPDATE locks the study row until
     * the transaction ends, so concurrent creators (in any process) wait and each gets its own number; a rollback
     * gives the number back. When the calling thread holds the study's generation lease, the same UPDATE renews it
     * and fails with {@link dev.sextant.core.study.GenerationLeaseLostException} when it has expired meanwhile. Throws {@link UnknownStudyException} (and forgets the cached study) when the study
     * row is gone, i.e. another process deleted it.
     */
    private long nextNumber(Session s, String study, StudyRef ref) {
        int updated = leases.incrementTrialCount(s, ref.id());
        if (updated == 0) {
            studies.remove(study, ref);
            throw unknownStudy(study);
        }
        return s.createNativeQuery("SELECT trial_count FROM studies WHERE id = :sid", Long.class)
                .setParameter("sid", ref.id()).getSingleResult();
    }

    /**
     * Takes the study's generation lease (see {@link GenerationLeases}): waits while a worker in any process sharing
     * the database holds it; a holder that died loses it after {@link StoreOptions#generationLease()} at most.
     * Not re-entrant. Close the returned lease to release it.
     */
    @Override
    public dev.sextant.core.study.GenerationLease acquireGenerationLease(String study) {
        StudyRef ref = require(study);
        return leases.acquire(ref.id(), () -> {
            boolean exists = read(s -> s.createNativeQuery("SELECT COUNT(*) FROM studies WHERE id = :sid", Long.class)
                    .setParameter("sid", ref.id()).getSingleResult()) == 1;
            if (!exists) {
                studies.remove(study, ref);
                throw unknownStudy(study);
            }
        });
    }

    /**
     * Takes the study's generation lease without waiting, or announces that the calling thread waits for
     * {@code waitingFor} trials (see {@link GenerationLeases#tryAcquire}).
     */
    @Override
    public Optional<dev.sextant.core.study.GenerationLease> tryAcquireGenerationLease(String study, int waitingFor) {
        StudyRef ref = require(study);
        return leases.tryAcquire(ref.id(), waitingFor, () -> {
            studies.remove(study, ref);
            return unknownStudy(study);
        });
    }

    /** Announces that the calling thread waits for {@code count} trials, without taking the lease (see {@link GenerationLeases#announce}). */
    @Override
    public void announceWaiting(String study, int count) {
        StudyRef ref = require(study);
        leases.announce(ref.id(), count, () -> {
            studies.remove(study, ref);
            return unknownStudy(study);
        });
    }

    @Override
    public void stopWaiting(String study) {
        StudyRef ref = studies.get(study);
        if (ref != null) {
            leases.stopWaiting(ref.id());
        }
    }

    /**
     * RUNNING or CANDIDATE → ABANDONED plus a new CANDIDATE with the same parameters and generation record (marked
     * as re-queued from it), in one transaction.
     */
    @Override
    public Trial requeue(String study, long trialNumber) {
        StudyRef ref = require(study);
        return transaction(s -> {
            TrialEntity e = load(s, ref, study, trialNumber);
            TrialState current = TrialState.valueOf(e.getState());
            if (!current.canTransitionTo(TrialState.ABANDONED)) {
                throw new IllegalTransitionException(trialNumber, current, TrialState.ABANDONED);
            }
            Instant now = now();
            e.setState(TrialState.ABANDONED.name());
            e.setUpdated(now);
            e.setFinished(now);
            TrialEntity c = new TrialEntity(e.getStudy(), nextNumber(s, study, ref), TrialState.CANDIDATE.name(),
                    e.getParametersJson(), e.getGeneration(), now, null, null);
            c.setRequeuedFrom(e.getId());
            s.persist(c);
            s.flush();
            return snapshot(study, c);
        });
    }

    @Override
    public Optional<Trial> claimCandidate(String study, String worker) {
        StudyRef ref = require(study);
        checkLength("worker id", worker);
        return transaction(s -> {
            List<Long> ids = s.createNativeQuery("SELECT id FROM trials WHERE study_id = :sid AND state = 'CANDIDATE' "
                            + "ORDER BY trial_number FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED", Long.class)
                    .setParameter("sid", ref.id())
                    .getResultList();
            if (ids.isEmpty()) {
                return Optional.<Trial>empty();
            }
            TrialEntity e = s.find(TrialEntity.class, ids.get(0));
            if (!TrialState.CANDIDATE.name().equals(e.getState())) {   // cannot happen under the row lock; be safe
                throw new ConcurrentChange();
            }
            Instant now = now();
            e.setState(TrialState.RUNNING.name());
            e.setWorker(worker);
            e.setHeartbeat(now);
            e.setUpdated(now);
            s.flush();
            return Optional.of(snapshot(study, e));
        });
    }

    @Override
    public Trial complete(String study, long trialNumber, Map<String, Observation> values) {
        StudyRef ref = require(study);
        if (values == null) {
            throw new IllegalArgumentException("completing trial " + trialNumber + " needs values");
        }
        checkObservations(ref, values, "trial " + trialNumber);
        return transition(study, ref, trialNumber, TrialState.COMPLETED, e ->
                values.forEach((metric, o) -> e.getObservations().put(metric, new ObservationValue(o.mean(), o.sem()))));
    }

    @Override
    public Trial fail(String study, long trialNumber, String reason) {
        StudyRef ref = require(study);
        return transition(study, ref, trialNumber, TrialState.FAILED, e -> e.setFailureReason(reason));
    }

    @Override
    public Trial abandon(String study, long trialNumber) {
        StudyRef ref = require(study);
        return transition(study, ref, trialNumber, TrialState.ABANDONED, e -> { });
    }

    private Trial transition(String study, StudyRef ref, long trialNumber, TrialState next,
                             java.util.function.Consumer<TrialEntity> change) {
        return transaction(s -> {
            TrialEntity e = load(s, ref, study, trialNumber);
            TrialState current = TrialState.valueOf(e.getState());
            if (!current.canTransitionTo(next)) {
                throw new IllegalTransitionException(trialNumber, current, next);
            }
            Instant now = now();
            change.accept(e);
            e.setState(next.name());
            e.setUpdated(now);
            if (next.isFinished()) {
                e.setFinished(now);
            }
            s.flush();
            return snapshot(study, e);
        });
    }

    /**
     * Records that the worker running the trial is alive: refreshes its heartbeat and {@code updated} time when it
     * is RUNNING; a no-op for other states. Does not bump the optimistic-lock version, so it never makes a
     * concurrent tell retry.
     */
    @Override
    public void heartbeat(String study, long trialNumber) {
        StudyRef ref = require(study);
        int updated = transaction(s -> {
            Instant now = now();
            return s.createMutationQuery("update TrialEntity t set t.heartbeat = :now, t.updated = :now "
                            + "where t.number = :n and t.study.id = :sid and t.state = 'RUNNING'")
                    .setParameter("now", now).setParameter("n", trialNumber).setParameter("sid", ref.id())
                    .executeUpdate();
        });
        if (updated == 0 && trial(study, trialNumber).isEmpty()) {
            throw unknownTrial(study, trialNumber);
        }
    }

    @Override
    public Optional<Trial> trial(String study, long trialNumber) {
        StudyRef ref = require(study);
        return read(s -> {
            List<TrialEntity> found = s.createSelectionQuery("from TrialEntity t left join fetch t.observations "
                            + "where t.number = :n and t.study.id = :sid", TrialEntity.class)
                    .setParameter("n", trialNumber).setParameter("sid", ref.id()).getResultList();
            return found.isEmpty() ? Optional.<Trial>empty() : Optional.of(snapshot(study, found.get(0)));
        });
    }

    @Override
    public List<Trial> trials(String study) {
        StudyRef ref = require(study);
        return read(s -> {
            List<TrialEntity> found = s.createSelectionQuery("from TrialEntity t left join fetch t.observations "
                    + "where t.study.id = :sid order by t.number", TrialEntity.class)
                    .setParameter("sid", ref.id()).getResultList();
            List<Trial> out = new ArrayList<>(found.size());
            for (TrialEntity e : found) {
                out.add(snapshot(study, e));
            }
            return List.copyOf(out);
        });
    }

    // ------------------------------------------------------------------ heartbeats and crash recovery

    /** When the trial's worker last sent a heartbeat (empty when it never did, e.g. a CANDIDATE). */
    public Optional<Instant> lastHeartbeat(String study, long trialNumber) {
        StudyRef ref = require(study);
        return read(s -> Optional.ofNullable(load(s, ref, study, trialNumber).getHeartbeat()));
    }

    /** Heartbeats for many RUNNING trials of a study in one statement; returns the numbers still RUNNING (updated). */
    List<Long> heartbeatAll(String study, Collection<Long> trialNumbers) {
        if (trialNumbers.isEmpty()) {
            return List.of();
        }
        StudyRef ref = require(study);
        return transaction(s -> {
            s.createMutationQuery("update TrialEntity t set t.heartbeat = :now, t.updated = :now "
                            + "where t.number in :ns and t.study.id = :sid and t.state = 'RUNNING'")
                    .setParameter("now", now()).setParameterList("ns", trialNumbers).setParameter("sid", ref.id())
                    .executeUpdate();
            return s.createSelectionQuery("select t.number from TrialEntity t where t.number in :ns "
                            + "and t.study.id = :sid and t.state = 'RUNNING'", Long.class)
                    .setParameterList("ns", trialNumbers).setParameter("sid", ref.id()).getResultList();
        });
    }

    /**
     * Starts a daemon thread that sends a heartbeat every {@code interval} for each trial given to
     * {@link Heartbeats#track}; trials that are no longer RUNNING are dropped automatically. Close it when the
     * worker stops.
     */
    public Heartbeats startHeartbeats(Duration interval) {
        return new Heartbeats(this, interval);
    }

    /**
     * Starts a daemon thread that calls {@link #reapStale}{@code (study, timeout, policy)} every {@code every}
     * (for a coordinator, e.g. the process running a campaign or the web server). Close it to stop.
     */
    public StaleTrialReaper startReaper(String study, Duration timeout, StaleTrialPolicy policy, Duration every) {
        return new StaleTrialReaper(this, study, timeout, policy, every);
    }

    /** The outcome of {@link #reapStale}: the trials made ABANDONED and, under REQUEUE, their new CANDIDATE copies. */
    public record Reaped(List<Trial> abandoned, List<Trial> requeued) {
        public Reaped {
            abandoned = List.copyOf(abandoned);
            requeued = List.copyOf(requeued);
        }
    }

    /**
     * Finds the study's RUNNING trials whose last heartbeat (or, without one, last update) is older than
     * {@code timeout} and marks them ABANDONED with failure reason "heartbeat missed"; under
     * {@link StaleTrialPolicy#REQUEUE} each also gets a new CANDIDATE with the same parameters. Each trial is
     * reaped in its own transaction and exactly once even when several processes reap at the same time.
     */
    public Reaped reapStale(String study, Duration timeout, StaleTrialPolicy policy) {
        StudyRef ref = require(study);
        Objects.requireNonNull(policy, "policy");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        Instant cutoff = now().minus(timeout);
        List<Long> stale = read(s -> s.createSelectionQuery("select t.id from TrialEntity t where t.study.id = :sid "
                        + "and t.state = 'RUNNING' and coalesce(t.heartbeat, t.updated) < :cutoff order by t.number", Long.class)
                .setParameter("sid", ref.id()).setParameter("cutoff", cutoff).getResultList());
        List<Trial> abandoned = new ArrayList<>();
        List<Trial> requeued = new ArrayList<>();
        for (long id : stale) {
            Trial[] pair = transaction(s -> {
                TrialEntity e = s.find(TrialEntity.class, id);
                Instant last = e.getHeartbeat() == null ? e.getUpdated() : e.getHeartbeat();
                if (!TrialState.RUNNING.name().equals(e.getState()) || !last.isBefore(cutoff)) {
                    return null;   // finished or revived meanwhile
                }
                Instant now = now();
                e.setState(TrialState.ABANDONED.name());
                e.setFailureReason("heartbeat missed: none since " + last + " (timeout " + timeout + ")");
                e.setUpdated(now);
                e.setFinished(now);
                Trial copy = null;
                if (policy == StaleTrialPolicy.REQUEUE) {
                    TrialEntity c = new TrialEntity(e.getStudy(), nextNumber(s, study, ref), TrialState.CANDIDATE.name(),
                            e.getParametersJson(), e.getGeneration(), now, null, null);
                    c.setRequeuedFrom(e.getId());
                    s.persist(c);
                    s.flush();
                    copy = snapshot(study, c);
                }
                s.flush();
                return new Trial[] {snapshot(study, e), copy};
            });
            if (pair != null) {
                abandoned.add(pair[0]);
                if (pair[1] != null) {
                    requeued.add(pair[1]);
                }
                LOG.info("study '{}': trial {} missed its heartbeat and was abandoned{}", study, pair[0].number(),
                        pair[1] == null ? "" : " (re-queued as trial " + pair[1].number() + ")");
            }
        }
        return new Reaped(abandoned, requeued);
    }

    /** The number of the abandoned trial a re-queued candidate copies, if it is one. */
    public Optional<Long> requeuedFrom(String study, long trialNumber) {
        StudyRef ref = require(study);
        return read(s -> {
            Long rowId = load(s, ref, study, trialNumber).getRequeuedFrom();
            return rowId == null ? Optional.<Long>empty() : Optional.of(s.find(TrialEntity.class, rowId).getNumber());
        });
    }

    // ------------------------------------------------------------------ user notes and attributes

    /** The study's user attributes (notes, tags...), a copy. */
    public Map<String, String> studyAttributes(String study) {
        StudyRef ref = require(study);
        return read(s -> Map.copyOf(s.find(StudyEntity.class, ref.id()).getAttributes()));
    }

    /** Sets (value non-null) or removes (value null) one user attribute of a study. */
    public void setStudyAttribute(String study, String key, String value) {
        StudyRef ref = require(study);
        checkKey(key);
        transaction(s -> {
            Map<String, String> attributes = s.find(StudyEntity.class, ref.id()).getAttributes();
            if (value == null) {
                attributes.remove(key);
            } else {
                attributes.put(key, value);
            }
            return null;
        });
    }

    /** The trial's user attributes, a copy. */
    public Map<String, String> trialAttributes(String study, long trialNumber) {
        StudyRef ref = require(study);
        return read(s -> Map.copyOf(load(s, ref, study, trialNumber).getAttributes()));
    }

    /** Sets (value non-null) or removes (value null) one user attribute of a trial, whatever its state. */
    public void setTrialAttribute(String study, long trialNumber, String key, String value) {
        StudyRef ref = require(study);
        checkKey(key);
        transaction(s -> {
            Map<String, String> attributes = load(s, ref, study, trialNumber).getAttributes();
            if (value == null) {
                attributes.remove(key);
            } else {
                attributes.put(key, value);
            }
            return null;
        });
    }

    private static void checkLength(String what, String value) {
        if (value != null && value.length() > 255) {
            throw new IllegalArgumentException(what + " is " + value.length() + " characters long; use at most 255");
        }
    }

    private static void checkKey(String key) {
        if (key == null || key.isBlank() || key.length() > 255) {
            throw new IllegalArgumentException("attribute key must be 1 to 255 characters, got '" + key + "'");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);   // what both databases keep
    }

    private StudyRef lookup(String name) {
        StudyRef ref = studies.get(name);
        if (ref != null) {
            return ref;
        }
        ref = read(s -> {
            StudyEntity e = findStudy(s, name);
            return e == null ? null : new StudyRef(e.getId(), StudySpecCodec.fromStoredMap(Json.readSpecMap(e.getSpecJson())));
        });
        if (ref != null) {
            studies.putIfAbsent(name, ref);
        }
        return ref;
    }

    private StudyRef require(String study) {
        Objects.requireNonNull(study, "study");
        StudyRef ref = lookup(study);
        if (ref == null) {
            throw unknownStudy(study);
        }
        return ref;
    }

    private UnknownStudyException unknownStudy(String study) {
        return new UnknownStudyException("no study named '" + study + "' in " + db.options.url()
                + "; create it first or check the name");
    }

    private static StudyEntity findStudy(Session s, String name) {
        return s.createSelectionQuery("from StudyEntity e where e.name = :name", StudyEntity.class)
                .setParameter("name", name).uniqueResult();
    }

    private static TrialEntity load(Session s, StudyRef ref, String study, long trialNumber) {
        TrialEntity e = s.createSelectionQuery("from TrialEntity t where t.study.id = :sid and t.number = :n",
                        TrialEntity.class)
                .setParameter("sid", ref.id()).setParameter("n", trialNumber).uniqueResult();
        if (e == null) {
            throw unknownTrial(study, trialNumber);
        }
        return e;
    }

    private static UnknownTrialException unknownTrial(String study, long trialNumber) {
        return new UnknownTrialException("study '" + study + "' has no trial " + trialNumber);
    }

    /** Values must be non-empty, name only metrics of the study, and be finite with sem >= 0 (or NaN). */
    private static void checkObservations(StudyRef ref, Map<String, Observation> values, String what) {
        if (values.isEmpty()) {
            throw new InvalidObservationException(what + ": no values given; expected " + ref.spec().metrics());
        }
        List<String> metrics = ref.spec().metrics();
        for (Map.Entry<String, Observation> v : values.entrySet()) {
            if (!metrics.contains(v.getKey())) {
                throw new InvalidObservationException(what + ": unknown metric '" + v.getKey() + "'; the study "
                        + "'" + ref.spec().name() + "' measures " + metrics);
            }
            Observation o = Objects.requireNonNull(v.getValue(), () -> "observation of " + v.getKey());
            if (!Double.isFinite(o.mean())) {
                throw new InvalidObservationException(what + ": value of '" + v.getKey() + "' must be finite, got "
                        + o.mean());
            }
            if (!Double.isNaN(o.sem()) && !(o.sem() >= 0 && Double.isFinite(o.sem()))) {
                throw new InvalidObservationException(what + ": sem of '" + v.getKey() + "' must be >= 0 and finite "
                        + "(or NaN when unknown), got " + o.sem());
            }
        }
    }

    private static GenerationRecord generationRecord(String generator, Map<String, Object> generation) {
        Map<String, Object> g = generation == null ? Map.of() : generation;
        Object hyper = g.get("hyperparameters");
        return new GenerationRecord(generator, Json.write(g), hyper == null ? null : Json.write(hyper),
                number(g.get("acquisition_value")), number(g.get("fit_seconds")), number(g.get("optimize_seconds")));
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }

    private static Trial snapshot(String study, TrialEntity e) {
        Map<String, Observation> values = new LinkedHashMap<>();
        e.getObservations().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(o -> values.put(o.getKey(), new Observation(o.getValue().getMean(), o.getValue().getSem())));
        GenerationRecord g = e.getGeneration();
        return new Trial(e.getNumber(), study, TrialState.valueOf(e.getState()), Json.readMap(e.getParametersJson()),
                values, g == null ? null : g.getGenerator(), g == null ? Map.of() : Json.readMap(g.getGenerationJson()),
                e.getCreated(), e.getUpdated(), e.getFailureReason(), e.getWorker());
    }

    /** Thrown inside a transaction to make it roll back and retry. */
    private static final class ConcurrentChange extends RuntimeException {
        ConcurrentChange() {
            super("concurrent change", null, false, false);
        }
    }

    /** Read-only work in a transaction (no retries needed beyond connection trouble). */
    private <T> T read(Function<Session, T> work) {
        return transaction(work);
    }

    /**
     * Runs work in one transaction, committing on success and rolling back on any exception. Conflicts with
     * concurrent transactions (optimistic lock failures, lock timeouts, deadlocks, serialisation failures) and lost
     * connections are retried with a short randomised back-off; everything else propagates unchanged.
     */
    <T> T transaction(Function<Session, T> work) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try (Session s = db.sessions.openSession()) {
                Transaction tx = s.beginTransaction();
                try {
                    T result = work.apply(s);
                    tx.commit();
                    return result;
                } catch (RuntimeException e) {
                    if (tx.isActive()) {
                        try {
                            tx.rollback();
                        } catch (RuntimeException rollbackFailure) {
                            e.addSuppressed(rollbackFailure);
                        }
                    }
                    throw e;
                }
            } catch (RuntimeException e) {
                if (!retryable(e)) {
                    throw e;
                }
                last = e;
                retries.incrementAndGet();
                if (brokenConnection(e)) {
                    // the pool cannot tell an H2 connection whose AUTO_SERVER host went away from a good one: drop the
                    // pooled connections so that the next attempt connects afresh (and takes the file over if needed)
                    db.dataSource.getHikariPoolMXBean().softEvictConnections();
                }
                LOG.debug("retrying a conflicting transaction (attempt {}): {}", attempt, e.toString());
                backOff(attempt);
            }
        }
        throw new StoreException("the database stayed busy or unreachable after " + MAX_ATTEMPTS + " attempts ("
                + db.options.url() + "): " + last.getMessage(), last);
    }

    private static void backOff(int attempt) {
        // jitter only spreads retries of competing workers in time; it never affects results
        long maxMillis = Math.min(200, 2L << Math.min(attempt, 7));
        try {
            Thread.sleep(1 + ThreadLocalRandom.current().nextLong(maxMillis));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a database transaction", ie);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code e} says the connection itself is dead (H2: session or database closed, connection broken). */
    static boolean brokenConnection(Throwable e) {
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                int code = sql.getErrorCode();
                String state = sql.getSQLState();
                if (code == 90067 || code == 90098 || code == 90121 || (state != null && state.startsWith("08"))) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean retryable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConcurrentChange
                    || c instanceof jakarta.persistence.OptimisticLockException
                    || c instanceof jakarta.persistence.PessimisticLockException
                    || c instanceof jakarta.persistence.LockTimeoutException
                    || c instanceof org.hibernate.StaleStateException
                    || c instanceof org.hibernate.PessimisticLockException
                    || c instanceof org.hibernate.exception.LockAcquisitionException
                    || c instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (c instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("40") || state.startsWith("08") || state.equals("HYT00"))) {
                    return true;   // serialisation failure / deadlock, connection lost, H2 lock timeout
                }
                int code = sql.getErrorCode();
                if (code == 90131 || code == 50200 || code == 90067 || code == 90098 || code == 90121) {
                    return true;   // H2: concurrent update, lock timeout, connection broken, database closed (server handover)
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}

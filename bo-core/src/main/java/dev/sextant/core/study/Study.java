package dev.sextant.core.study;

import dev.sextant.core.generate.Candidate;
import dev.sextant.core.generate.CandidateGenerator;
import dev.sextant.core.generate.GenerationException;
import dev.sextant.core.generate.GenerationRequest;
import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.space.InvalidParametersException;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ask/tell handle of one study: {@link #ask()} returns trials to evaluate (enqueued candidates first, then
 * generated ones, each RUNNING for this study's worker), {@link #tell} reports their metrics. Thread-safe: many threads
 * may ask and tell at once. Generation is serialised per study: within this process by a lock shared by all handles
 * on the same storage instance (the fast path), across processes sharing the storage by the storage's
 * {@link GenerationLease}; so every ask sees every other worker's RUNNING and CANDIDATE trials as pending. Tells go
 * straight to the storage. Every call validates before changing anything, so a rejected call leaves the study as it
 * was.
 */
public final class Study {
    /** Generator name recorded on trials added with {@link #enqueue} or {@link #addCompleted}. */
    public static final String MANUAL = "manual";

    private final StudySpec spec;
    private final Storage storage;
    private final GenerationStrategy strategy;
    /** One generation lock per (storage instance, study name), shared by every handle on it in this process. */
    private static final Map<Storage, Map<String, ReentrantLock>> LOCKS = Collections.synchronizedMap(new WeakHashMap<>());
    private final ReentrantLock generationLock;
    private volatile String worker;
    /** Set by {@link #checkSettings()} (under the generation lock). */
    private boolean settingsChecked;
    private InvalidGenerationOptionException settingsProblem;

    private Study(StudySpec spec, Storage storage, GenerationStrategy strategy) {
        if (storage == null) {
            throw new IllegalArgumentException("storage is null");
        }
        if (strategy == null) {
            throw new IllegalArgumentException("generation strategy is null");
        }
        this.spec = spec;
        this.storage = storage;
        this.strategy = strategy;
        synchronized (LOCKS) {
            this.generationLock = LOCKS.computeIfAbsent(storage, s -> new HashMap<>())
                    .computeIfAbsent(spec.name(), n -> new ReentrantLock());
        }
    }

    /**
     * Creates the study in storage ({@link StudyExistsException} if its name is taken) and returns its handle. The
     * generation settings are validated first with the installed strategy providers
     * ({@link GenerationStrategy#validate}): an unknown or invalid option throws
     * {@link InvalidGenerationOptionException} and nothing is stored.
     */
    public static Study create(StudySpec spec, Storage storage, GenerationStrategy strategy) {
        if (spec == null) {
            throw new IllegalArgumentException("study spec is null");
        }
        GenerationStrategy.validate(spec);
        Study study = new Study(spec, storage, strategy);
        storage.createStudy(spec);
        return study;
    }

    /** Opens an existing study ({@link UnknownStudyException} if there is none of that name). */
    public static Study open(String name, Storage storage, GenerationStrategy strategy) {
        if (storage == null) {
            throw new IllegalArgumentException("storage is null");
        }
        StudySpec spec = storage.loadStudy(name).orElseThrow(
                () -> new UnknownStudyException("no study named '" + name + "' in this storage"));
        return new Study(spec, storage, strategy);
    }

    /** A study in a fresh {@link InMemoryStorage} with the installed default strategy ({@link GenerationStrategy#defaultFor}). */
    public static Study inMemory(StudySpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("study spec is null");
        }
        return create(spec, new InMemoryStorage(), GenerationStrategy.defaultFor(spec));
    }

    public StudySpec spec() {
        return spec;
    }

    public Storage storage() {
        return storage;
    }

    public GenerationStrategy strategy() {
        return strategy;
    }

    /** Sets the worker id recorded on trials this handle asks for (null for none). */
    public void setWorker(String workerId) {
        this.worker = workerId;
    }

    /** One trial to evaluate, RUNNING. */
    public Trial ask() {
        return ask(1).get(0);
    }

    /**
     * {@code count} trials to evaluate, RUNNING: enqueued CANDIDATE trials first (oldest first), then new ones from the
     * strategy's generators (which see COMPLETED trials as data and RUNNING/CANDIDATE trials as pending). Throws
     * {@link GenerationException} when a generator fails or proposes an invalid point (no trial is created for the
     * failing batch), and {@link InvalidStoredSettingsException} when trials must be generated but the study's stored
     * generation settings are not valid for the installed strategy (nothing is changed).
     */
    public List<Trial> ask(int count) {
        return askWithin(count, Long.MAX_VALUE);
    }

    /**
     * Up to {@code count} trials to evaluate, RUNNING, as {@link #ask(int)}, but never more than a trial budget allows:
     * new trials are generated only while the study's COMPLETED + FAILED + RUNNING + CANDIDATE trials number fewer
     * than {@code trialLimit} (enqueued candidates are always handed out: they are already counted). The count and
     * the creation happen under the study's {@link GenerationLease}, so workers in many processes sharing the storage
     * together never exceed the budget. Returns fewer trials (possibly none) when the budget is spent.
     *
     * <p>Many workers: an ask for one trial claims a queued CANDIDATE trial first, without the lease or this process's
     * generation lock (it is counted already, and a claim is atomic); a handle that has not generated yet, while other
     * workers run trials, waits up to {@value #COLD_WAIT_MILLIS} ms for one queued for it ({@link #awaitQueued}).
     * Otherwise, while another process holds the lease, this call announces how many trials it waits for
     * ({@link Storage#tryAcquireGenerationLease}) and polls every few milliseconds, claiming the CANDIDATE trials the
     * holder queues for it (without the lease: they are counted already); the holder generates its own trials plus
     * those the waiters (and this process's other askers) announced, in one generator call, and queues the surplus as
     * CANDIDATE trials (still within the budget). So one model fit serves every idle worker. When other workers are
     * evaluating and generation is not negligible next to an evaluation, the holder also generates ahead, one queued
     * trial per evaluation running elsewhere ({@link #generateAhead}), so that their threads find a trial ready. Should the generation
     * fail after candidates were claimed while waiting, those are returned (fewer than {@code count}) instead of the
     * error, so no claimed trial is lost; the next ask meets the error.
     */
    public List<Trial> askWithin(int count, long trialLimit) {
        if (count < 1) {
            throw new IllegalArgumentException("ask for at least 1 trial, not " + count);
        }
        List<Trial> claimed = new ArrayList<>();
        List<Trial> generated = new ArrayList<>();
        // a queued candidate is counted already and claimed atomically: no lease, no lock, no waiting behind a holder
        // (one trial only: a larger ask that got part of its trials this way and then met a failing generator would
        // change the study although it throws)
        if (count == 1) {
            claimQueued(1, claimed);
            if (!claimed.isEmpty() || (!generatedHere && othersAtWork() && awaitQueued(claimed))) {
                return claimed;
            }
        }
        generationLock.lock();
        boolean waiting = false;
        try {
            int lost = 0;
            for (int attempt = 0; ; attempt++) {
                if (waiting) {   // another process generates: take what it queued for us
                    claimQueued(count - claimed.size() - generated.size(), claimed);
                }
                int missing = count - claimed.size() - generated.size();
                if (missing == 0) {
                    break;
                }
                Optional<GenerationLease> taken = storage.tryAcquireGenerationLease(spec.name(), missing);
                if (taken.isEmpty()) {
                    waiting = true;
                    try {
                        pause(attempt);
                    } catch (GenerationInterruptedException e) {
                        if (claimed.isEmpty()) {
                            throw e;
                        }
                        break;   // hand out what was claimed (the interrupt flag stays set)
                    }
                    continue;
                }
                waiting = false;   // taking the lease ended the wait
                try (GenerationLease lease = taken.get()) {
                    int forOthers = Math.min(MAX_QUEUED_FOR_OTHERS,
                            lease.waitingElsewhere() + generationLock.getQueueLength());
                    askUnderLease(count, trialLimit, claimed, generated, forOthers);
                    break;
                } catch (GenerationLeaseLostException e) {
                    if (++lost >= 3) {
                        throw e;
                    }   // stalled past the lease: generate the rest from the state the new holder left
                } catch (RuntimeException e) {
                    if (claimed.isEmpty()) {
                        throw e;
                    }
                    break;   // candidates claimed while waiting are this caller's now: hand them out, not lose them
                }
            }
        } finally {
            try {
                if (waiting) {
                    storage.stopWaiting(spec.name());
                }
            } finally {
                generationLock.unlock();
            }
        }
        List<Trial> out = new ArrayList<>(claimed.size() + generated.size());
        out.addAll(claimed);
        out.addAll(generated);
        return out;
    }

    /** Most trials one lease holder generates for other waiting askers in one go. */
    static final int MAX_QUEUED_FOR_OTHERS = 32;

    /**
     * Generating ahead pays when generating a trial for every busy evaluator in turn would take at least this fraction
     * of a typical evaluation (see {@link #generateAhead}).
     */
    static final double GENERATE_AHEAD_FRACTION = 0.02;

    /** Seconds per trial of this handle's last generator call (0 before the first). */
    private volatile double generationSecondsPerTrial;

    /** Whether this handle has generated trials (so its generator's code is compiled and its last fit cached). */
    private volatile boolean generatedHere;

    /**
     * How long a one-trial ask of a handle that has not generated yet waits for a queued trial while other workers are
     * at work, before it generates itself (see {@link #awaitQueued}).
     */
    static final long COLD_WAIT_MILLIS = 2000;

    /** Whether trials of other workers are RUNNING now (so that one of them probably generates). */
    private boolean othersAtWork() {
        for (Trial t : storage.trials(spec.name())) {
            if (t.state() == TrialState.RUNNING && !java.util.Objects.equals(t.worker(), worker)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lease affinity: a process that has not generated yet (a worker that joined a running campaign) announces that it
     * waits for one trial ({@link Storage#announceWaiting}) and claims the first one queued, for up to
     * {@value #COLD_WAIT_MILLIS} ms, so that the process that generates already (compiled code, cached fit) generates
     * for it instead of this one compiling and fitting everything anew while the others wait. Returns whether a trial
     * was claimed into {@code claimed} (modified).
     */
    private boolean awaitQueued(List<Trial> claimed) {
        long until = System.nanoTime() + COLD_WAIT_MILLIS * 1_000_000L;
        try {
            while (System.nanoTime() < until) {
                storage.announceWaiting(spec.name(), 1);
                claimQueued(1, claimed);
                if (!claimed.isEmpty()) {
                    return true;
                }
                try {
                    Thread.sleep(20 + java.util.concurrent.ThreadLocalRandom.current().nextLong(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GenerationInterruptedException("interrupted while waiting for a queued trial of this study");
                }
            }
            return false;
        } finally {
            storage.stopWaiting(spec.name());
        }
    }

    /**
     * How many CANDIDATE trials the lease holder queues ahead for evaluations that other workers are running now, so
     * that each of their threads finds a trial ready when its evaluation ends instead of waiting for the lease (or
     * taking it, cold, in another process): the number of RUNNING trials of other workers, when generation is not
     * negligible next to evaluation, i.e. when this handle's last generation time per trial times (those trials + 1)
     * is at least {@value #GENERATE_AHEAD_FRACTION} of the median evaluation time (created to finished) of the
     * last 16 completed trials; otherwise 0 (slow evaluations: every point is generated when it is asked for, with
     * the most data). A single worker never generates ahead. {@code all} and {@code completed} are not modified.
     */
    private int generateAhead(List<Trial> all, List<Trial> completed) {
        int elsewhere = 0;
        for (Trial t : all) {
            if (t.state() == TrialState.RUNNING && !java.util.Objects.equals(t.worker(), worker)) {
                elsewhere++;
            }
        }
        double perTrial = generationSecondsPerTrial;
        if (elsewhere == 0 || perTrial <= 0 || completed.isEmpty()) {
            return 0;
        }
        List<Double> evaluations = new ArrayList<>();
        for (int i = Math.max(0, completed.size() - 16); i < completed.size(); i++) {
            Trial t = completed.get(i);
            evaluations.add(java.time.Duration.between(t.created(), t.updated()).toNanos() / 1e9);
        }
        Collections.sort(evaluations);
        double typical = evaluations.get(evaluations.size() / 2);
        return perTrial * (elsewhere + 1) >= GENERATE_AHEAD_FRACTION * typical ? elsewhere : 0;
    }

    /** Claims up to {@code wanted} queued CANDIDATE trials (oldest first) into {@code claimed} (modified). */
    private void claimQueued(int wanted, List<Trial> claimed) {
        for (int i = 0; i < wanted; i++) {
            Optional<Trial> c = storage.claimCandidate(spec.name(), worker);
            if (c.isEmpty()) {
                return;
            }
            claimed.add(c.get());
        }
    }

    /**
     * Waits between two polls for the generation lease: 2 ms at first, growing to 20 ms (plus up to 3 ms of jitter
     * so that waiters spread), short next to a generation (tens of milliseconds) so a released lease or a queued
     * candidate is taken soon.
     */
    private static void pause(int attempt) {
        long millis = Math.min(20, 2 + 2L * attempt) + java.util.concurrent.ThreadLocalRandom.current().nextLong(4);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationInterruptedException("interrupted while waiting for the generation lease of this study");
        }
    }

    /**
     * Throws {@link InvalidStoredSettingsException} when the stored generation settings are not valid for the installed
     * strategy providers (checked once per handle).
     */
    private void checkSettings() {
        InvalidGenerationOptionException invalid = settingsProblem;
        if (!settingsChecked) {
            try {
                GenerationStrategy.validate(spec);
            } catch (InvalidGenerationOptionException e) {
                invalid = e;
            }
            settingsProblem = invalid;
            settingsChecked = true;
        }
        if (invalid != null) {
            throw new InvalidStoredSettingsException(spec.name(), invalid);
        }
    }

    /**
     * The body of {@link #askWithin}: adds claimed and generated trials to the two lists (modified); also generates up
     * to {@code forOthers} CANDIDATE trials for other waiting askers (fewer when queued candidates already cover them
     * or the budget is short).
     */
    private void askUnderLease(int count, long trialLimit, List<Trial> claimed, List<Trial> generated, int forOthers) {
        boolean queuedForOthers = false;
        while (claimed.size() + generated.size() < count) {
            int wanted = count - claimed.size() - generated.size();
            List<Trial> all = storage.trials(spec.name());
            List<Trial> completed = new ArrayList<>();
            List<Trial> pending = new ArrayList<>();
            int nonFailed = 0;
            int candidates = 0;
            long counted = 0;   // toward the budget: every trial but the ABANDONED ones
            for (Trial t : all) {
                if (t.state() == TrialState.COMPLETED) {
                    completed.add(t);
                } else if (t.state() == TrialState.RUNNING || t.state() == TrialState.CANDIDATE) {
                    pending.add(t);
                    if (t.state() == TrialState.CANDIDATE) {
                        candidates++;
                    }
                }
                if (t.state() != TrialState.FAILED) {
                    nonFailed++;
                }
                if (t.state() != TrialState.ABANDONED) {
                    counted++;
                }
            }
            long room = Math.max(0, trialLimit - counted);
            int toClaim = Math.min(wanted, candidates);
            int toGenerate = (int) Math.min(wanted - toClaim, room);
            int ahead = queuedForOthers ? 0 : Math.min(MAX_QUEUED_FOR_OTHERS, forOthers + generateAhead(all, completed));
            int toQueue = queuedForOthers ? 0
                    : (int) Math.min(Math.max(0, ahead - (candidates - toClaim)), room - toGenerate);
            queuedForOthers = true;
            if (toClaim == 0 && toGenerate == 0 && toQueue == 0) {
                return;   // budget spent
            }
            // generate first and claim afterwards, so that a failing generator leaves the study unchanged
            if (toGenerate + toQueue > 0) {
                generated.addAll(generate(toGenerate, toQueue, all.size(), nonFailed, completed, pending));
            }
            for (int i = 0; i < toClaim; i++) {
                Optional<Trial> c = storage.claimCandidate(spec.name(), worker);
                if (c.isEmpty()) {
                    break; // taken by another process meanwhile: the loop generates the rest
                }
                claimed.add(c.get());
            }
        }
    }

    /**
     * Generates and stores {@code count} RUNNING trials for this handle's worker and then {@code queued} CANDIDATE
     * trials (for other askers), possibly with several generators of the strategy; returns the RUNNING ones.
     */
    private List<Trial> generate(int count, int queued, int trialCount, int nonFailed, List<Trial> completed,
                                 List<Trial> pending) {
        checkSettings();
        int total = count + queued;
        List<Trial> out = new ArrayList<>(count);
        List<Trial> made = new ArrayList<>(total);
        List<Trial> pendingNow = new ArrayList<>(pending);
        while (made.size() < total) {
            int done = nonFailed + made.size();
            CandidateGenerator generator = strategy.select(done);
            int n = (int) Math.min(total - made.size(), (long) strategy.remaining(done));
            long seed = mix(spec.seed(), trialCount + made.size());
            List<Candidate> candidates;
            long started = System.nanoTime();
            try {
                candidates = generator.generate(new GenerationRequest(spec, completed, pendingNow, n, seed));
                if (candidates != null && !candidates.isEmpty()) {
                    generationSecondsPerTrial = (System.nanoTime() - started) / 1e9 / candidates.size();
                    generatedHere = true;
                }
            } catch (GenerationException e) {
                throw e;
            } catch (InvalidGenerationOptionException e) {
                throw new InvalidStoredSettingsException(spec.name(), e);
            } catch (RuntimeException e) {
                throw new GenerationException("generator '" + generator.name() + "' failed: " + e.getMessage(), e);
            }
            if (candidates == null || candidates.isEmpty()) {
                throw new GenerationException("generator '" + generator.name() + "' proposed no candidates");
            }
            List<Candidate> used = candidates.subList(0, Math.min(n, candidates.size()));
            List<Map<String, Object>> valid = new ArrayList<>(used.size());
            for (Candidate c : used) {
                try {
                    valid.add(spec.space().validate(c.parameters()));
                } catch (InvalidParametersException e) {
                    throw new GenerationException("generator '" + generator.name() + "' proposed an invalid point: "
                            + e.getMessage(), e);
                }
            }
            for (int i = 0; i < valid.size(); i++) {
                boolean own = made.size() < count;
                Trial t = storage.createTrial(spec.name(), own ? TrialState.RUNNING : TrialState.CANDIDATE, valid.get(i),
                        Map.of(), generator.name(), used.get(i).generation(), own ? worker : null);
                made.add(t);
                if (own) {
                    out.add(t);
                }
                pendingNow.add(t);
            }
        }
        return out;
    }

    /** Completes a trial with these metric means (SEMs unknown). See {@link #tell(long, Map, Map)}. */
    public Trial tell(long trialNumber, Map<String, Double> values) {
        return tell(trialNumber, values, Map.of());
    }

    /**
     * Completes a RUNNING or CANDIDATE trial. {@code values}: a finite mean for every metric of {@code spec().metrics()}
     * and no other; {@code sems}: optional standard errors (finite, &gt;= 0) for some of those metrics. Throws
     * {@link InvalidObservationException} for bad values, {@link dev.sextant.core.trial.IllegalTransitionException}
     * when the trial is finished, {@link UnknownTrialException} for an unknown number; nothing changes then.
     */
    public Trial tell(long trialNumber, Map<String, Double> values, Map<String, Double> sems) {
        return storage.complete(spec.name(), trialNumber, observations(values, sems));
    }

    /** {@code tell(trial.number(), values)}, checking the trial belongs to this study. */
    public Trial tell(Trial trial, Map<String, Double> values) {
        return tell(own(trial).number(), values);
    }

    /** {@code tell(trial.number(), values, sems)}, checking the trial belongs to this study. */
    public Trial tell(Trial trial, Map<String, Double> values, Map<String, Double> sems) {
        return tell(own(trial).number(), values, sems);
    }

    /** Marks a CANDIDATE or RUNNING trial FAILED with a reason. */
    public Trial fail(long trialNumber, String reason) {
        return storage.fail(spec.name(), trialNumber, reason);
    }

    /** Marks a CANDIDATE or RUNNING trial ABANDONED. */
    public Trial abandon(long trialNumber) {
        return storage.abandon(spec.name(), trialNumber);
    }

    /** Records that the worker evaluating this RUNNING trial is alive. */
    public void heartbeat(long trialNumber) {
        storage.heartbeat(spec.name(), trialNumber);
    }

    /**
     * Adds a user-chosen point as a CANDIDATE, handed out by the next {@link #ask} before anything generated.
     * Parameters are validated against the space and its constraints ({@link InvalidParametersException}).
     */
    public Trial enqueue(Map<String, Object> parameters) {
        Map<String, Object> canonical = spec.space().validate(parameters);
        return storage.createTrial(spec.name(), TrialState.CANDIDATE, canonical, Map.of(), MANUAL,
                Map.of("source", "enqueue"), null);
    }

    /** Adds an already evaluated point (warm start) as a COMPLETED trial; parameters and values validated as usual. */
    public Trial addCompleted(Map<String, Object> parameters, Map<String, Double> values) {
        return addCompleted(parameters, values, Map.of());
    }

    /** As {@link #addCompleted(Map, Map)} with standard errors. */
    public Trial addCompleted(Map<String, Object> parameters, Map<String, Double> values, Map<String, Double> sems) {
        Map<String, Object> canonical = spec.space().validate(parameters);
        Map<String, Observation> obs = observations(values, sems);
        return storage.createTrial(spec.name(), TrialState.COMPLETED, canonical, obs, MANUAL,
                Map.of("source", "addCompleted"), worker);
    }

    /**
     * The best COMPLETED trial by the objective's mean, among those whose means satisfy every outcome constraint
     * (earliest on ties); empty when there is none.
     *
     * @throws MultiObjectiveException on a study with several objectives, which has no single best trial: use
     *         {@link #paretoFront()}
     */
    public Optional<Trial> best() {
        if (spec.isMultiObjective()) {
            throw new MultiObjectiveException("study '" + spec.name() + "' has " + spec.objectives().size()
                    + " objectives (" + String.join(", ", spec.objectiveMetrics()) + ") and no single best trial;"
                    + " use paretoFront() for the trials no other trial beats in every objective");
        }
        Objective objective = spec.objective();
        Trial best = null;
        double bestValue = 0;
        for (Trial t : storage.trials(spec.name())) {
            if (t.state() != TrialState.COMPLETED || !feasible(t)) {
                continue;
            }
            Observation o = t.values().get(objective.metric());
            if (o == null) {
                continue;
            }
            if (best == null || objective.goal().isBetter(o.mean(), bestValue)) {
                best = t;
                bestValue = o.mean();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The observed Pareto front: the feasible COMPLETED trials no worse than any objective's threshold that no other
     * one beats in every objective, the reference point (thresholds, or inferred from the data) and the hypervolume;
     * the non-dominated trials worse than a threshold are listed apart ({@link ParetoFront#beyondThresholds()}). Works
     * for one objective too (the best trials, with their improvement over the reference value).
     */
    public ParetoFront paretoFront() {
        return ParetoFront.of(spec, storage.trials(spec.name()));
    }

    /** Whether a trial's observed means satisfy every outcome constraint (false when one is missing). */
    public boolean feasible(Trial trial) {
        return feasible(spec, trial);
    }

    /** Whether a trial's observed means satisfy every outcome constraint of {@code spec} (false when one is missing). */
    static boolean feasible(StudySpec spec, Trial trial) {
        for (OutcomeConstraint c : spec.outcomeConstraints()) {
            Observation o = trial.values().get(c.metric());
            if (o == null || !c.satisfiedBy(o.mean())) {
                return false;
            }
        }
        return true;
    }

    /** All trials, ordered by number. */
    public List<Trial> trials() {
        return storage.trials(spec.name());
    }

    /** One trial by its number in this study. */
    public Optional<Trial> trial(long trialNumber) {
        return storage.trial(spec.name(), trialNumber);
    }

    private Trial own(Trial trial) {
        if (trial == null) {
            throw new IllegalArgumentException("trial is null");
        }
        if (!spec.name().equals(trial.study())) {
            throw new IllegalArgumentException("trial " + trial.number() + " belongs to study '" + trial.study()
                    + "', not '" + spec.name() + "'");
        }
        return trial;
    }

    private Map<String, Observation> observations(Map<String, Double> values, Map<String, Double> sems) {
        List<String> metrics = spec.metrics();
        if (values == null) {
            throw new InvalidObservationException("no values given; report " + metrics);
        }
        Map<String, Double> s = sems == null ? Map.of() : sems;
        for (String name : values.keySet()) {
            if (!metrics.contains(name)) {
                throw new InvalidObservationException("unknown metric '" + name + "'; this study measures " + metrics);
            }
        }
        for (String name : s.keySet()) {
            if (!metrics.contains(name)) {
                throw new InvalidObservationException("standard error for unknown metric '" + name + "'; this study measures "
                        + metrics);
            }
        }
        Map<String, Observation> out = new LinkedHashMap<>();
        for (String metric : metrics) {
            Double mean = values.get(metric);
            if (mean == null) {
                throw new InvalidObservationException("metric '" + metric + "' is missing; report every metric of "
                        + metrics);
            }
            if (!Double.isFinite(mean)) {
                throw new InvalidObservationException("metric '" + metric + "' is " + mean
                        + "; report a finite number (or fail the trial)");
            }
            Double sem = s.get(metric);
            if (sem != null && !(sem >= 0 && Double.isFinite(sem))) {
                throw new InvalidObservationException("standard error of '" + metric + "' is " + sem
                        + "; give a finite number >= 0 or leave it out");
            }
            out.put(metric, new Observation(mean, sem == null ? Double.NaN : sem));
        }
        return out;
    }

    private static long mix(long seed, long n) {
        long z = seed + 0x9E3779B97F4A7C15L * (n + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

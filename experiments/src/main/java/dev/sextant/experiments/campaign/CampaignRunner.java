package dev.sextant.experiments.campaign;

import dev.sextant.core.generate.GenerationException;
import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.study.InvalidGenerationOptionException;
import dev.sextant.core.study.InvalidStoredSettingsException;
import dev.sextant.core.study.Storage;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.study.StudySpecCodec;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import dev.sextant.store.DatabaseStorage;
import dev.sextant.store.Heartbeats;
import dev.sextant.store.StaleTrialPolicy;
import dev.sextant.store.StaleTrialReaper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs a campaign against a store: creates the study or resumes it, asks {@code batch} trials at a time, evaluates up
 * to {@code parallelism} at once on a thread pool, tells or fails each, until the budget is spent.
 *
 * <p>Budget: trials are asked with {@link Study#askWithin}, which counts the study's trials (all but ABANDONED ones)
 * and creates new ones under the study's generation lease, so any number of runs and workers sharing the store
 * together create exactly {@code budget.trials} trials (re-queued points replace the abandoned ones they copy).
 *
 * <p>Resume and dead workers: RUNNING trials of an earlier {@code run} process (worker ids {@code "run:…"}) are
 * re-queued at start, after the evaluator processes they left on this machine are killed (a command evaluator's process
 * group is recorded with each trial, see {@link ProcessGroups}: this covers a runner and watchdog that both died); on a database store every worker sends heartbeats for its trials (every {@link #HEARTBEAT}, or a
 * quarter of {@link Options#staleAfter} when that is shorter) and
 * runs a {@link StaleTrialReaper} that, while the campaign runs, re-queues any trial whose heartbeat is older than
 * {@link Options#staleAfter} (a dead worker's). A worker with nothing to evaluate keeps waiting while the study has
 * RUNNING or CANDIDATE trials (they may come back re-queued) and exits when the budget is spent and nothing is left.
 *
 * <p>Interruption ({@link #interrupt}, called on the first SIGINT/SIGTERM, or from a shutdown hook otherwise): no new
 * trial starts; results that have arrived are told; the trials still evaluating are re-queued (ABANDONED plus a new
 * CANDIDATE with the same point, one transaction each) before their processes are stopped, so the kill is not taken
 * for a failure; then one line says what was kept and how to resume. The store stays open: its owner closes it.
 *
 * <p>Workers ({@code sextant worker}) run the same loop with worker ids {@code "worker:…"}; many may share a study.
 *
 * <p>Determinism: with one process and {@code parallelism: 1} a seeded campaign gives the same trials in the same
 * order (a batch is asked, its trials evaluated one after another and told in that order, then the next batch is
 * asked; the generator's seeds come from the study seed and the number of trials, the evaluator's from the campaign
 * seed and the trial's place in its study). With {@code parallelism > 1} a new batch is asked as soon as a thread is
 * free, so which trials are still pending at that moment, and therefore the proposals, depend on evaluation times.
 */
public final class CampaignRunner {
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** Default {@link Options#staleAfter}: a trial without a heartbeat for this long is taken as its worker's death. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(2);
    /** How long a trial may run before the progress line names it. */
    public static final Duration LONG_RUNNING = Duration.ofMinutes(1);
    /** After an ask that gave nothing (budget spent for now), the next ask waits this long or for a result. */
    private static final long IDLE_ASK_NANOS = 1_000_000_000L;

    /** Progress callbacks, from the runner's thread. */
    public interface Listener {
        default void started(Campaign campaign, int finishedBefore, int trialLimit) {
        }

        /** {@code best}: the best trial so far; always empty for a multi-objective study (it has a Pareto front). */
        default void trialFinished(Trial trial, int finished, int trialLimit, Optional<Trial> best) {
        }

        /** About once a second: the trial running longest here and for how long (empty when none runs). */
        default void tick(Optional<Trial> longestRunning, Duration runningFor) {
        }

        default void message(String text) {
        }
    }

    /**
     * @param workerId   recorded on trials; {@code "run:…"} for the campaign runner, {@code "worker:…"} for workers
     * @param staleAfter RUNNING trials without a heartbeat for this long are taken as dead and re-queued (null: {@link
     *                   #DEFAULT_STALE_AFTER}); at least 1 s. Heartbeats go out every {@link #heartbeatEvery()}
     * @param create     create the study when the store lacks it (false for workers)
     * @param resumeHint the command that resumes this campaign, printed when it is interrupted (null: none)
     * @param warm       this JVM's generator code is compiled already (a worker that warmed it up with
     *                   {@link #warmUpSynthetic} while it waited for the study): no warm-up at start
     */
    public record Options(String workerId, Duration staleAfter, boolean create, Listener listener, String resumeHint,
                          boolean warm) {
        public Options {
            Objects.requireNonNull(workerId, "workerId");
            staleAfter = staleAfter == null ? DEFAULT_STALE_AFTER : staleAfter;
            if (staleAfter.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("stale-after must be at least 1s, got " + staleAfter);
            }
            listener = listener == null ? new Listener() { } : listener;
        }

        public Options(String workerId, Duration staleAfter, boolean create, Listener listener) {
            this(workerId, staleAfter, create, listener, null, false);
        }

        public static Options forRun(Listener listener) {
            return new Options("run:" + host() + ":" + ProcessHandle.current().pid(), null, true, listener);
        }

        public static Options forWorker(Listener listener) {
            return new Options("worker:" + host() + ":" + ProcessHandle.current().pid(), null, false, listener);
        }

        /** How often this worker's trials get a heartbeat: {@link #HEARTBEAT}, or a quarter of staleAfter if less. */
        public Duration heartbeatEvery() {
            Duration quarter = staleAfter.dividedBy(4);
            return quarter.compareTo(HEARTBEAT) < 0 ? quarter : HEARTBEAT;
        }

        public Options withListener(Listener l) {
            return new Options(workerId, staleAfter, create, l, resumeHint, warm);
        }

        public Options withStaleAfter(Duration d) {
            return new Options(workerId, d, create, listener, resumeHint, warm);
        }

        public Options withResumeHint(String hint) {
            return new Options(workerId, staleAfter, create, listener, hint, warm);
        }

        public Options withWarm(boolean w) {
            return new Options(workerId, staleAfter, create, listener, resumeHint, w);
        }
    }

    /**
     * What a run did. {@code resumed}: trials re-queued from a dead run; {@code interrupted}: the signal's name when
     * the run was interrupted (null otherwise); {@code best}: empty for a multi-objective study (see
     * {@link Study#paretoFront()}).
     */
    public record Summary(String study, int completed, int failed, int abandoned, int resumed, int finishedBefore,
                          Optional<Trial> best, Duration elapsed, String interrupted) {
    }

    private final Campaign campaign;
    private final Storage storage;
    private final Function<StudySpec, GenerationStrategy> strategies;
    private final Options options;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Object lock = new Object();
    /** Trials being evaluated here, by number, with when they started; guarded by {@link #lock} for changes. */
    private final Map<Long, Trial> inFlight = new ConcurrentHashMap<>();
    private final Map<Long, Instant> startedAt = new ConcurrentHashMap<>();
    /**
     * Evaluations that have finished (filled by the evaluating threads, which tell them first): the runner's thread
     * reports them and tells those the evaluating thread could not.
     */
    private final LinkedBlockingQueue<Arrived> arrived = new LinkedBlockingQueue<>();
    private final CountDownLatch loopDone = new CountDownLatch(1);
    private final CountDownLatch interruptDone = new CountDownLatch(1);
    private volatile String interruptedBy;
    private volatile Evaluator evaluator;
    private volatile Study study;
    private int completed;
    private int failed;
    private Study sobolFallback;

    /**
     * A finished evaluation; {@code handled}: already told (or failed) by its evaluating thread, {@code told} then the
     * stored trial (null when it had been handed back meanwhile).
     */
    private record Arrived(Trial trial, Evaluation evaluation, boolean handled, Trial told) {
    }

    /**
     * Tells an arrived evaluation on the evaluating thread, so that the result is stored at once even while the
     * runner's thread waits for generation; when the store refuses, the runner's thread tries again.
     */
    private Arrived tellHere(Arrived r) {
        try {
            return new Arrived(r.trial(), r.evaluation(), true, tellArrived(r));
        } catch (RuntimeException e) {
            return r;
        }
    }

    public CampaignRunner(Campaign campaign, Storage storage, Function<StudySpec, GenerationStrategy> strategies,
                          Options options) {
        this.campaign = campaign;
        this.storage = storage;
        this.strategies = strategies;
        this.options = options;
    }

    /** Asks the loop to stop starting trials (running ones finish). */
    public void requestStop() {
        stop.set(true);
    }

    /**
     * Opens the campaign's study, creating it when allowed and absent (its generation settings validated); checks a
     * stored study matches the file and that its stored generation settings are valid
     * ({@link InvalidStoredSettingsException} otherwise).
     */
    public Study openStudy() {
        String name = campaign.name();
        Optional<StudySpec> stored = storage.loadStudy(name);
        if (stored.isEmpty()) {
            if (!options.create()) {
                throw new IllegalStateException("no study '" + name + "' in the store; start it with `sextant run CAMPAIGN`");
            }
            return Study.create(campaign.spec(), storage, strategies.apply(campaign.spec()));
        }
        try {
            GenerationStrategy.validate(stored.get());   // settings stored before they were validated: stop here
        } catch (InvalidGenerationOptionException e) {
            throw new InvalidStoredSettingsException(name, e);
        }
        Map<String, Object> a = StudySpecCodec.toMap(stored.get());
        Map<String, Object> b = StudySpecCodec.toMap(campaign.spec());
        for (String key : List.of("parameters", "parameter_constraints", "objective", "objectives",
                "outcome_constraints")) {
            if (!Objects.equals(String.valueOf(a.get(key)), String.valueOf(b.get(key)))) {
                throw new IllegalStateException("the store already has a study '" + name + "' whose " + key
                        + " differ from the campaign file's (" + a.get(key) + " vs " + b.get(key)
                        + "); rename the campaign or use another store");
            }
        }
        return Study.open(name, storage, strategies.apply(stored.get()));
    }

    /** Runs until the budget is spent (or {@link #interrupt}); returns what happened. */
    public Summary run() {
        Instant start = Instant.now();
        Study study = openStudy();
        this.study = study;
        study.setWorker(options.workerId());
        String name = campaign.name();
        int resumed = requeueDead();
        if (resumed > 0) {
            options.listener().message("re-queued " + resumed + " trial(s) left RUNNING by an interrupted run");
        }
        int limit = campaign.budget().trialLimit();
        List<Trial> before = trialsOf(name);
        int finishedBefore = countFinished(before);
        warmUp(study.spec(), before);
        options.listener().started(campaign, finishedBefore, limit);
        Instant deadline = campaign.budget().wallTime() == null ? null : start.plus(campaign.budget().wallTime());

        evaluator = Evaluator.of(campaign);
        if (storage instanceof DatabaseStorage db) {   // for the next run, should this runner and its watchdogs die
            evaluator.onProcessGroup((number, leader) -> db.setTrialAttribute(name, number, ProcessGroups.ATTRIBUTE,
                    ProcessGroups.record(leader)));
        }
        int threads = campaign.parallelism();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sextant-eval");
            t.setDaemon(true);
            return t;
        });
        Heartbeats heartbeats = null;
        StaleTrialReaper reaper = null;
        if (storage instanceof DatabaseStorage db) {
            heartbeats = db.startHeartbeats(options.heartbeatEvery());
            Duration every = options.heartbeatEvery();
            reaper = db.startReaper(name, options.staleAfter(), StaleTrialPolicy.REQUEUE, every);
        }
        Thread hook = new Thread(() -> {
            // the JVM is exiting without a signal we handle (or signal handlers could not be installed)
            interrupt("shutdown");
            try {
                loopDone.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "sextant-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        long lastTick = 0;
        long lastEmptyAsk = Long.MIN_VALUE / 2;
        try {
            while (true) {
                boolean timeUp = deadline != null && Instant.now().isAfter(deadline);
                boolean askedRecently = System.nanoTime() - lastEmptyAsk < IDLE_ASK_NANOS;
                if (!timeUp && !stop.get() && inFlight.size() < threads && !askedRecently) {
                    List<Trial> asked = ask(study, Math.min(campaign.batch(), threads - inFlight.size()), limit);
                    // the budget is spent for now: ask again after a result arrives or a second has passed
                    lastEmptyAsk = asked.isEmpty() ? System.nanoTime() : Long.MIN_VALUE / 2;
                    synchronized (lock) {
                        for (Trial t : asked) {
                            if (stop.get()) {   // interrupted while generating: hand the points back at once
                                requeue(t);
                                continue;
                            }
                            inFlight.put(t.number(), t);
                            startedAt.put(t.number(), Instant.now());
                            if (heartbeats != null) {
                                heartbeats.track(name, t.number());
                            }
                            long seed = evaluationSeed(campaign.spec().seed(), t.number());
                            Evaluator ev = evaluator;
                            pool.submit(() -> {
                                Evaluation e;
                                try {
                                    e = ev.evaluate(t.parameters(), t.number(), seed);
                                } catch (RuntimeException ex) {
                                    e = Evaluation.failed("the evaluator crashed: " + ex);
                                }
                                arrived.add(tellHere(new Arrived(t, e, false, null)));
                            });
                        }
                    }
                    if (!asked.isEmpty()) {
                        continue;
                    }
                }
                if (inFlight.isEmpty() && arrived.isEmpty()) {
                    if (timeUp || stop.get()) {
                        break;
                    }
                    List<Trial> all = trialsOf(name);
                    boolean othersBusy = all.stream().anyMatch(t -> t.state() == TrialState.RUNNING
                            || t.state() == TrialState.CANDIDATE);
                    if (!othersBusy) {
                        break;   // the budget is spent (ask gave nothing) and nothing can come back re-queued
                    }
                    // other workers still evaluate; their trials may come back re-queued if they die: wait
                    Thread.sleep(500);
                    continue;
                }
                Arrived r = arrived.poll(250, TimeUnit.MILLISECONDS);
                if (System.nanoTime() - lastTick > 1_000_000_000L) {
                    lastTick = System.nanoTime();
                    tick();
                }
                if (r != null) {
                    lastEmptyAsk = Long.MIN_VALUE / 2;
                    Trial done = r.handled() ? r.told() : tellArrived(r);
                    if (done != null) {
                        options.listener().trialFinished(done, countFinished(trialsOf(name)), limit, best(study));
                    }
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            interrupt("interrupt");
        } catch (RuntimeException ex) {
            if (interruptedBy == null) {
                throw ex;
            }   // the store may be closing under an interruption: what could be kept was kept by interrupt()
        } finally {
            if (interruptedBy != null) {
                awaitQuietly(interruptDone);   // interrupt() still uses the store: its owner must not close it yet
            }
            loopDone.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
            if (heartbeats != null) {
                heartbeats.close();
            }
            if (reaper != null) {
                reaper.close();
            }
            pool.shutdownNow();
        }
        int abandoned = 0;
        Optional<Trial> best = Optional.empty();
        try {
            abandoned = (int) trialsOf(name).stream().filter(t -> t.state() == TrialState.ABANDONED).count();
            best = best(study);
        } catch (RuntimeException e) {
            if (interruptedBy == null) {
                throw e;
            }
        }
        return new Summary(name, completed, failed, abandoned, resumed, finishedBefore, best,
                Duration.between(start, Instant.now()), interruptedBy);
    }

    /**
     * Compiles the model-based generator's code on a background thread before this JVM first generates under the
     * study's lease (cold, interpreted code was several times slower, and every other worker waited for it): one
     * throw-away generation from a fresh strategy, on the study's completed trials when it already has a model's worth,
     * else on synthetic ones (space-filling points with made-up values). Nothing is stored; skipped when the campaign
     * never leaves its space-filling start, and when other workers are running trials of the study already: one of
     * them generates, and this process takes the trials it queues ({@link Study#askWithin}), so compiling the
     * generator here would only take CPU from them (the JIT threads of a joining worker used about half of its CPU
     * time, BENCHMARKS.md section 4).
     */
    private void warmUp(StudySpec spec, List<Trial> trials) {
        if (options.warm()) {
            return;
        }
        for (Trial t : trials) {
            if (t.state() == TrialState.RUNNING && !java.util.Objects.equals(t.worker(), options.workerId())) {
                return;
            }
        }
        GenerationStrategy fresh = strategies.apply(spec);
        int limit = campaign.budget().trialLimit();
        dev.sextant.core.generate.CandidateGenerator model = fresh.select(Integer.MAX_VALUE - 1);
        if (model instanceof dev.sextant.core.generate.SobolGenerator
                || (fresh.select(0) != model && fresh.remaining(0) >= limit)) {
            return;
        }
        List<Trial> done = new ArrayList<>();
        List<Trial> pending = new ArrayList<>();
        for (Trial t : trials) {
            if (t.state() == TrialState.COMPLETED) {
                done.add(t);
            } else if (t.state() == TrialState.RUNNING || t.state() == TrialState.CANDIDATE) {
                pending.add(t);
            }
        }
        Thread t = new Thread(() -> {
            try {
                List<Trial> data = done.size() >= 4 ? done : synthetic(spec, 8);
                model.generate(new dev.sextant.core.generate.GenerationRequest(spec, data, pending, 1, spec.seed()));
            } catch (RuntimeException ignored) {
                // only a warm-up: the real generation reports its own errors
            }
        }, "sextant-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Compiles the model-based generator's code while this JVM has nothing else to do (a worker waiting for its
     * study): throw-away generations from fresh strategies for {@code spec} on synthetic completed trials (8 and then
     * 12 space-filling points with made-up values, so that the fit, the acquisition optimisation and the pending-point
     * path all run), until {@code rounds} generations are done or {@code stop} returns true (asked before each
     * generation with the number completed so far). On
     * the calling thread; nothing is stored and no study's proposals change (each round builds its own strategy;
     * only the JIT's compiled code carries over). Returns the number of generations completed; a failing generation
     * ends the warm-up (the real generation reports its own errors).
     */
    public static int warmUpSynthetic(StudySpec spec, Function<StudySpec, GenerationStrategy> strategies, int rounds,
                                      java.util.function.IntPredicate stop) {
        int done = 0;
        for (int round = 0; round < rounds && !stop.test(done); round++) {
            dev.sextant.core.generate.CandidateGenerator model = strategies.apply(spec).select(Integer.MAX_VALUE - 1);
            if (model instanceof dev.sextant.core.generate.SobolGenerator) {
                return done;
            }
            List<Trial> data = synthetic(spec, 8 + 4 * (round % 2));
            List<Trial> pending = round % 2 == 0 ? List.of() : List.of(data.get(data.size() - 1));
            try {
                model.generate(new dev.sextant.core.generate.GenerationRequest(spec, data.subList(0, data.size() - 1),
                        pending, 1, spec.seed() + round));
            } catch (RuntimeException e) {
                return done;
            }
            done++;
        }
        return done;
    }

    /** {@code n} completed trials at space-filling points with made-up values for every metric (warm-up only). */
    private static List<Trial> synthetic(StudySpec spec, int n) {
        List<dev.sextant.core.generate.Candidate> points = new dev.sextant.core.generate.SobolGenerator().generate(
                new dev.sextant.core.generate.GenerationRequest(spec, List.of(), List.of(), n, spec.seed()));
        List<Trial> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Map<String, dev.sextant.core.trial.Observation> values = new HashMap<>();
            for (String metric : spec.metrics()) {
                values.put(metric, dev.sextant.core.trial.Observation.of(Math.sin(1.7 * i + metric.length()) + 0.1 * i));
            }
            out.add(new Trial(i + 1, spec.name(), TrialState.COMPLETED, points.get(i).parameters(), values, "warm-up",
                    Map.of(), Instant.EPOCH, Instant.EPOCH, null, null));
        }
        return out;
    }

    /** Tells (or fails) one arrived evaluation unless the trial was handed back meanwhile; null when it was. */
    private Trial tellArrived(Arrived r) {
        Trial t = r.trial();
        Evaluation e = r.evaluation();
        synchronized (lock) {
            if (inFlight.remove(t.number()) == null) {
                return null;   // interrupted: re-queued already
            }
            Instant started = startedAt.remove(t.number());
            Trial done;
            try {
                done = e.succeeded() ? tell(study, t, e) : study.fail(t.number(), e.failure());
            } catch (RuntimeException ex) {
                inFlight.put(t.number(), t);   // not stored: still in flight, so a retry or a re-queue covers it
                if (started != null) {
                    startedAt.put(t.number(), started);
                }
                throw ex;
            }
            if (done.state() == TrialState.COMPLETED) {
                completed++;
            } else {
                failed++;
            }
            return done;
        }
    }

    private void tick() {
        Optional<Map.Entry<Long, Instant>> oldest = startedAt.entrySet().stream().min(Map.Entry.comparingByValue());
        if (oldest.isEmpty()) {
            options.listener().tick(Optional.empty(), Duration.ZERO);
            return;
        }
        Trial t = inFlight.get(oldest.get().getKey());
        options.listener().tick(Optional.ofNullable(t), Duration.between(oldest.get().getValue(), Instant.now()));
    }

    /**
     * Stops the campaign cleanly (the first SIGINT/SIGTERM): no new trial starts, every result that has arrived is
     * told, the trials still evaluating are re-queued and then their processes stopped, and one line says what was
     * kept and how to resume. Returns at once when called again. Thread-safe; the store must still be open.
     */
    public void interrupt(String signal) {
        synchronized (lock) {
            if (interruptedBy != null) {
                return;
            }
            interruptedBy = signal;
            stop.set(true);
        }
        try {
            stopCleanly(signal);
        } finally {
            interruptDone.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Test hook: a system property of milliseconds by which the clean stop is delayed before it starts (so a test can
     * land a second signal inside it); unset in real use.
     */
    static final String STOP_PAUSE_PROPERTY = "sextant.test.stopPauseMillis";

    private void stopCleanly(String signal) {
        long pause = Long.getLong(STOP_PAUSE_PROPERTY, 0L);
        if (pause > 0) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Evaluator ev;
        int told = 0;
        int requeued = 0;
        synchronized (lock) {
            ev = evaluator;
            if (study == null) {
                return;   // not running yet
            }
            for (Arrived r = arrived.poll(); r != null; r = arrived.poll()) {
                if (r.handled()) {
                    continue;
                }
                try {
                    if (tellArrived(r) != null) {
                        told++;
                    }
                } catch (RuntimeException e) {
                    options.listener().message("could not store the result of trial " + r.trial().number() + ": " + e);
                }
            }
            for (Trial t : List.copyOf(inFlight.values())) {
                if (requeue(t)) {
                    requeued++;
                }
                inFlight.remove(t.number());
                startedAt.remove(t.number());
            }
        }
        if (ev != null) {
            ev.cancelAll();   // after the re-queue, so that the kill is not recorded as a failure
        }
        int finished = -1;
        try {
            finished = countFinished(storage.trials(campaign.name()));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(CampaignRunner.class).warn("cannot count the finished trials: {}", e.toString());
        }
        options.listener().message("interrupted (" + signal + "): " + (finished >= 0 ? finished + " of "
                + campaign.budget().trialLimit() + " trials finished and stored" : "finished trials are stored")
                + (told > 0 ? " (" + told + " result(s) that arrived while stopping told)" : "")
                + ", " + requeued + " trial(s) in flight re-queued"
                + (options.resumeHint() == null ? "" : "; resume with: " + options.resumeHint()));
    }

    /**
     * Asks the strategy; when its generator fails (e.g. a model cannot be fitted) this batch comes from Sobol, with a
     * message. Invalid stored generation settings are no such failure: {@link InvalidStoredSettingsException} (from
     * {@link Study#askWithin}) stops the campaign with the option to fix.
     */
    private List<Trial> ask(Study study, int count, int limit) {
        try {
            return study.askWithin(count, limit);
        } catch (GenerationException e) {
            options.listener().message("generator failed (" + e.getMessage() + "); this batch is drawn from Sobol");
            if (sobolFallback == null) {
                sobolFallback = Study.open(campaign.name(), storage, GenerationStrategy.sobolOnly());
                sobolFallback.setWorker(options.workerId());
            }
            return sobolFallback.askWithin(count, limit);
        }
    }

    private Trial tell(Study study, Trial t, Evaluation e) {
        Map<String, Double> values = new HashMap<>();
        Map<String, Double> sems = new HashMap<>();
        for (String metric : campaign.spec().metrics()) {   // other reported metrics are not the study's business
            double[] v = e.values().get(metric);
            if (v == null) {
                return study.fail(t.number(), "the evaluator did not report metric '" + metric + "'");
            }
            values.put(metric, v[0]);
            if (Double.isFinite(v[1])) {
                sems.put(metric, v[1]);
            }
        }
        try {
            return sems.isEmpty() ? study.tell(t.number(), values) : study.tell(t.number(), values, sems);
        } catch (IllegalArgumentException ex) {
            return study.fail(t.number(), "rejected result: " + ex.getMessage());
        }
    }

    /**
     * Re-queues RUNNING trials of dead runs (an earlier {@code run} process of this campaign, or any trial whose
     * heartbeat is older than {@link Options#staleAfter}); returns how many.
     */
    private int requeueDead() {
        int n = 0;
        Instant staleBefore = Instant.now().minus(options.staleAfter());
        for (Trial t : storage.trials(campaign.name())) {
            if (t.state() != TrialState.RUNNING) {
                continue;
            }
            boolean deadRun = t.worker() != null && t.worker().startsWith("run:") && options.workerId().startsWith("run:");
            boolean stale = t.updated() != null && t.updated().isBefore(staleBefore);
            if (deadRun || stale) {
                killLeftovers(t);
                if (requeue(t)) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Kills the evaluator processes a dead runner left of trial {@code t} (its recorded process group, on this
     * machine), before the trial is re-queued: they would otherwise run on, unseen, next to the new evaluation.
     */
    private void killLeftovers(Trial t) {
        if (!(storage instanceof DatabaseStorage db)) {
            return;
        }
        try {
            String record = db.trialAttributes(campaign.name(), t.number()).get(ProcessGroups.ATTRIBUTE);
            int killed = record == null ? 0 : ProcessGroups.kill(record);
            if (killed > 0) {
                options.listener().message("stopped " + killed + " evaluator process(es) left running by trial "
                        + t.number() + " of a dead run");
            }
        } catch (RuntimeException e) {
            options.listener().message("could not check trial " + t.number() + " for leftover evaluator processes: " + e);
        }
    }

    private boolean requeue(Trial t) {
        try {
            storage.requeue(campaign.name(), t.number());
            return true;
        } catch (RuntimeException e) {
            return false;   // finished meanwhile, or the store is closing
        }
    }

    /**
     * The study's trials, retried a few times on a store error: when the process hosting a shared H2 file (AUTO_SERVER)
     * exits, the others' connections break once and the next connection takes the file over.
     */
    private List<Trial> trialsOf(String name) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                return storage.trials(name);
            } catch (RuntimeException e) {
                if (e instanceof java.util.NoSuchElementException || interruptedBy != null) {
                    throw e;
                }
                last = e;
                try {
                    Thread.sleep(500L << attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw last;
    }

    /**
     * The evaluator's seed for the {@code number}-th trial of a study (1-based): a function of the campaign seed and
     * the trial's place in its study only, never of the store's global trial ids, so that the same campaign gives the
     * same evaluations in a fresh store and in one that already holds other studies.
     */
    static long evaluationSeed(long campaignSeed, long number) {
        return campaignSeed * 1_000_003L + number;
    }

    /** The best trial of a single-objective study; empty for a multi-objective one, which has a front instead. */
    private static Optional<Trial> best(Study study) {
        return study.spec().isMultiObjective() ? Optional.empty() : study.best();
    }

    static int countFinished(List<Trial> trials) {
        int n = 0;
        for (Trial t : trials) {
            if (t.state() == TrialState.COMPLETED || t.state() == TrialState.FAILED) {
                n++;
            }
        }
        return n;
    }

    static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /** All trials of the study (convenience for summaries). */
    public List<Trial> trials() {
        return new ArrayList<>(storage.trials(campaign.name()));
    }
}

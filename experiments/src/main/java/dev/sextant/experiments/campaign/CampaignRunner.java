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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs a campaign against a store: creates the study or resumes it, asks {@code batch} trials at a time, evaluates up
 * to {@code parallelism} at once on a thread pool, tells or fails each, until the budget is spent.
 *
 * <p>Resume: the budget counts the study's COMPLETED and FAILED trials from earlier runs, so no finished trial is
 * re-run or lost. RUNNING trials left by a dead run (those of a {@code run} process, whose worker id starts with
 * {@code "run:"}, and any whose last heartbeat is older than {@link Options#staleAfter}) are ABANDONED and their
 * parameters enqueued again as CANDIDATEs, which {@code ask} hands out first. Ctrl-C does the same for the trials in
 * flight (from a shutdown hook). Running trials get a heartbeat every {@link #HEARTBEAT}.
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

    /** Progress callbacks, from the runner's thread. */
    public interface Listener {
        default void started(Campaign campaign, int finishedBefore, int trialLimit) {
        }

        default void trialFinished(Trial trial, int finished, int trialLimit, Optional<Trial> best) {
        }

        default void message(String text) {
        }
    }

    /**
     * @param workerId   recorded on trials; {@code "run:…"} for the campaign runner, {@code "worker:…"} for workers
     * @param staleAfter RUNNING trials without a heartbeat for this long are taken as dead and re-queued
     * @param create     create the study when the store lacks it (false for workers)
     */
    public record Options(String workerId, Duration staleAfter, boolean create, Listener listener) {
        public Options {
            Objects.requireNonNull(workerId, "workerId");
            staleAfter = staleAfter == null ? HEARTBEAT.multipliedBy(4) : staleAfter;
            listener = listener == null ? new Listener() { } : listener;
        }

        public static Options forRun(Listener listener) {
            return new Options("run:" + host() + ":" + ProcessHandle.current().pid(), null, true, listener);
        }

        public static Options forWorker(Listener listener) {
            return new Options("worker:" + host() + ":" + ProcessHandle.current().pid(), null, false, listener);
        }
    }

    /** What a run did. {@code resumed}: trials re-queued from a dead run. */
    public record Summary(String study, int completed, int failed, int abandoned, int resumed, int finishedBefore,
                          Optional<Trial> best, Duration elapsed) {
    }

    private final Campaign campaign;
    private final Storage storage;
    private final Function<StudySpec, GenerationStrategy> strategies;
    private final Options options;
    private final AtomicBoolean stop = new AtomicBoolean();
    private Study sobolFallback;

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
        for (String key : List.of("parameters", "parameter_constraints", "objective", "outcome_constraints")) {
            if (!Objects.equals(String.valueOf(a.get(key)), String.valueOf(b.get(key)))) {
                throw new IllegalStateException("the store already has a study '" + name + "' whose " + key
                        + " differ from the campaign file's (" + a.get(key) + " vs " + b.get(key)
                        + "); rename the campaign or use another store");
            }
        }
        return Study.open(name, storage, strategies.apply(stored.get()));
    }

    /** Runs until the budget is spent; returns what happened. */
    public Summary run() {
        Instant start = Instant.now();
        Study study = openStudy();
        study.setWorker(options.workerId());
        String name = campaign.name();
        int resumed = requeueDead(study);
        if (resumed > 0) {
            options.listener().message("re-queued " + resumed + " trial(s) left RUNNING by an interrupted run");
        }
        int limit = campaign.budget().trialLimit();
        int finishedBefore = countFinished(trialsOf(name));
        options.listener().started(campaign, finishedBefore, limit);
        Instant deadline = campaign.budget().wallTime() == null ? null : start.plus(campaign.budget().wallTime());

        Evaluator evaluator = Evaluator.of(campaign);
        int threads = campaign.parallelism();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sextant-eval");
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sextant-heartbeat");
            t.setDaemon(true);
            return t;
        });
        Map<Long, Trial> inFlight = new ConcurrentHashMap<>();
        beat.scheduleAtFixedRate(() -> {
            for (Long id : inFlight.keySet()) {
                try {
                    storage.heartbeat(name, id);
                } catch (RuntimeException ignored) {
                    // finished meanwhile
                }
            }
        }, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        Object lock = new Object();
        Thread hook = new Thread(() -> {
            // Ctrl-C / SIGTERM: the trials in flight go back to the queue (before their processes are killed, so
            // the kill is not mistaken for a failure), then the processes are stopped
            synchronized (lock) {
                stop.set(true);
                for (Trial t : inFlight.values()) {
                    requeue(study, t);
                }
                inFlight.clear();
            }
            evaluator.cancelAll();
        }, "sextant-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        CompletionService<Object[]> cs = new ExecutorCompletionService<>(pool);
        int completed = 0;
        int failed = 0;
        try {
            while (true) {
                boolean timeUp = deadline != null && Instant.now().isAfter(deadline);
                if (!timeUp && !stop.get() && inFlight.size() < threads) {
                    List<Trial> all = trialsOf(name);
                    int room = limit - countFinished(all) - (int) all.stream().filter(t -> t.state() == TrialState.RUNNING).count();
                    if (room > 0) {
                        List<Trial> asked = ask(study, Math.min(campaign.batch(), room));
                        for (Trial t : asked) {
                            inFlight.put(t.number(), t);
                            long seed = evaluationSeed(campaign.spec().seed(), t.number());
                            cs.submit(() -> new Object[] {t, evaluator.evaluate(t.parameters(), t.number(), seed)});
                        }
                        if (!asked.isEmpty()) {
                            continue;
                        }
                    }
                }
                if (inFlight.isEmpty()) {
                    if (timeUp || stop.get()) {
                        break;
                    }
                    List<Trial> all = trialsOf(name);
                    long running = all.stream().filter(t -> t.state() == TrialState.RUNNING).count();
                    if (countFinished(all) >= limit || running == 0) {
                        break;
                    }
                    // other workers still evaluate the last trials of the budget: wait for them
                    Thread.sleep(500);
                    continue;
                }
                Future<Object[]> f = cs.poll(250, TimeUnit.MILLISECONDS);
                if (f == null) {
                    continue;
                }
                Object[] r = f.get();
                Trial t = (Trial) r[0];
                Evaluation e = (Evaluation) r[1];
                Trial done;
                synchronized (lock) {
                    if (stop.get() && !inFlight.containsKey(t.number())) {
                        continue;   // interrupted: the shutdown hook re-queued it
                    }
                    done = e.succeeded() ? tell(study, t, e) : study.fail(t.number(), e.failure());
                    inFlight.remove(t.number());
                }
                if (done.state() == TrialState.COMPLETED) {
                    completed++;
                } else {
                    failed++;
                }
                options.listener().trialFinished(done, countFinished(trialsOf(name)), limit, study.best());
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            evaluator.cancelAll();
            for (Trial t : inFlight.values()) {
                requeue(study, t);
            }
        } catch (ExecutionException ex) {
            throw new IllegalStateException("evaluation crashed: " + ex.getCause(), ex.getCause());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
            beat.shutdownNow();
            pool.shutdownNow();
        }
        int abandoned = (int) trialsOf(name).stream().filter(t -> t.state() == TrialState.ABANDONED).count();
        return new Summary(name, completed, failed, abandoned, resumed, finishedBefore, study.best(),
                Duration.between(start, Instant.now()));
    }

    /**
     * Asks the strategy; when its generator fails (e.g. a model cannot be fitted) this batch comes from Sobol, with a
     * message. Invalid stored generation settings are no such failure: {@link InvalidStoredSettingsException} (from
     * {@link Study#ask}) stops the campaign with the option to fix.
     */
    private List<Trial> ask(Study study, int count) {
        try {
            return study.ask(count);
        } catch (GenerationException e) {
            options.listener().message("generator failed (" + e.getMessage() + "); this batch is drawn from Sobol");
            if (sobolFallback == null) {
                sobolFallback = Study.open(campaign.name(), storage, GenerationStrategy.sobolOnly());
                sobolFallback.setWorker(options.workerId());
            }
            return sobolFallback.ask(count);
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

    /** Abandons RUNNING trials of dead runs and enqueues their parameters again; returns how many. */
    private int requeueDead(Study study) {
        int n = 0;
        Instant staleBefore = Instant.now().minus(options.staleAfter());
        for (Trial t : storage.trials(campaign.name())) {
            if (t.state() != TrialState.RUNNING) {
                continue;
            }
            boolean deadRun = t.worker() != null && t.worker().startsWith("run:") && options.workerId().startsWith("run:");
            boolean stale = t.updated() != null && t.updated().isBefore(staleBefore);
            if (deadRun || stale) {
                if (requeue(study, t)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean requeue(Study study, Trial t) {
        try {
            study.abandon(t.number());
            study.enqueue(t.parameters());
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
                if (e instanceof java.util.NoSuchElementException) {
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

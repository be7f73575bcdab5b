package dev.sextant.store;

import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.generate.SobolGenerator;
import dev.sextant.core.study.Study;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A worker JVM for the multi-process tests. Prints "TOLD id" after each committed tell and "DONE" at the end.
 * <ul>
 *   <li>{@code run url study worker threads trialsPerThread [markerFile]}: each thread asks (claims a candidate, else
 *       creates a RUNNING trial) and tells trialsPerThread trials; the told value of trial i is {@link #valueFor}(i).
 *       With a marker file, each thread first asks and tells until that file exists, then trialsPerThread more.</li>
 *   <li>{@code open url study worker markerFile}: opens the store, prints "STUDIES n", and stays open until the
 *       marker file exists.</li>
 *   <li>{@code crash url study worker heartbeatMillis}: keeps three trials RUNNING with heartbeats, telling the oldest
 *       each time it asks a new one, until it is killed.</li>
 *   <li>{@code study url study worker threads budget [startMarker]}: (with a marker, once it exists) each thread
 *       runs the ask/tell loop of a campaign worker
 *       through {@link Study#askWithin} (Sobol for 6 trials, then the deterministic {@link GapFiller}) until the
 *       study's budget is spent and nothing is left running; prints "TOLD number x n" per tell and, at the end,
 *       "LEASE acquisitions totalMillis maxMillis".</li>
 * </ul>
 */
public final class WorkerProcess {
    private WorkerProcess() {
    }

    /** The value told for trial id (lets the test check every stored value). */
    static double valueFor(long id) {
        return id * 0.5 + 1;
    }

    static Trial ask(DatabaseStorage storage, String study, String worker, long counter) {
        return storage.claimCandidate(study, worker).orElseGet(() -> storage.createTrial(study, TrialState.RUNNING,
                Map.of("x", (counter % 1000) / 1000.0), Map.of(), "trivial", Map.of(), worker));
    }

    static void tell(DatabaseStorage storage, String study, long id, PrintStream out) {
        storage.complete(study, id, Map.of("y", new Observation(valueFor(id), Double.NaN)));
        synchronized (out) {
            out.println("TOLD " + id);
            out.flush();
        }
    }

    static GenerationStrategy strategy() {
        return GenerationStrategy.builder().then(new SobolGenerator(), 6).last(new GapFiller()).build();
    }

    private static void runStudy(DatabaseStorage storage, String name, String worker, int threads, int budget,
                                 PrintStream out) throws InterruptedException {
        Study study = Study.open(name, storage, strategy());
        study.setWorker(worker);
        inThreads(threads, k -> {
            while (true) {
                List<Trial> asked = study.askWithin(1, budget);
                if (asked.isEmpty()) {
                    boolean busy = storage.trials(name).stream().anyMatch(x -> x.state() == TrialState.RUNNING
                            || x.state() == TrialState.CANDIDATE);
                    if (!busy) {
                        return;
                    }
                    Thread.sleep(20);
                    continue;
                }
                Trial trial = asked.get(0);
                Thread.sleep(5);   // "evaluate"
                study.tell(trial.number(), Map.of("y", valueFor(trial.number()), "c", 0.0));
                synchronized (out) {
                    out.println("TOLD " + trial.number() + " " + trial.parameters().get("x") + " "
                            + trial.parameters().get("n"));
                    out.flush();
                }
            }
        });
        DatabaseStorage.LeaseStats lease = storage.leaseStats();
        out.println("LEASE " + lease.acquisitions() + " " + lease.totalWait().toMillis() + " " + lease.maxWait().toMillis());
        out.println("DONE");
    }

    /** The body of one worker thread; {@code k} is the thread's index. */
    private interface ThreadBody {
        void run(int k) throws Exception;
    }

    /** Runs the body in {@code threads} threads and waits for them; any failure is printed and exits with status 2. */
    private static void inThreads(int threads, ThreadBody body) throws InterruptedException {
        List<Thread> all = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int k = 0; k < threads; k++) {
            int index = k;
            Thread t = new Thread(() -> {
                try {
                    body.run(index);
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            });
            t.start();
            all.add(t);
        }
        for (Thread t : all) {
            t.join();
        }
        if (failure[0] != null) {
            failure[0].printStackTrace();
            System.exit(2);
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        String study = args[2];
        String worker = args[3];
        PrintStream out = System.out;
        try (DatabaseStorage storage = DatabaseStorage.open(url)) {
            out.println("OPEN");
            out.flush();
            if (mode.equals("run")) {
                int threads = Integer.parseInt(args[4]);
                int perThread = Integer.parseInt(args[5]);
                java.nio.file.Path marker = args.length > 6 ? java.nio.file.Path.of(args[6]) : null;
                inThreads(threads, k -> {
                    String name = worker + "-" + k;
                    long i = 0;
                    while (marker != null && !java.nio.file.Files.exists(marker)) {
                        Trial trial = ask(storage, study, name, i++);
                        tell(storage, study, trial.number(), out);
                    }
                    for (int k2 = 0; k2 < perThread; k2++) {
                        Trial trial = ask(storage, study, name, i++);
                        tell(storage, study, trial.number(), out);
                    }
                });
                out.println("DONE");
            } else if (mode.equals("open")) {
                out.println("STUDIES " + storage.studyNames().size());
                out.flush();
                // stay open until the test says so (a marker file), so no process leaves while others use its server
                java.nio.file.Path marker = java.nio.file.Path.of(args[4]);
                for (int i = 0; i < 1200 && !java.nio.file.Files.exists(marker); i++) {
                    Thread.sleep(100);
                }
            } else if (mode.equals("study")) {
                if (args.length > 6) {   // a start marker: begin only when the test says every worker is open
                    java.nio.file.Path start = java.nio.file.Path.of(args[6]);
                    for (int i = 0; i < 1200 && !java.nio.file.Files.exists(start); i++) {
                        Thread.sleep(100);
                    }
                }
                runStudy(storage, study, worker, Integer.parseInt(args[4]), Integer.parseInt(args[5]), out);
            } else if (mode.equals("crash")) {
                long beatMillis = Long.parseLong(args[4]);
                try (Heartbeats beats = storage.startHeartbeats(Duration.ofMillis(beatMillis))) {
                    Deque<Long> running = new ArrayDeque<>();
                    for (long i = 0; ; i++) {
                        Trial t = ask(storage, study, worker, i);
                        beats.track(study, t.number());
                        running.add(t.number());
                        if (running.size() > 3) {
                            tell(storage, study, running.poll(), out);
                        }
                        Thread.sleep(10);
                    }
                }
            } else {
                throw new IllegalArgumentException("unknown mode " + mode);
            }
        }
        System.exit(0);
    }
}

package dev.sextant.store.bench;

import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import dev.sextant.store.DatabaseStorage;
import dev.sextant.store.StoreOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ask+tell throughput and latency of {@link DatabaseStorage}, with a trivial generator so that only the store is
 * measured. One "ask" is what a worker does to get a trial: claim the oldest CANDIDATE, else create a RUNNING trial
 * with the generator's point (two transactions when there is no candidate); one "tell" completes it.
 *
 * <pre>
 * StoreBenchmark [--trials 10000] [--clients 1,16] [--warmup 1000] URL [URL...]
 * </pre>
 * Each URL gets a fresh study per client count. Prints one Markdown table row per (URL, clients).
 */
public final class StoreBenchmark {
    private StoreBenchmark() {
    }

    /** One measured configuration. Latencies in milliseconds. */
    public record Result(String database, int clients, int trials, double seconds, double trialsPerSecond,
                         double askP50, double askP99, double tellP50, double tellP99, double askTellP99, long retries) {
        public String row() {
            return String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %d |",
                    database, clients, trials, seconds, trialsPerSecond, askP50, askP99, tellP50, tellP99, askTellP99,
                    retries);
        }
    }

    public static final String HEADER = "| database | clients | trials | seconds | ask+tell/s | ask p50 ms | ask p99 ms "
            + "| tell p50 ms | tell p99 ms | ask+tell p99 ms | retries |\n|---|---|---|---|---|---|---|---|---|---|---|";

    public static void main(String[] args) throws Exception {
        int trials = 10_000;
        int warmup = 1_000;
        List<Integer> clients = List.of(1, 16);
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Arrays.stream(args[++i].split(",")).map(String::trim)
                        .map(Integer::parseInt).toList();
                default -> urls.add(args[i]);
            }
        }
        if (urls.isEmpty()) {
            System.err.println("usage: StoreBenchmark [--trials N] [--clients 1,16] [--warmup N] JDBC_URL...");
            System.exit(2);
        }
        System.out.println(HEADER);
        for (String url : urls) {
            for (Result r : run(url, trials, warmup, clients)) {
                System.out.println(r.row());
            }
        }
    }

    /** Runs every client count on one database (fresh study each), after a warm-up study. */
    public static List<Result> run(String url, int trials, int warmup, List<Integer> clientCounts) throws Exception {
        int maxClients = clientCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Result> results = new ArrayList<>();
        try (DatabaseStorage storage = DatabaseStorage.open(StoreOptions.of(url).withMaxPoolSize(maxClients + 2))) {
            String tag = Long.toString(System.currentTimeMillis(), 36);
            if (warmup > 0) {
                measure(storage, "warmup-" + tag, warmup, Math.min(4, maxClients), label(url));
            }
            for (int c : clientCounts) {
                results.add(measure(storage, "bench-" + tag + "-" + c, trials, c, label(url)));
            }
        }
        return results;
    }

    private static String label(String url) {
        return url.startsWith("jdbc:h2:") ? "H2 file" : "PostgreSQL";
    }

    private static StudySpec spec(String name) {
        return new StudySpec(name, SearchSpace.builder().addFloat("x", 0, 1).addFloat("z", 0, 1).build(),
                new Objective("y", Goal.MINIMIZE), List.of(), GenerationSettings.defaults(), 1L);
    }

    static Result measure(DatabaseStorage storage, String study, int trials, int clients, String label)
            throws InterruptedException {
        storage.createStudy(spec(study));
        long retriesBefore = storage.retryCount();
        AtomicLong next = new AtomicLong();
        long[][] ask = new long[clients][];
        long[][] tell = new long[clients][];
        int[] done = new int[clients];
        Throwable[] failure = new Throwable[1];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            int me = k;
            ask[k] = new long[trials];
            tell[k] = new long[trials];
            Thread t = new Thread(() -> {
                String worker = "bench-" + me;
                try {
                    start.await();
                    long i;
                    while ((i = next.getAndIncrement()) < trials) {
                        long t0 = System.nanoTime();
                        Trial trial = storage.claimCandidate(study, worker).orElse(null);
                        if (trial == null) {
                            // the trivial generator: a deterministic point from the counter
                            double x = (i * 0.6180339887498949) % 1.0;
                            trial = storage.createTrial(study, TrialState.RUNNING, Map.of("x", x, "z", 1 - x),
                                    Map.of(), "trivial", Map.of("acquisition_value", x), worker);
                        }
                        long t1 = System.nanoTime();
                        storage.complete(study, trial.number(), Map.of("y", Observation.of(x(trial))));
                        long t2 = System.nanoTime();
                        ask[me][done[me]] = t1 - t0;
                        tell[me][done[me]] = t2 - t1;
                        done[me]++;
                    }
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "bench-client-" + k);
            t.start();
            threads.add(t);
        }
        long begin = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (failure[0] != null) {
            throw new IllegalStateException("benchmark client failed", failure[0]);
        }
        long[] asks = merge(ask, done);
        long[] tells = merge(tell, done);
        long[] both = new long[asks.length];
        int p = 0;
        for (int k = 0; k < clients; k++) {
            for (int i = 0; i < done[k]; i++) {
                both[p++] = ask[k][i] + tell[k][i];
            }
        }
        Arrays.sort(both);
        int completed = storage.trials(study).size();
        if (completed != trials) {
            throw new IllegalStateException("expected " + trials + " trials, found " + completed);
        }
        return new Result(label, clients, trials, seconds, trials / seconds, pct(asks, 0.5), pct(asks, 0.99),
                pct(tells, 0.5), pct(tells, 0.99), pct(both, 0.99), storage.retryCount() - retriesBefore);
    }

    private static double x(Trial t) {
        return ((Number) t.parameters().get("x")).doubleValue();
    }

    private static long[] merge(long[][] parts, int[] counts) {
        int n = Arrays.stream(counts).sum();
        long[] all = new long[n];
        int p = 0;
        for (int k = 0; k < parts.length; k++) {
            System.arraycopy(parts[k], 0, all, p, counts[k]);
            p += counts[k];
        }
        Arrays.sort(all);
        return all;
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }
}

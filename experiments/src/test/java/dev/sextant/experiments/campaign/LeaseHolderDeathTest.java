package dev.sextant.experiments.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import dev.sextant.store.DatabaseStorage;
import dev.sextant.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real worker JVM ({@link StallingWorker}) is SIGKILLed while it holds the study's generation lease (its second
 * generator call stalls inside the lease) and while its first trial may still be RUNNING. A second worker, already
 * waiting for the lease, takes it once the dead holder's 2 s lease has expired (no human, no restart), re-queues the dead
 * worker's trial if it was left RUNNING, and the campaign ends with its budget exactly: 6 finished trials, 6 distinct
 * points, nothing RUNNING or CANDIDATE.
 */
class LeaseHolderDeathTest {
    static final int BUDGET = 6;

    @TempDir
    Path dir;

    @Test
    void anotherWorkerTakesADeadHoldersLeaseAfterItsExpiryAndFinishesTheBudget() throws Exception {
        Path file = dir.resolve("campaign.yaml");
        Files.writeString(file, """
                name: holder-dies
                seed: 4
                parameters: [{name: x0, type: float, low: -5, high: 10}, {name: x1, type: float, low: 0, high: 15}]
                objective: {metric: value, goal: minimize}
                budget: {trials: %d}
                batch: 1
                parallelism: 2
                generation: {initial: %d, acquisition: sobol}
                evaluator: {builtin: branin}
                """.formatted(BUDGET, BUDGET));
        Campaign c = CampaignParser.parse(file);
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        Path marker = dir.resolve("holding");
        Path log = dir.resolve("stalling.log");
        try (DatabaseStorage storage = DatabaseStorage.open(StoreOptions.of(url).withGenerationLease(Duration.ofSeconds(2)))) {
            CampaignRunner.Options live = new CampaignRunner.Options("worker:live", Duration.ofSeconds(2), true, null);
            new CampaignRunner(c, storage, s -> GenerationStrategy.sobolOnly(), live).openStudy();

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process stalling = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), StallingWorker.class.getName(), url, file.toString(), "2",
                    marker.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.exists(marker)) {
                    assertTrue(stalling.isAlive(), () -> "the stalling worker ended early: " + read(log));
                    assertTrue(System.nanoTime() < deadline, () -> "the worker never stalled: " + read(log));
                    Thread.sleep(50);
                }
                // the second worker starts while the lease is held, and waits for it
                AtomicReference<CampaignRunner.Summary> summary = new AtomicReference<>();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread second = new Thread(() -> {
                    try {
                        summary.set(new CampaignRunner(c, storage, s -> GenerationStrategy.sobolOnly(), live).run());
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                });
                second.start();
                Thread.sleep(500);
                assertTrue(stalling.isAlive(), () -> "the stalling worker ended early: " + read(log));
                stalling.destroyForcibly();   // SIGKILL while it holds the lease: nothing releases it
                assertTrue(stalling.waitFor(30, TimeUnit.SECONDS));
                second.join(120_000);
                assertTrue(!second.isAlive(), "the second worker never finished (the dead holder's lease never expired?)");
                if (failure.get() != null) {
                    throw new AssertionError("the second worker failed", failure.get());
                }
            } finally {
                stalling.destroyForcibly();
            }
            List<Trial> trials = storage.trials("holder-dies");
            String table = trials.stream().map(t -> t.number() + ":" + t.state() + ":" + t.worker() + ":" + t.parameters())
                    .collect(Collectors.joining("\n"));
            Map<TrialState, Long> states = trials.stream().collect(Collectors.groupingBy(Trial::state,
                    Collectors.counting()));
            assertEquals(BUDGET, states.getOrDefault(TrialState.COMPLETED, 0L), table);
            assertEquals(0L, states.getOrDefault(TrialState.RUNNING, 0L) + states.getOrDefault(TrialState.CANDIDATE, 0L),
                    table);
            List<Map<String, Object>> live2 = trials.stream().filter(t -> t.state() != TrialState.ABANDONED)
                    .map(Trial::parameters).toList();
            assertEquals(BUDGET, live2.size(), "budget exact:\n" + table);
            assertEquals(BUDGET, new HashSet<>(live2).size(), "no duplicate points:\n" + table);
            assertTrue(trials.stream().anyMatch(t -> "worker:stalling".equals(t.worker())),
                    "the stalling worker had created its first trial:\n" + table);
            Duration waited = storage.leaseStats().maxWait();
            assertTrue(waited.compareTo(Duration.ofMillis(400)) >= 0 && waited.compareTo(Duration.ofSeconds(25)) < 0,
                    "the second worker waited for the dead holder's lease to expire (2 s), not for ever: " + waited);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "";
        }
    }
}

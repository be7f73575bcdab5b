package dev.sextant.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 50 concurrent clients doing ask/tell over loopback for {@code sextant.load.seconds} (default 3; the benchmark uses
 * 10): no errors, and every acknowledged tell is a COMPLETED trial. Prints requests/s and latency percentiles and
 * writes them to target/load-test.txt. Sobol-only strategy, so it measures the web and storage path, not GP fits.
 */
class LoadTest {
    @Test
    void fiftyClientsAskAndTellWithoutErrorsOrLostTells() throws Exception {
        int clients = Integer.getInteger("sextant.load.clients", 50);
        double seconds = Double.parseDouble(System.getProperty("sextant.load.seconds", "3"));
        InMemoryStorage storage = new InMemoryStorage();
        try (WebServer server = Fixtures.server(storage, WebOptions.defaults().withPort(0))) {
            Http setup = new Http(server.port());
            assertEquals(201, setup.post("/api/studies", Fixtures.spec("load")).status());
            String base = "http://127.0.0.1:" + server.port() + "/api/studies/load";
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(java.util.concurrent.Executors.newFixedThreadPool(8)).build();
            AtomicLong asks = new AtomicLong(), tells = new AtomicLong(), errors = new AtomicLong();
            ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
            List<long[]> latencies = new ArrayList<>();
            CountDownLatch ready = new CountDownLatch(clients);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            long[] deadline = new long[1];
            for (int c = 0; c < clients; c++) {
                long[] lat = new long[2_000_000];
                latencies.add(lat);
                int[] count = new int[1];
                Thread t = new Thread(() -> {
                    ready.countDown();
                    try {
                        go.await();
                        while (System.nanoTime() < deadline[0]) {
                            long t0 = System.nanoTime();
                            HttpResponse<String> a = client.send(HttpRequest.newBuilder(URI.create(base + "/ask"))
                                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"count\":1}")).build(), HttpResponse.BodyHandlers.ofString());
                            long t1 = System.nanoTime();
                            lat[count[0]++] = t1 - t0;
                            if (a.statusCode() != 200) {
                                errors.incrementAndGet();
                                errorSamples.add("ask " + a.statusCode() + " " + a.body());
                                continue;
                            }
                            asks.incrementAndGet();
                            JsonNode trial = Http.JSON.readTree(a.body()).get(0);
                            @SuppressWarnings("unchecked")
                            Map<String, Object> p = Http.JSON.convertValue(trial.get("parameters"), Map.class);
                            String body = Http.JSON.writeValueAsString(Map.of("values", Fixtures.evaluate(p)));
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/trials/" + trial.get("number").asLong() + "/tell"))
                                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                            lat[count[0]++] = System.nanoTime() - t1;
                            if (r.statusCode() != 200) {
                                errors.incrementAndGet();
                                errorSamples.add("tell " + r.statusCode() + " " + r.body());
                            } else {
                                tells.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        errorSamples.add(e.toString());
                    }
                    lat[lat.length - 1] = count[0];
                }, "load-client-" + c);
                threads.add(t);
                t.start();
            }
            ready.await();
            long start = System.nanoTime();
            deadline[0] = start + (long) (seconds * 1e9);
            go.countDown();
            for (Thread t : threads) t.join();
            double elapsed = (System.nanoTime() - start) / 1e9;

            int total = 0;
            for (long[] lat : latencies) total += (int) lat[lat.length - 1];
            long[] all = new long[total];
            int k = 0;
            for (long[] lat : latencies) {
                int n = (int) lat[lat.length - 1];
                System.arraycopy(lat, 0, all, k, n);
                k += n;
            }
            Arrays.sort(all);
            double rps = total / elapsed;
            String report = String.format(java.util.Locale.ROOT,
                    "load test: %d clients, %.1f s, %d requests (%d asks, %d tells), %.0f requests/s, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms, errors %d",
                    clients, elapsed, total, asks.get(), tells.get(), rps, pct(all, 0.50), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6, errors.get());
            System.out.println(report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "load-test.txt"), report + System.lineSeparator());

            assertEquals(0, errors.get(), "errors: " + errorSamples.stream().limit(5).toList());
            assertTrue(tells.get() > 0);
            List<Trial> trials = storage.trials("load");
            long completed = trials.stream().filter(t -> t.state() == TrialState.COMPLETED).count();
            assertEquals(asks.get(), trials.size(), "every ask created exactly one trial");
            assertEquals(tells.get(), completed, "every acknowledged tell is a COMPLETED trial (none lost)");
            assertEquals(0, trials.stream().filter(t -> t.state() == TrialState.RUNNING).count(), "no ask left without its tell");
            assertEquals(completed, setup.get("/api/studies/load").json().get("counts").get("COMPLETED").asLong());
        }
    }

    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}

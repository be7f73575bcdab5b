package dev.sextant.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.store.DatabaseStorage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.sextant.web.Http.study;
import static dev.sextant.web.RestApiTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The same API over the production storage (H2 in memory): state changes and error mapping hold there too. */
class DatabaseStorageWebTest {
    @Test
    void askTellOverTheDatabase() throws Exception {
        try (DatabaseStorage storage = DatabaseStorage.open("jdbc:h2:mem:web-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
             WebServer server = Fixtures.server(storage, WebOptions.defaults().withPort(0))) {
            Http http = new Http(server.port());
            assertEquals(201, http.post("/api/studies", Fixtures.spec("db")).status());
            assertError(http.post("/api/studies", Fixtures.spec("db")), 409, "already exists");
            JsonNode asked = http.post(study("db") + "/ask", Map.of("count", 2)).json();
            long a = asked.get(0).get("number").asLong(), b = asked.get(1).get("number").asLong();
            assertEquals(200, http.post(study("db") + "/trials/" + a + "/tell",
                    Map.of("values", Fixtures.evaluate(RestApiTest.params(asked.get(0))))).status());
            assertError(http.post(study("db") + "/trials/" + a + "/tell", Map.of("values", Map.of("loss", 1.0, "acc", 1.0))), 409, "COMPLETED");
            assertError(http.post(study("db") + "/trials/" + b + "/tell", Map.of("values", Map.of("loss", 1.0))), 400, "acc");
            assertEquals(200, http.post(study("db") + "/trials/" + b + "/fail", Map.of("reason", "oom")).status());
            assertError(http.post(study("db") + "/trials/424242/abandon", null), 404, "no trial");
            assertEquals(a, http.get(study("db") + "/best").json().get("number").asLong());

            // concurrent clients: every acknowledged tell is stored
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                futures.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 10; i++) {
                        JsonNode t = http.post(study("db") + "/ask", "{}").json().get(0);
                        Http.Response r = http.post(study("db") + "/trials/" + t.get("number").asLong() + "/tell",
                                Map.of("values", Fixtures.evaluate(RestApiTest.params(t))));
                        if (r.status() == 200) ok++;
                    }
                    return ok;
                }));
            }
            int told = 0;
            for (Future<Integer> f : futures) told += f.get();
            pool.shutdown();
            assertEquals(80, told);
            JsonNode counts = http.get(study("db")).json().get("counts");
            assertEquals(81, counts.get("COMPLETED").asInt());
            assertEquals(1, counts.get("FAILED").asInt());
            assertEquals(0, counts.get("RUNNING").asInt());
        }
    }
}

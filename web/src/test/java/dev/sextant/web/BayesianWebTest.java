package dev.sextant.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.acquisition.Strategies;
import dev.sextant.core.study.InMemoryStorage;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.sextant.web.Http.study;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With the production strategy (Strategies.defaultFor): Sobol first, then the Bayesian generator, through REST. */
class BayesianWebTest {
    @Test
    void switchesFromSobolToTheBayesianGenerator() {
        try (WebServer server = WebServer.start(WebOptions.defaults().withPort(0), new InMemoryStorage(), Strategies::defaultFor)) {
            Http http = new Http(server.port());
            Map<String, Object> spec = new HashMap<>(Fixtures.spec("bayes"));
            spec.put("parameters", List.of(Map.of("name", "x", "type", "float", "low", -2.0, "high", 2.0),
                    Map.of("name", "lr", "type", "float", "low", 1e-4, "high", 1e-1, "log", true),
                    Map.of("name", "n", "type", "int", "low", 1, "high", 8),
                    Map.of("name", "opt", "type", "categorical", "choices", List.of("adam", "sgd"))));
            spec.put("generation", Map.of("initial", 4));
            assertEquals(201, http.post("/api/studies", spec).status());
            JsonNode first = http.post(study("bayes") + "/ask", Map.of("count", 4)).json();
            for (JsonNode t : first) {
                assertEquals("sobol", t.get("generator").asText());
                http.post(study("bayes") + "/trials/" + t.get("number").asLong() + "/tell", Map.of("values", Fixtures.evaluate(RestApiTest.params(t))));
            }
            String next = http.get(study("bayes")).json().get("nextGenerator").asText();
            assertNotEquals("sobol", next);
            Http.Response r = http.post(study("bayes") + "/ask", Map.of("count", 1));
            assertEquals(200, r.status(), r.body());
            JsonNode t = r.json().get(0);
            assertEquals(next, t.get("generator").asText());
            assertTrue(t.get("parameters").get("x").asDouble() >= -2 && t.get("parameters").get("x").asDouble() <= 2);
            assertEquals(next, http.get(study("bayes")).json().get("lastGenerator").asText());
            assertEquals(400, http.post("/api/studies", Map.of("name", "bad-acq", "parameters", spec.get("parameters"),
                    "objective", Map.of("metric", "loss", "goal", "minimize"), "generation", Map.of("acquisition", "magic"))).status());
        }
    }
}

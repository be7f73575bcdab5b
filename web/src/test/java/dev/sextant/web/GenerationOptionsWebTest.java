package dev.sextant.web;

import static dev.sextant.web.Http.study;
import static dev.sextant.web.RestApiTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.acquisition.Strategies;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.study.StudySpecCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generation options over REST, with the production strategy: validated at creation, old data answered with a 4xx. */
class GenerationOptionsWebTest {
    /** The bad examples: key, value, the fragment naming the option and what is allowed. */
    static final List<Object[]> BAD = List.of(
            new Object[] {"kernel", "banana", "generation.kernel: got 'banana'; allowed: rbf, matern52"},
            new Object[] {"mc_samples", 0, "generation.mc_samples: got 0; allowed: an integer from 1 to 16384"},
            new Object[] {"raw_samples", 1e9, "generation.raw_samples: got 1000000000; allowed: an integer from 1 to 65536"},
            new Object[] {"restarts", -1, "generation.restarts: got -1; allowed: an integer from 1 to 1000"},
            new Object[] {"outcome_transform", "sqrt", "generation.outcome_transform: got 'sqrt'; allowed: none, log, bilog, power"},
            new Object[] {"noise_prior_scale", -1, "generation.noise_prior_scale: got -1; allowed: a finite number above 0"},
            new Object[] {"threads", 0, "generation.threads: got 0; allowed: an integer from 1 to 1024"},
            new Object[] {"gp_restarts", -3, "generation.gp_restarts: got -3; allowed: an integer from 0 to 100"},
            new Object[] {"mc_sample", 64, "generation.mc_sample: unknown option; did you mean 'mc_samples'?"},
            new Object[] {"acquisition", "qlogne", "generation.acquisition: unknown acquisition 'qlogne'; did you mean 'qlognei'?"});

    static Map<String, Object> body(String name, Map<String, Object> generation) {
        Map<String, Object> m = new LinkedHashMap<>(Fixtures.spec(name));
        m.put("outcome_constraints", List.of());
        m.put("generation", generation);
        return m;
    }

    @Test
    void everyBadOptionIsA400NamingItAndNoStudyIsCreated() {
        try (WebServer server = WebServer.start(WebOptions.defaults().withPort(0), new InMemoryStorage(),
                Strategies::defaultFor)) {
            Http http = new Http(server.port());
            for (Object[] bad : BAD) {
                String name = "bad-" + bad[0];
                Map<String, Object> generation = new LinkedHashMap<>();
                generation.put("initial", 2);
                generation.put((String) bad[0], bad[1]);
                Http.Response r = http.post("/api/studies", body(name, generation));
                assertError(r, 400, (String) bad[2]);
                assertEquals("generation." + bad[0], r.json().get("option").asText(), r.body());
                assertTrue(r.json().get("allowed").asText().length() > 0, r.body());
                if (bad[0].equals("kernel")) {
                    assertEquals("rbf, matern52, matern32, a sum (+) or product (*) of these, e.g. matern52+rbf",
                            r.json().get("allowed").asText());
                }
                assertEquals(404, http.get(study(name)).status(), "no study " + name);
            }
            assertEquals(0, http.get("/api/studies").json().size(), "state unchanged");
        }
    }

    @Test
    void validOptionsRoundTripUnchanged() {
        try (WebServer server = WebServer.start(WebOptions.defaults().withPort(0), new InMemoryStorage(),
                Strategies::defaultFor)) {
            Http http = new Http(server.port());
            Map<String, Object> generation = new LinkedHashMap<>();
            generation.put("initial", 2);
            generation.put("acquisition", "qlognei");
            generation.put("kernel", "matern52");
            generation.put("mc_samples", 64);
            generation.put("raw_samples", 512);
            generation.put("outcome_transform", "power");
            generation.put("warm_start", true);
            generation.put("noise_prior_loc", -4.0);
            generation.put("fantasies", List.of(4, 2));
            Http.Response r = http.post("/api/studies", body("good", generation));
            assertEquals(201, r.status(), r.body());
            JsonNode stored = http.get(study("good")).json().get("spec").get("generation");
            Map<String, Object> expected = new LinkedHashMap<>(generation);
            expected.put("initial_default", false);   // the summary says whether 'initial' is the default count
            assertEquals(Http.JSON.valueToTree(expected), stored);
        }
    }

    @Test
    void aStoredStudyWithInvalidOptionsAnswersAskWithA409AndStaysReadable() {
        InMemoryStorage storage = new InMemoryStorage();
        for (Object[] bad : BAD) {
            // older data: written straight into the storage, bypassing the validation
            Map<String, Object> m = body("old-" + bad[0], Map.of());
            StudySpec valid = StudySpecCodec.fromMap(m);
            boolean acquisition = bad[0].equals("acquisition");
            storage.createStudy(new StudySpec(valid.name(), valid.space(), valid.objective(), valid.outcomeConstraints(),
                    new GenerationSettings(2, acquisition ? (String) bad[1] : "qlognei",
                            acquisition ? Map.of() : Map.of((String) bad[0], bad[1])), valid.seed()));
        }
        try (WebServer server = WebServer.start(WebOptions.defaults().withPort(0), storage, Strategies::defaultFor)) {
            Http http = new Http(server.port());
            assertEquals(BAD.size(), http.get("/api/studies").json().size(), "every study is listed");
            for (Object[] bad : BAD) {
                String name = "old-" + bad[0];
                assertEquals(200, http.get(study(name)).status());
                Http.Response r = http.post(study(name) + "/ask", Map.of("count", 1));
                assertError(r, 409, "study '" + name + "' is stored with generation settings that are not valid: "
                        + bad[2]);
                assertEquals("generation." + bad[0], r.json().get("option").asText(), r.body());
                assertEquals(0, http.get(study(name) + "/trials").json().get("total").asInt(), "no trial created");
            }
        }
    }
}

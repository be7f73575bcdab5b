package dev.sextant.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.core.space.SearchSpace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static dev.sextant.web.Http.study;
import static dev.sextant.web.RestApiTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /predict and /importance on a seeded study, with a real GP, and the sensitivity estimator on a known function. */
class ModelApiTest {
    @RegisterExtension
    static final LiveServer SERVER = new LiveServer();
    static final Http http = SERVER.http();
    static final String NAME = "model-study";

    @BeforeAll
    static void seed() {
        assertEquals(201, http.post("/api/studies", Fixtures.spec(NAME)).status());
        assertEquals(201, http.post("/api/studies", Fixtures.spec("model-empty")).status());
        JsonNode asked = http.post(study(NAME) + "/ask", Map.of("count", 16)).json();
        for (JsonNode t : asked) {
            Http.Response r = http.post(study(NAME) + "/trials/" + t.get("number").asLong() + "/tell",
                    Map.of("values", Fixtures.evaluate(RestApiTest.params(t))));
            assertEquals(200, r.status(), r.body());
        }
    }


    @Test
    void predictAtPointsFollowsTheData() {
        JsonNode trials = http.get(study(NAME) + "/trials?sort=value").json().get("trials");
        JsonNode low = trials.get(0), high = trials.get(trials.size() - 1);
        Http.Response r = http.post(study(NAME) + "/predict", Map.of("points", List.of(low.get("parameters"), high.get("parameters"))));
        assertEquals(200, r.status(), r.body());
        JsonNode mean = r.json().get("mean"), std = r.json().get("std");
        assertEquals(2, mean.size());
        assertEquals("loss", r.json().get("metric").asText());
        // at observed points the posterior mean is near the observation (noise is small relative to the spread)
        double spread = high.get("values").get("loss").asDouble() - low.get("values").get("loss").asDouble();
        assertTrue(mean.get(0).asDouble() < mean.get(1).asDouble(), r.body());
        assertTrue(Math.abs(mean.get(1).asDouble() - high.get("values").get("loss").asDouble()) < 0.5 * spread, r.body());
        assertTrue(std.get(0).asDouble() >= 0 && std.get(1).asDouble() >= 0);

        Http.Response acc = http.post(study(NAME) + "/predict", Map.of("metric", "acc", "points", List.of(low.get("parameters"))));
        assertEquals(200, acc.status(), acc.body());
        assertEquals("acc", acc.json().get("metric").asText());
    }

    @Test
    void sliceAndContourShapes() {
        Http.Response s = http.post(study(NAME) + "/predict", Map.of("slice", Map.of("parameter", "x", "steps", 25)));
        assertEquals(200, s.status(), s.body());
        JsonNode j = s.json();
        assertEquals(25, j.get("x").size());
        assertEquals(25, j.get("mean").size());
        assertEquals(-2.0, j.get("x").get(0).asDouble(), 1e-9);
        assertEquals(2.0, j.get("x").get(24).asDouble(), 1e-9);
        for (JsonNode v : j.get("std")) assertTrue(v.asDouble() >= 0);
        // the true loss is a parabola in x with its minimum at 0.5: the slice's lowest mean is in the middle, not at an end
        int arg = 0;
        for (int i = 1; i < 25; i++) if (j.get("mean").get(i).asDouble() < j.get("mean").get(arg).asDouble()) arg = i;
        assertTrue(arg > 2 && arg < 22, "slice minimum at index " + arg + ": " + j.get("mean"));

        JsonNode lr = http.post(study(NAME) + "/predict", Map.of("slice", Map.of("parameter", "lr", "steps", 4))).json();
        assertEquals(1e-4, lr.get("x").get(0).asDouble(), 1e-12);
        assertEquals(1e-3, lr.get("x").get(1).asDouble(), 1e-9, "log parameters are sliced evenly in log space");

        JsonNode n = http.post(study(NAME) + "/predict", Map.of("slice", Map.of("parameter", "n", "steps", 50))).json();
        assertEquals(8, n.get("x").size(), "integer slices have one point per integer: " + n.get("x"));
        JsonNode opt = http.post(study(NAME) + "/predict", Map.of("slice", Map.of("parameter", "opt"))).json();
        assertTrue(opt.get("categorical").asBoolean());
        assertEquals(List.of("adam", "sgd"), Http.JSON.convertValue(opt.get("x"), List.class));

        Http.Response c = http.post(study(NAME) + "/predict", Map.of("contour", Map.of("x", "x", "y", "lr", "steps", 12,
                "at", Map.of("opt", "sgd"))));
        assertEquals(200, c.status(), c.body());
        JsonNode cj = c.json();
        assertEquals(12, cj.get("x").size());
        assertEquals(12, cj.get("y").size());
        assertEquals(12, cj.get("mean").size());
        assertEquals(12, cj.get("mean").get(0).size());
        assertEquals("sgd", cj.get("at").get("opt").asText());
    }

    @Test
    void predictRejectsBadRequests() {
        String p = study(NAME) + "/predict";
        assertError(http.post(p, "{}"), 400, "exactly one");
        assertError(http.post(p, Map.of("points", List.of(), "slice", Map.of())), 400, "exactly one");
        assertError(http.post(p, Map.of("points", List.of(Map.of("x", 9.0, "lr", 0.01, "n", 1, "opt", "adam")))), 400, "points[0]");
        assertError(http.post(p, Map.of("points", List.of(1, 2))), 400, "points[0]");
        assertError(http.post(p, Map.of("metric", "accuracy", "points", List.of(Map.of()))), 400, "accuracy");
        assertError(http.post(p, Map.of("slice", Map.of("parameter", "depth"))), 400, "depth");
        assertError(http.post(p, Map.of("slice", Map.of("parameter", "x", "steps", 1))), 400, "steps");
        assertError(http.post(p, Map.of("slice", Map.of("parameter", "x", "at", Map.of("x", 99.0)))), 400, "slice.at");
        assertError(http.post(p, Map.of("contour", Map.of("x", "x", "y", "x"))), 400, "two different");
        assertError(http.post(p, Map.of("contour", Map.of("x", "x", "y", "lr", "steps", 1000))), 400, "steps");
        assertError(http.post(study("model-empty") + "/predict", Map.of("slice", Map.of("parameter", "x"))), 409, "at least 2");
        assertError(http.get(study("model-empty") + "/importance"), 409, "at least 2");
        assertError(http.get(study(NAME) + "/importance?metric=nope"), 400, "nope");
    }

    @Test
    void importanceRanksTheParametersThatMatter() {
        Http.Response r = http.get(study(NAME) + "/importance");
        assertEquals(200, r.status(), r.body());
        JsonNode imp = r.json().get("importance");
        assertEquals(4, imp.size());
        assertTrue(r.json().get("method").asText().contains("Sobol"));
        for (JsonNode v : imp) assertTrue(v.asDouble() >= 0 && v.asDouble() <= 1);
        // loss = (x-.5)^2 + .5 (log lr + 2.5)^2 + .02 n + .3 [sgd]: x and lr dominate n
        assertTrue(imp.get("x").asDouble() > imp.get("n").asDouble(), imp.toString());
        assertTrue(imp.get("lr").asDouble() > imp.get("n").asDouble(), imp.toString());
    }

    @Test
    void pointsOutsideTheParameterConstraintsAreGaps() {
        Map<String, Object> spec = new java.util.HashMap<>(Fixtures.spec("constrained"));
        spec.put("parameter_constraints", List.of("x + n <= 3"));
        assertEquals(201, http.post("/api/studies", spec).status());
        JsonNode asked = http.post(study("constrained") + "/ask", Map.of("count", 8)).json();
        for (JsonNode t : asked) {
            assertTrue(t.get("parameters").get("x").asDouble() + t.get("parameters").get("n").asDouble() <= 3 + 1e-9);
            http.post(study("constrained") + "/trials/" + t.get("number").asLong() + "/tell", Map.of("values", Fixtures.evaluate(RestApiTest.params(t))));
        }
        JsonNode s = http.post(study("constrained") + "/predict", Map.of("slice", Map.of("parameter", "x", "steps", 9,
                "at", Map.of("n", 2)))).json();
        // x from -2 to 2 at n = 2: x <= 1 is allowed, x > 1 is not
        assertTrue(s.get("mean").get(0).isNumber(), s.toString());
        assertTrue(s.get("mean").get(8).isNull(), s.toString());
        assertTrue(s.get("std").get(8).isNull(), s.toString());
        Http.Response imp = http.get(study("constrained") + "/importance");
        assertEquals(200, imp.status(), imp.body());
    }

    @Test
    void constantObservationsDoNotBreakTheModel() {
        assertEquals(201, http.post("/api/studies", Fixtures.spec("flat")).status());
        for (JsonNode t : http.post(study("flat") + "/ask", Map.of("count", 4)).json()) {
            http.post(study("flat") + "/trials/" + t.get("number").asLong() + "/tell", Map.of("values", Map.of("loss", 1.0, "acc", 0.5)));
        }
        Http.Response s = http.post(study("flat") + "/predict", Map.of("slice", Map.of("parameter", "x", "steps", 5)));
        assertTrue(s.status() == 200 || s.status() == 409, s.body());
        if (s.status() == 200) assertEquals(1.0, s.json().get("mean").get(2).asDouble(), 1e-6);
        assertTrue(http.get(study("flat") + "/importance").status() < 500);
    }

    @Test
    void firstOrderIndicesOfAKnownFunction() {
        SearchSpace space = SearchSpace.builder().addFloat("a", 0, 1).addFloat("b", 0, 1).addFloat("c", 0, 1)
                .addCategorical("k", List.of("p", "q")).build();
        int d = space.dimension();
        var kDims = Models.dims(space.encoding(), "k");
        // f = 4a + 2b + 0c + 1[k = q]: Var = 16/12 + 4/12 + 1/4, first-order shares 16/12, 4/12, 0, 3/12 over 23/12
        Surrogate f = (unit, q) -> {
            double[] m = new double[q];
            for (int i = 0; i < q; i++) {
                boolean isQ = unit[i * d + kDims[1]] > unit[i * d + kDims[0]];
                m[i] = 4 * unit[i * d] + 2 * unit[i * d + 1] + (isQ ? 1 : 0);
            }
            return new double[][] {m, new double[q]};
        };
        Map<String, Double> s = Models.firstOrderIndices(space, f, 8192, 16, 11);
        assertEquals(16.0 / 23, s.get("a"), 0.03);
        assertEquals(4.0 / 23, s.get("b"), 0.03);
        assertEquals(0.0, s.get("c"), 0.02);
        assertEquals(3.0 / 23, s.get("k"), 0.03);
    }
}

package dev.sextant.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static dev.sextant.web.Http.study;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multi-objective studies over REST, against a real server: creation with objectives, the front, the 4xx errors. */
class ParetoApiTest {
    static WebServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = Fixtures.server();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Creates the two-objective study, asks and tells {@code n} trials; returns the told trials' views. */
    private static List<JsonNode> run(String name, int n) {
        Http.Response r = http.post("/api/studies", Fixtures.twoObjectiveSpec(name));
        assertEquals(201, r.status(), r.body());
        r = http.post(study(name) + "/ask", Map.of("count", n));
        assertEquals(200, r.status(), r.body());
        List<JsonNode> told = new ArrayList<>();
        for (JsonNode t : r.json()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = Http.JSON.convertValue(t.get("parameters"), Map.class);
            Http.Response done = http.post(study(name) + "/trials/" + t.get("number").asLong() + "/tell",
                    Map.of("values", Fixtures.evaluateTwo(p)));
            assertEquals(200, done.status(), done.body());
            told.add(done.json());
        }
        return told;
    }

    @Test
    void theFrontItsReferencePointAndHypervolume() {
        List<JsonNode> told = run("mo-front", 12);
        Http.Response r = http.get(study("mo-front") + "/pareto");
        assertEquals(200, r.status(), r.body());
        JsonNode p = r.json();

        // the front: by brute force over the told means
        TreeSet<Long> expected = new TreeSet<>();
        for (JsonNode a : told) {
            boolean dominated = false;
            for (JsonNode b : told) {
                double ra = a.get("values").get("reward").asDouble(), rb = b.get("values").get("reward").asDouble();
                double da = a.get("values").get("divergence").asDouble(), db = b.get("values").get("divergence").asDouble();
                dominated |= rb >= ra && db <= da && (rb > ra || db < da);
            }
            if (!dominated) expected.add(a.get("number").asLong());
        }
        TreeSet<Long> front = new TreeSet<>();
        for (JsonNode t : p.get("trials")) {
            front.add(t.get("number").asLong());
            assertTrue(t.get("values").has("reward") && t.get("values").has("divergence"), t.toString());
        }
        assertEquals(expected, front);

        // reference point: the reward threshold; divergence inferred = worst front divergence + 0.1 · its range
        double worst = Double.NEGATIVE_INFINITY, bestD = Double.POSITIVE_INFINITY;
        for (JsonNode t : p.get("trials")) {
            worst = Math.max(worst, t.get("values").get("divergence").asDouble());
            bestD = Math.min(bestD, t.get("values").get("divergence").asDouble());
        }
        assertEquals(0.1, p.get("referencePoint").get(0).asDouble(), 0.0);
        assertEquals(worst + 0.1 * (worst - bestD), p.get("referencePoint").get(1).asDouble(), 1e-12);
        assertFalse(p.get("inferred").get(0).asBoolean());
        assertTrue(p.get("inferred").get(1).asBoolean());

        // hypervolume: rectangles of the front sorted by reward, above (0.1, inferred divergence)
        double refR = 0.1, refD = p.get("referencePoint").get(1).asDouble();
        List<double[]> pts = new ArrayList<>();
        for (JsonNode t : p.get("trials")) {
            double rw = t.get("values").get("reward").asDouble(), dv = t.get("values").get("divergence").asDouble();
            if (rw > refR && dv < refD) pts.add(new double[] {rw, dv});
        }
        pts.sort(Comparator.comparingDouble(a -> -a[0]));
        double hv = 0, lowestD = refD;
        for (double[] q : pts) {
            if (q[1] < lowestD) {
                hv += (q[0] - refR) * (lowestD - q[1]);
                lowestD = q[1];
            }
        }
        assertTrue(hv > 0);
        assertEquals(hv, p.get("hypervolume").asDouble(), 1e-12);

        // the trace: one entry per told trial, never decreasing, ending at the hypervolume
        JsonNode trace = p.get("hypervolumeByTrial");
        assertEquals(told.size(), trace.size());
        for (int i = 1; i < trace.size(); i++) {
            assertTrue(trace.get(i).get("hypervolume").asDouble() >= trace.get(i - 1).get("hypervolume").asDouble());
        }
        assertEquals(hv, trace.get(trace.size() - 1).get("hypervolume").asDouble(), 1e-12);

        // the summary and the list say it is multi-objective and have no single best
        JsonNode s = http.get(study("mo-front")).json();
        assertTrue(s.get("objective").isNull());
        assertTrue(s.get("best").isNull());
        assertTrue(s.get("multiObjective").asBoolean());
        assertEquals("divergence", s.get("objectives").get(1).get("metric").asText());
        assertEquals(0.1, s.get("objectives").get(0).get("threshold").asDouble());
        assertEquals(expected.size(), s.get("pareto").get("size").asInt());
        assertTrue(s.get("spec").has("objectives"), s.toString());
        boolean listed = false;
        for (JsonNode e : http.get("/api/studies").json()) {
            if (e.get("name").asText().equals("mo-front")) {
                listed = true;
                assertEquals(hv, e.get("pareto").get("hypervolume").asDouble(), 1e-12);
            }
        }
        assertTrue(listed);
        Http.Response best = http.get(study("mo-front") + "/best");
        RestApiTest.assertError(best, 409, "/pareto");
        // slices and predictions work per objective
        Http.Response pred = http.post(study("mo-front") + "/predict",
                Map.of("metric", "divergence", "points", List.of(Map.of("x", 0.5, "y", 0.5))));
        assertEquals(200, pred.status(), pred.body());
    }

    @Test
    void beforeAnyTrialThereIsNoReferencePointYet() {
        Http.Response r = http.post("/api/studies", Fixtures.twoObjectiveSpec("mo-none"));
        assertEquals(201, r.status(), r.body());
        JsonNode p = http.get(study("mo-none") + "/pareto").json();
        assertEquals(0, p.get("trials").size());
        assertTrue(p.get("referencePoint").isNull());
        assertEquals(0.0, p.get("hypervolume").asDouble());
        RestApiTest.assertError(http.get(study("nope") + "/pareto"), 404, "nope");
    }

    @Test
    void badObjectivesAre400sNamingTheFieldAndCreateNothing() {
        Map<String, Object> both = new LinkedHashMap<>(Fixtures.twoObjectiveSpec("bad-1"));
        both.put("objective", Map.of("metric", "reward", "goal", "maximize"));
        RestApiTest.assertError(http.post("/api/studies", both), 400, "objectives: give either objective");
        Map<String, Object> goal = new LinkedHashMap<>(Fixtures.twoObjectiveSpec("bad-2"));
        goal.put("objectives", List.of(Map.of("metric", "reward", "goal", "maximize"),
                Map.of("metric", "divergence", "goal", "down")));
        RestApiTest.assertError(http.post("/api/studies", goal), 400, "objectives[1].goal: expected minimize or maximize");
        Map<String, Object> threshold = new LinkedHashMap<>(Fixtures.twoObjectiveSpec("bad-3"));
        threshold.put("objectives", List.of(Map.of("metric", "reward", "goal", "maximize", "threshold", "high")));
        RestApiTest.assertError(http.post("/api/studies", threshold), 400, "objectives[0].threshold: expected a number");
        Map<String, Object> same = new LinkedHashMap<>(Fixtures.twoObjectiveSpec("bad-4"));
        same.put("objectives", List.of(Map.of("metric", "r", "goal", "maximize"), Map.of("metric", "r", "goal", "min")));
        RestApiTest.assertError(http.post("/api/studies", same), 400, "objectives[1].metric: 'r' is already");
        Map<String, Object> empty = new LinkedHashMap<>(Fixtures.twoObjectiveSpec("bad-5"));
        empty.put("objectives", List.of());
        RestApiTest.assertError(http.post("/api/studies", empty), 400, "objectives: the list is empty");
        for (int i = 1; i <= 5; i++) {
            assertEquals(404, http.get(study("bad-" + i)).status(), "a rejected body created nothing");
        }
    }

    /**
     * Lookahead, knowledge gradient and the single-objective MC acquisitions (qlognei, the single-objective default,
     * included) optimise one objective: creating a two-objective study that names one is a 400 naming the acquisitions
     * that support several objectives, and creates nothing (not a 500 at the first model-based ask, nor a silent
     * swap); the multi-objective ones are accepted, and a study that leaves the acquisition out reports qlognehvi,
     * what it uses.
     */
    @Test
    void singleObjectiveAcquisitionsAre400sAtCreationNamingTheMultiObjectiveOnes() {
        List<String> refused = List.of("kg", "lookahead2", "lookahead3", "qei", "qlognei", "qucb");
        for (String a : refused) {
            Map<String, Object> body = new LinkedHashMap<>(Fixtures.twoObjectiveSpec("mo-acq-" + a));
            body.put("generation", Map.of("acquisition", a));
            Http.Response r = http.post("/api/studies", body);
            RestApiTest.assertError(r, 400, "acquisition '" + a + "' optimises a single objective");
            String msg = r.error();
            assertTrue(msg.contains("qlognehvi") && msg.contains("qnparego") && msg.contains("reward, divergence"), msg);
            assertEquals("generation.acquisition", r.json().get("option").asText(), r.body());
            assertEquals(404, http.get(study("mo-acq-" + a)).status(), "a rejected body created nothing");
        }
        for (String a : List.of("qlognehvi", "qnparego")) {
            Map<String, Object> body = new LinkedHashMap<>(Fixtures.twoObjectiveSpec("mo-acq-" + a));
            body.put("generation", Map.of("acquisition", a));
            Http.Response r = http.post("/api/studies", body);
            assertEquals(201, r.status(), a + ": " + r.body());
            assertEquals(a, http.get(study("mo-acq-" + a)).json().get("spec").get("generation").get("acquisition")
                    .asText(), "the study reports what it uses");
        }
        Map<String, Object> body = new LinkedHashMap<>(Fixtures.twoObjectiveSpec("mo-acq-default"));
        body.put("generation", Map.of("initial", 3));
        assertEquals(201, http.post("/api/studies", body).status());
        Http.Response got = http.get(study("mo-acq-default"));
        assertEquals("qlognehvi", got.json().get("spec").get("generation").get("acquisition").asText(), got.body());
    }
}

package dev.sextant.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
    @RegisterExtension
    static final LiveServer SERVER = new LiveServer();
    static final Http http = SERVER.http();


    /** Creates the two-objective study, asks and tells {@code n} trials; returns the told trials' views. */
    private static List<JsonNode> run(String name, int n) {
        return run(name, n, 0.1);
    }

    /** As {@link #run(String, int)} with another reward threshold. */
    private static List<JsonNode> run(String name, int n, double rewardThreshold) {
        Http.Response r = http.post("/api/studies", Fixtures.twoObjectiveSpec(name, rewardThreshold));
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
        double threshold = 0.3;
        List<JsonNode> told = run("mo-front", 12, threshold);
        Http.Response r = http.get(study("mo-front") + "/pareto");
        assertEquals(200, r.status(), r.body());
        JsonNode p = r.json();

        // the front: by brute force over the told means; the non-dominated trials below the reward threshold (the
        // worst reward still of interest) are listed apart
        TreeSet<Long> expected = new TreeSet<>(), beyond = new TreeSet<>();
        for (JsonNode a : told) {
            boolean dominated = false;
            for (JsonNode b : told) {
                double ra = a.get("values").get("reward").asDouble(), rb = b.get("values").get("reward").asDouble();
                double da = a.get("values").get("divergence").asDouble(), db = b.get("values").get("divergence").asDouble();
                dominated |= rb >= ra && db <= da && (rb > ra || db < da);
            }
            if (!dominated) (a.get("values").get("reward").asDouble() >= threshold ? expected : beyond).add(a.get("number").asLong());
        }
        TreeSet<Long> front = new TreeSet<>();
        for (JsonNode t : p.get("trials")) {
            front.add(t.get("number").asLong());
            assertTrue(t.get("values").has("reward") && t.get("values").has("divergence"), t.toString());
        }
        assertEquals(expected, front);
        TreeSet<Long> left = new TreeSet<>();
        for (JsonNode t : p.get("beyondThresholds")) {
            left.add(t.get("number").asLong());
            assertEquals("[\"reward\"]", t.get("worseThan").toString(), t.toString());
        }
        assertEquals(beyond, left);
        assertFalse(beyond.isEmpty(), "the Sobol trials include a low-reward, low-divergence one");

        // reference point: the reward threshold; divergence inferred = worst non-dominated divergence + 0.1 · the
        // range of the non-dominated divergences (those below the reward threshold included)
        double worst = Double.NEGATIVE_INFINITY, bestD = Double.POSITIVE_INFINITY;
        List<JsonNode> nonDominated = new ArrayList<>();
        p.get("trials").forEach(nonDominated::add);
        p.get("beyondThresholds").forEach(nonDominated::add);
        for (JsonNode t : nonDominated) {
            worst = Math.max(worst, t.get("values").get("divergence").asDouble());
            bestD = Math.min(bestD, t.get("values").get("divergence").asDouble());
        }
        assertEquals(threshold, p.get("referencePoint").get(0).asDouble(), 0.0);
        assertEquals(worst + 0.1 * (worst - bestD), p.get("referencePoint").get(1).asDouble(), 1e-12);
        assertFalse(p.get("inferred").get(0).asBoolean());
        assertTrue(p.get("inferred").get(1).asBoolean());

        // hypervolume: rectangles of the front sorted by reward, above (threshold, inferred divergence)
        double refR = threshold, refD = p.get("referencePoint").get(1).asDouble();
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
        assertEquals(threshold, s.get("objectives").get(0).get("threshold").asDouble());
        assertEquals(expected.size(), s.get("pareto").get("size").asInt());
        assertEquals(beyond.size(), s.get("pareto").get("beyondThresholds").asInt());
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

    /**
     * sort=best on a study with several objectives follows the /pareto ranking: the front first, the trial that adds
     * most hypervolume first, then the dominated ones by Pareto rank, the trials below a threshold after, trials not
     * completed last; the first objective alone would order them otherwise.
     */
    @Test
    void sortBestFollowsTheParetoRanking() {
        List<JsonNode> told = run("mo-sort", 12);
        http.post(study("mo-sort") + "/ask", Map.of("count", 1)); // a RUNNING trial: unranked, last
        JsonNode p = http.get(study("mo-sort") + "/pareto").json();
        JsonNode ranking = p.get("ranking");
        assertEquals(told.size(), ranking.size(), "every feasible completed trial is ranked");
        List<Long> ranked = new ArrayList<>();
        ranking.forEach(r -> ranked.add(r.get("number").asLong()));
        TreeSet<Long> front = new TreeSet<>();
        p.get("trials").forEach(t -> front.add(t.get("number").asLong()));
        assertEquals(front, new TreeSet<>(ranked.subList(0, front.size())), "the front comes first");
        int lastRank = 0;
        double lastContribution = Double.POSITIVE_INFINITY;
        boolean within = true;
        for (JsonNode r : ranking) {
            boolean w = r.get("withinThresholds").asBoolean();
            assertTrue(within || !w, "trials beyond a threshold come after: " + ranking);
            if (w != within) {
                lastRank = 0;
                lastContribution = Double.POSITIVE_INFINITY;
            }
            within = w;
            int rank = r.get("rank").asInt();
            double c = r.get("hypervolumeContribution").asDouble();
            assertTrue(rank >= lastRank, ranking.toString());
            if (rank == lastRank) assertTrue(c <= lastContribution, ranking.toString());
            assertEquals(front.contains(r.get("number").asLong()), rank == 1 && w, r.toString());
            lastRank = rank;
            lastContribution = c;
        }
        double sum = 0;
        for (JsonNode r : ranking) if (r.get("rank").asInt() == 1) sum += r.get("hypervolumeContribution").asDouble();
        assertTrue(sum > 0 && sum <= p.get("hypervolume").asDouble() + 1e-12, "exclusive parts of the front's volume");

        JsonNode page = http.get(study("mo-sort") + "/trials?sort=best").json();
        List<Long> sorted = new ArrayList<>();
        page.get("trials").forEach(t -> sorted.add(t.get("number").asLong()));
        assertEquals(13, sorted.size());
        assertEquals(ranked, sorted.subList(0, 12));
        assertEquals(13L, sorted.get(12), "the running trial last");
        List<Long> byReward = new ArrayList<>(ranked);
        byReward.sort(Comparator.comparingDouble(n -> -told.get((int) (n - 1)).get("values").get("reward").asDouble()));
        assertFalse(byReward.equals(ranked), "not the first objective's order");
        RestApiTest.assertError(http.get(study("mo-sort") + "/trials?sort=nope"), 400, "best = best first: by Pareto rank");
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

package dev.sextant.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.sextant.web.Http.study;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint against a server on a random port with an in-memory storage, with the good and the bad inputs. */
class RestApiTest {
    @RegisterExtension
    static final LiveServer SERVER = new LiveServer();
    static final Http http = SERVER.http();
    static int counter;


    static synchronized String fresh() {
        String name = "rest-" + (++counter);
        Http.Response r = http.post("/api/studies", Fixtures.spec(name));
        assertEquals(201, r.status(), r.body());
        return name;
    }

    static void assertError(Http.Response r, int status, String fragment) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.body());
        String msg = r.error();
        assertTrue(msg.toLowerCase().contains(fragment.toLowerCase()), "message '" + msg + "' lacks '" + fragment + "'");
        assertFalse(r.body().contains("\tat ") || r.body().contains("Exception:"), "stack trace leaked: " + r.body());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> params(JsonNode trial) {
        return Http.JSON.convertValue(trial.get("parameters"), Map.class);
    }

    static JsonNode askOne(String name) {
        Http.Response r = http.post(study(name) + "/ask", Map.of("count", 1));
        assertEquals(200, r.status(), r.body());
        return r.json().get(0);
    }

    static JsonNode tell(String name, JsonNode trial) {
        Http.Response r = http.post(study(name) + "/trials/" + trial.get("number").asLong() + "/tell",
                Map.of("values", Fixtures.evaluate(params(trial))));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    // ---------- studies ----------

    @Test
    void createListAndGetStudy() {
        String name = fresh();
        Http.Response list = http.get("/api/studies");
        assertEquals(200, list.status());
        boolean found = false;
        for (JsonNode s : list.json()) {
            if (s.get("name").asText().equals(name)) {
                found = true;
                assertEquals("loss", s.get("objective").get("metric").asText());
                assertEquals(0, s.get("total").asInt());
            }
        }
        assertTrue(found, list.body());

        JsonNode s = http.get(study(name)).json();
        assertEquals(name, s.get("name").asText());
        assertEquals("minimize", s.get("objective").get("goal").asText());
        assertEquals(List.of("loss", "acc"), Http.JSON.convertValue(s.get("metrics"), List.class));
        assertEquals(4, s.get("spec").get("parameters").size());
        assertEquals(1, s.get("outcomeConstraints").size());
        assertEquals(0, s.get("counts").get("COMPLETED").asInt());
        assertTrue(s.get("best").isNull());
        assertEquals("sobol", s.get("nextGenerator").asText());
    }

    @Test
    void createRejectsBadStudies() {
        String name = fresh();
        assertError(http.post("/api/studies", Fixtures.spec(name)), 409, "already exists");
        assertError(http.post("/api/studies", "{\"name\": \"x\", "), 400, "malformed JSON");
        assertError(http.post("/api/studies", "[1,2]"), 400, "expected a JSON object");
        assertError(http.post("/api/studies", ""), 400, "expected the study");
        Map<String, Object> bad = new HashMap<>(Fixtures.spec("bad-low"));
        bad.put("parameters", List.of(Map.of("name", "x", "type", "float", "low", "abc", "high", 1)));
        assertError(http.post("/api/studies", bad), 400, "parameters[0].low");
        Map<String, Object> noObjective = new HashMap<>(Fixtures.spec("no-objective"));
        noObjective.remove("objective");
        assertError(http.post("/api/studies", noObjective), 400, "objective");
        Map<String, Object> inverted = new HashMap<>(Fixtures.spec("inverted"));
        inverted.put("parameters", List.of(Map.of("name", "x", "type", "float", "low", 3.0, "high", 1.0)));
        assertError(http.post("/api/studies", inverted), 400, "x");
    }

    @Test
    void unknownStudyIs404Everywhere() {
        String s = study("no-such-study");
        assertError(http.get(s), 404, "no study named");
        assertError(http.post(s + "/ask", "{}"), 404, "no study named");
        assertError(http.get(s + "/trials"), 404, "no study named");
        assertError(http.get(s + "/best"), 404, "no study named");
        assertError(http.post(s + "/enqueue", Map.of("parameters", Map.of())), 404, "no study named");
        assertError(http.post(s + "/trials/1/tell", Map.of("values", Map.of("loss", 1))), 404, "no study named");
        assertError(http.post(s + "/trials/1/fail", "{}"), 404, "no study named");
        assertError(http.post(s + "/trials/1/abandon", "{}"), 404, "no study named");
        assertError(http.post(s + "/predict", Map.of("points", List.of(Map.of()))), 404, "no study named");
        assertError(http.get(s + "/importance"), 404, "no study named");
    }

    // ---------- ask / tell / fail / abandon / enqueue ----------

    @Test
    void askReturnsRunningTrialsInsideTheSpace() {
        String name = fresh();
        Http.Response r = http.post(study(name) + "/ask", Map.of("count", 3));
        assertEquals(200, r.status(), r.body());
        assertEquals(3, r.json().size());
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (JsonNode t : r.json()) {
            ids.add(t.get("number").asLong());
            assertEquals("RUNNING", t.get("state").asText());
            double x = t.get("parameters").get("x").asDouble();
            assertTrue(x >= -2 && x <= 2, t.toString());
            assertTrue(List.of("adam", "sgd").contains(t.get("parameters").get("opt").asText()));
            assertEquals("sobol", t.get("generator").asText());
        }
        assertEquals(3, ids.size());
        Http.Response empty = http.post(study(name) + "/ask", null);
        assertEquals(200, empty.status(), empty.body());
        assertEquals(1, empty.json().size());
        assertEquals(4, http.get(study(name)).json().get("counts").get("RUNNING").asInt());
    }

    @Test
    void askRejectsBadCounts() {
        String name = fresh();
        assertError(http.post(study(name) + "/ask", Map.of("count", 0)), 400, "count");
        assertError(http.post(study(name) + "/ask", Map.of("count", 5000)), 400, "count");
        assertError(http.post(study(name) + "/ask", Map.of("count", "two")), 400, "count");
        assertError(http.post(study(name) + "/ask", "{\"count\": 1.5}"), 400, "count");
        assertError(http.post(study(name) + "/ask", Map.of("cuont", 1)), 400, "unknown field");
        assertError(http.post(study(name) + "/ask", "{count: 1}"), 400, "malformed JSON");
        assertError(http.post(study(name) + "/ask", "{\"count\": 1} trailing"), 400, "malformed JSON");
        assertError(http.post(study(name) + "/ask", "{\"count\": 1, \"count\": 2}"), 400, "malformed JSON");
        assertEquals(0, http.get(study(name)).json().get("total").asInt(), "a refused ask must not create trials");
    }

    @Test
    void tellCompletesAndRejectsBadValues() {
        String name = fresh();
        JsonNode t = askOne(name);
        String tellPath = study(name) + "/trials/" + t.get("number").asLong() + "/tell";
        assertError(http.post(tellPath, Map.of("values", Map.of("lost", 1.0, "acc", 0.5))), 400, "lost");
        assertError(http.post(tellPath, Map.of("values", Map.of("loss", 1.0))), 400, "acc");
        assertError(http.post(tellPath, Map.of("values", Map.of("loss", "high", "acc", 0.5))), 400, "values.loss");
        assertError(http.post(tellPath, Map.of("values", List.of(1, 2))), 400, "values");
        assertError(http.post(tellPath, "{\"values\": {\"loss\": NaN, \"acc\": 1}}"), 400, "malformed JSON");
        assertError(http.post(tellPath, "{\"values\": {\"loss\": 1e999, \"acc\": 1}}"), 400, "finite");
        assertError(http.post(tellPath, Map.of("values", Map.of("loss", 1.0, "acc", 0.5), "sems", Map.of("loss", -1.0))), 400, "standard error");
        assertError(http.post(tellPath, "{}"), 400, "values");
        assertEquals("RUNNING", http.get(study(name) + "/trials").json().get("trials").get(0).get("state").asText(),
                "refused tells change nothing");

        Http.Response ok = http.post(tellPath, Map.of("values", Map.of("loss", 1.25, "acc", 0.5), "sems", Map.of("loss", 0.1, "acc", 0.01)));
        assertEquals(200, ok.status(), ok.body());
        assertEquals("COMPLETED", ok.json().get("state").asText());
        assertEquals(1.25, ok.json().get("values").get("loss").asDouble());
        assertEquals(0.1, ok.json().get("sems").get("loss").asDouble());
        assertTrue(ok.json().get("feasible").asBoolean());

        assertError(http.post(tellPath, Map.of("values", Map.of("loss", 2.0, "acc", 0.5))), 409, "COMPLETED");
        assertError(http.post(study(name) + "/trials/987654/tell", Map.of("values", Map.of("loss", 1.0, "acc", 0.5))), 404, "no trial 987654");
        assertError(http.post(study(name) + "/trials/abc/tell", Map.of("values", Map.of("loss", 1.0, "acc", 0.5))), 400, "not a whole number");
        assertEquals(1.25, http.get(study(name) + "/best").json().get("values").get("loss").asDouble());
    }

    @Test
    void failAndAbandon() {
        String name = fresh();
        JsonNode a = askOne(name), b = askOne(name);
        String failA = study(name) + "/trials/" + a.get("number").asLong() + "/fail";
        assertError(http.post(failA, Map.of("reason", 42)), 400, "reason");
        Http.Response f = http.post(failA, Map.of("reason", "CUDA out of memory"));
        assertEquals(200, f.status(), f.body());
        assertEquals("FAILED", f.json().get("state").asText());
        assertEquals("CUDA out of memory", f.json().get("failureReason").asText());
        assertError(http.post(failA, "{}"), 409, "FAILED");
        assertError(http.post(study(name) + "/trials/" + a.get("number").asLong() + "/tell",
                Map.of("values", Map.of("loss", 1.0, "acc", 0.5))), 409, "FAILED");

        String abandonB = study(name) + "/trials/" + b.get("number").asLong() + "/abandon";
        assertError(http.post(abandonB, Map.of("why", "x")), 400, "no body");
        Http.Response ab = http.post(abandonB, null);
        assertEquals(200, ab.status(), ab.body());
        assertEquals("ABANDONED", ab.json().get("state").asText());
        assertError(http.post(abandonB, null), 409, "ABANDONED");
        JsonNode counts = http.get(study(name)).json().get("counts");
        assertEquals(1, counts.get("FAILED").asInt());
        assertEquals(1, counts.get("ABANDONED").asInt());
    }

    @Test
    void enqueueValidatesAndAskHandsItOutFirst() {
        String name = fresh();
        Map<String, Object> p = Map.of("x", 0.25, "lr", 0.01, "n", 3, "opt", "sgd");
        Http.Response e = http.post(study(name) + "/enqueue", Map.of("parameters", p));
        assertEquals(201, e.status(), e.body());
        assertEquals("CANDIDATE", e.json().get("state").asText());
        assertEquals(3, e.json().get("parameters").get("n").asLong());

        assertError(http.post(study(name) + "/enqueue", Map.of("parameters", Map.of("x", 5.0, "lr", 0.01, "n", 3, "opt", "sgd"))), 400, "x");
        assertError(http.post(study(name) + "/enqueue", Map.of("parameters", Map.of("x", 0.0, "lr", 0.01, "n", 3, "opt", "rmsprop"))), 400, "opt");
        assertError(http.post(study(name) + "/enqueue", Map.of("parameters", Map.of("x", 0.0, "lr", 0.01, "n", 3, "opt", "sgd", "y", 1))), 400, "y");
        assertError(http.post(study(name) + "/enqueue", Map.of("parameters", Map.of("x", 0.0))), 400, "lr");
        assertError(http.post(study(name) + "/enqueue", Map.of("parameters", "x=1")), 400, "parameters");
        assertError(http.post(study(name) + "/enqueue", Map.of("x", 0.0)), 400, "unknown field");

        JsonNode asked = askOne(name);
        assertEquals(e.json().get("number").asLong(), asked.get("number").asLong());
        assertEquals("RUNNING", asked.get("state").asText());
        assertEquals(1, http.get(study(name)).json().get("total").asInt());
    }

    @Test
    void aPointEvaluatedElsewhereIsRecordedCompletedInOneStep() {
        String name = fresh();
        Map<String, Object> p = Map.of("x", 0.25, "lr", 0.01, "n", 3, "opt", "sgd");
        String trials = study(name) + "/trials";
        // refused, naming what to fix, and nothing recorded
        assertError(http.post(trials, Map.of("parameters", p)), 400, "values");
        assertError(http.post(trials, Map.of("parameters", p, "values", Map.of("loss", 1.0))), 400, "acc");
        assertError(http.post(trials, Map.of("parameters", Map.of("x", 5.0, "lr", 0.01, "n", 3, "opt", "sgd"),
                "values", Map.of("loss", 1.0, "acc", 0.5))), 400, "x");
        assertError(http.post(trials, Map.of("parameters", p, "values", Map.of("loss", 1.0, "acc", 0.5),
                "sems", Map.of("loss", -1.0))), 400, "standard error");
        assertError(http.post(trials, Map.of("parameters", p, "values", Map.of("loss", 1.0, "acc", 0.5), "state", "x")),
                400, "unknown field");
        assertEquals(0, http.get(study(name)).json().get("total").asInt(), "a refused point must not create trials");

        Http.Response r = http.post(trials, Map.of("parameters", p, "values", Map.of("loss", 1.5, "acc", 0.5),
                "sems", Map.of("loss", 0.1)));
        assertEquals(201, r.status(), r.body());
        assertEquals("COMPLETED", r.json().get("state").asText());
        assertEquals(1.5, r.json().get("values").get("loss").asDouble(), 0.0);
        assertEquals(0.1, r.json().get("sems").get("loss").asDouble(), 0.0);
        // never a candidate: the next ask proposes a new point rather than handing this one out
        JsonNode asked = askOne(name);
        assertNotEquals(r.json().get("number").asLong(), asked.get("number").asLong());
        assertEquals(2, http.get(study(name)).json().get("total").asInt());
    }

    // ---------- reading ----------

    @Test
    void trialsFilterSortAndPage() {
        String name = fresh();
        List<JsonNode> told = new ArrayList<>();
        for (int i = 0; i < 6; i++) told.add(tell(name, askOne(name)));
        askOne(name);   // one RUNNING
        JsonNode all = http.get(study(name) + "/trials").json();
        assertEquals(7, all.get("total").asInt());
        assertEquals(7, all.get("trials").size());
        JsonNode done = http.get(study(name) + "/trials?state=completed").json();
        assertEquals(6, done.get("total").asInt());
        JsonNode running = http.get(study(name) + "/trials?state=RUNNING,FAILED").json();
        assertEquals(1, running.get("total").asInt());

        JsonNode page = http.get(study(name) + "/trials?offset=2&limit=3").json();
        assertEquals(3, page.get("trials").size());
        assertEquals(all.get("trials").get(2).get("number"), page.get("trials").get(0).get("number"));
        assertEquals(0, http.get(study(name) + "/trials?offset=100").json().get("trials").size());

        JsonNode byValue = http.get(study(name) + "/trials?state=COMPLETED&sort=value").json().get("trials");
        for (int i = 1; i < byValue.size(); i++) {
            assertTrue(byValue.get(i - 1).get("values").get("loss").asDouble() <= byValue.get(i).get("values").get("loss").asDouble());
        }
        JsonNode desc = http.get(study(name) + "/trials?sort=-value").json().get("trials");
        assertEquals("RUNNING", desc.get(6).get("state").asText(), "trials without a value come last");
        assertTrue(desc.get(0).get("values").get("loss").asDouble() >= desc.get(1).get("values").get("loss").asDouble());
        JsonNode best = http.get(study(name) + "/trials?sort=best&limit=1").json().get("trials").get(0);
        assertEquals(byValue.get(0).get("number"), best.get("number"));
        JsonNode newest = http.get(study(name) + "/trials?sort=-id&limit=1").json().get("trials").get(0);
        assertEquals(all.get("trials").get(6).get("number"), newest.get("number"));

        assertError(http.get(study(name) + "/trials?state=DONE"), 400, "state");
        assertError(http.get(study(name) + "/trials?sort=loss"), 400, "sort");
        assertError(http.get(study(name) + "/trials?limit=0"), 400, "limit");
        assertError(http.get(study(name) + "/trials?limit=many"), 400, "limit");
        assertError(http.get(study(name) + "/trials?offset=-1"), 400, "offset");
    }

    @Test
    void bestHonoursOutcomeConstraints() {
        String name = fresh();
        assertError(http.get(study(name) + "/best"), 404, "no completed trial");
        JsonNode a = askOne(name), b = askOne(name);
        // a: very low loss but infeasible (acc below 0.2); b: feasible
        http.post(study(name) + "/trials/" + a.get("number").asLong() + "/tell", Map.of("values", Map.of("loss", -10.0, "acc", 0.1)));
        http.post(study(name) + "/trials/" + b.get("number").asLong() + "/tell", Map.of("values", Map.of("loss", 3.0, "acc", 0.9)));
        JsonNode best = http.get(study(name) + "/best").json();
        assertEquals(b.get("number").asLong(), best.get("number").asLong());
        JsonNode trials = http.get(study(name) + "/trials").json().get("trials");
        assertFalse(trials.get(0).get("feasible").asBoolean());
        assertTrue(trials.get(1).get("feasible").asBoolean());
        assertEquals(b.get("number").asLong(), http.get(study(name)).json().get("best").get("number").asLong());
    }

    @Test
    void trialsAreNumberedPerStudyAndTheWalkThroughOfTheReadmeWorks() {
        // two studies asked in turn: each numbers its own trials 1, 2, 3 (ids used to be global)
        String a = fresh(), b = fresh();
        for (int round = 1; round <= 3; round++) {
            for (String name : List.of(a, b)) {
                JsonNode t = askOne(name);
                assertEquals(round, t.get("number").asLong(), t.toString());
                assertEquals(t.get("number"), t.get("id"), "the deprecated 'id' is the same number");
            }
        }
        // the README's curl lines: tell trial 1 of the study right after asking
        Http.Response told = http.post(study(b) + "/trials/1/tell", Map.of("values", Map.of("loss", 0.17, "acc", 0.5),
                "sems", Map.of("loss", 0.01)));
        assertEquals(200, told.status(), told.body());
        assertEquals("COMPLETED", told.json().get("state").asText());
        assertEquals(1, http.get(study(b) + "/best").json().get("number").asLong());
        assertEquals("RUNNING", http.get(study(a) + "/trials/1").json().get("state").asText(), "a's trial 1 is another trial");

        // GET one trial by number
        JsonNode one = http.get(study(b) + "/trials/1").json();
        assertEquals(1, one.get("number").asLong());
        assertEquals(0.17, one.get("values").get("loss").asDouble());
        assertEquals(0.01, one.get("sems").get("loss").asDouble());
        assertTrue(one.get("notes").isObject() && one.get("notes").isEmpty(), "an in-memory store keeps no notes: " + one);
        com.fasterxml.jackson.databind.node.ObjectNode withoutNotes = one.deepCopy();
        withoutNotes.remove("notes");
        assertEquals(http.get(study(b) + "/trials?sort=number").json().get("trials").get(0), withoutNotes,
                "the same trial as in the list, plus its notes");
        assertError(http.get(study(b) + "/trials/4"), 404, "numbered 1 to 3");
        assertError(http.get(study(b) + "/trials/0"), 404, "no trial 0");
        assertError(http.get(study(b) + "/trials/x1"), 400, "not a whole number");
        assertError(http.get(study("no-such-study") + "/trials/1"), 404, "no study named");
        // sorting by number, and by the old name
        JsonNode desc = http.get(study(a) + "/trials?sort=-number").json().get("trials");
        assertEquals(List.of(3L, 2L, 1L), List.of(desc.get(0).get("number").asLong(), desc.get(1).get("number").asLong(),
                desc.get(2).get("number").asLong()));
        assertEquals(desc, http.get(study(a) + "/trials?sort=-id").json().get("trials"));
    }

    @Test
    void deleteRemovesAStudyAndFreesItsName() {
        String name = fresh();
        tell(name, askOne(name));
        askOne(name);
        Http.Response r = http.delete(study(name));
        assertEquals(200, r.status(), r.body());
        assertEquals(name, r.json().get("deleted").asText());
        assertEquals(2, r.json().get("trials").asInt());
        assertError(http.get(study(name)), 404, "no study named");
        assertError(http.get(study(name) + "/trials"), 404, "no study named");
        for (JsonNode s : http.get("/api/studies").json()) {
            assertNotEquals(name, s.get("name").asText());
        }
        assertError(http.delete(study(name)), 404, "no study named");
        assertError(http.delete(study("never-was")), 404, "no study named");
        // the name is free: a new study of that name starts again at trial 1
        assertEquals(201, http.post("/api/studies", Fixtures.spec(name)).status());
        assertEquals(1, askOne(name).get("number").asLong());
        assertError(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base + study(name)))
                .header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString("{\"force\": true}"))), 400, "takes no body");
        assertEquals(200, http.get(study(name)).status(), "a rejected delete changes nothing");
    }

    @Test
    void theReturnedSpecShowsTheInitialCountItUses() {
        String byDefault = fresh();   // 4 parameters, one categorical of 2: encoded dimension 5 -> max(5, 10) = 10
        JsonNode g = http.get(study(byDefault)).json().get("spec").get("generation");
        assertEquals(10, g.get("initial").asInt(), g.toString());
        assertTrue(g.get("initial_default").asBoolean(), g.toString());
        Map<String, Object> set = new HashMap<>(Fixtures.spec("initial-set-" + fresh()));
        set.put("generation", Map.of("initial", 3));
        assertEquals(201, http.post("/api/studies", set).status());
        JsonNode g3 = http.get(study((String) set.get("name"))).json().get("spec").get("generation");
        assertEquals(3, g3.get("initial").asInt());
        assertFalse(g3.get("initial_default").asBoolean());
        // what GET returns can be posted back as a new study with the same settings
        @SuppressWarnings("unchecked")
        Map<String, Object> back = Http.JSON.convertValue(http.get(study(byDefault)).json().get("spec"), Map.class);
        back.put("name", byDefault + "-copy");
        Http.Response copy = http.post("/api/studies", back);
        assertEquals(201, copy.status(), copy.body());
        assertEquals(g, copy.json().get("spec").get("generation"));
    }

    @Test
    void bestExplainsItsAbsenceInTermsOfTheStudy() {
        Map<String, Object> plain = new HashMap<>(Fixtures.spec("plain-" + fresh()));
        plain.remove("outcome_constraints");
        String name = (String) plain.get("name");
        assertEquals(201, http.post("/api/studies", plain).status());
        Http.Response none = http.get(study(name) + "/best");
        assertError(none, 404, "no completed trial yet");
        assertFalse(none.error().contains("constraint"), none.error());
        JsonNode t = askOne(name);
        Http.Response running = http.get(study(name) + "/best");
        assertError(running, 404, "none told yet");
        assertFalse(running.error().contains("constraint"), running.error());
        assertEquals(200, http.post(study(name) + "/trials/" + t.get("number").asLong() + "/tell",
                Map.of("values", Map.of("loss", 1.0))).status());
        assertEquals(t.get("number"), http.get(study(name) + "/best").json().get("number"));
        // with constraints, a study whose completed trials all violate them says so
        String constrained = fresh();
        JsonNode c = askOne(constrained);
        http.post(study(constrained) + "/trials/" + c.get("number").asLong() + "/tell", Map.of("values", Map.of("loss", 1.0, "acc", 0.0)));
        assertError(http.get(study(constrained) + "/best"), 404, "none meets its outcome constraints [acc >= 0.2]");
    }

    // ---------- protocol-level ----------

    @Test
    void openApiDescribesEveryRoute() {
        Http.Response r = http.get("/openapi.json");
        assertEquals(200, r.status());
        JsonNode paths = r.json().get("paths");
        String[][] routes = {
                {"/api/studies", "get"}, {"/api/studies", "post"}, {"/api/studies/{name}", "get"},
                {"/api/studies/{name}/ask", "post"}, {"/api/studies/{name}/enqueue", "post"},
                {"/api/studies/{name}/trials", "get"}, {"/api/studies/{name}/trials", "post"},
                {"/api/studies/{name}/trials/{number}/tell", "post"}, {"/api/studies/{name}/trials/{number}", "get"}, {"/api/studies/{name}", "delete"},
                {"/api/studies/{name}/trials/{number}/fail", "post"}, {"/api/studies/{name}/trials/{number}/abandon", "post"},
                {"/api/studies/{name}/best", "get"}, {"/api/studies/{name}/pareto", "get"}, {"/api/studies/{name}/predict", "post"},
                {"/api/studies/{name}/importance", "get"}, {"/openapi.json", "get"}};
        for (String[] route : routes) {
            assertTrue(paths.has(route[0]) && paths.get(route[0]).has(route[1]), "openapi lacks " + route[1] + " " + route[0]);
        }
        assertEquals("3.0.3", r.json().get("openapi").asText());
    }

    @Test
    void bodiesOverTheLimitAre413() {
        String name = fresh();
        String big = "{\"count\": 1, \"pad\": \"" + "a".repeat((int) WebOptions.DEFAULT_MAX_BODY_BYTES) + "\"}";
        assertError(http.post(study(name) + "/ask", big), 413, "larger than the limit");
        // chunked (no Content-Length): the limit still holds
        byte[] bytes = big.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Http.Response chunked = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base + study(name) + "/ask"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));
        assertError(chunked, 413, "larger than the limit");
        assertEquals(0, http.get(study(name)).json().get("total").asInt());
    }

    @Test
    void unknownRoutesAndMethodsAreJson() {
        Http.Response r = http.get("/api/nothing-here");
        assertEquals(404, r.status(), r.body());
        r.error();
        Http.Response m = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base + "/api/studies"))
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertTrue(m.status() == 404 || m.status() == 405, m.body());
        m.error();
    }

    @Test
    void fuzzedInputsNeverGive5xx() {
        String name = fresh();
        JsonNode t = askOne(name);
        long id = t.get("number").asLong();
        String[] posts = {"/api/studies", study(name) + "/ask", study(name) + "/enqueue", study(name) + "/trials/" + id + "/tell",
                study(name) + "/trials/" + id + "/fail", study(name) + "/trials/" + id + "/abandon", study(name) + "/predict"};
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(2024);
        List<String> bodies = new ArrayList<>(List.of("", " ", "null", "true", "0", "-1", "\"s\"", "[]", "[{}]", "{}", "{\"\":null}",
                "{\"values\":null}", "{\"values\":{}}", "{\"values\":{\"loss\":null,\"acc\":[]}}", "{\"parameters\":{\"x\":{}}}",
                "{\"parameters\":{\"x\":1e308,\"lr\":-0,\"n\":99999999999999999999,\"opt\":null}}", "{\"count\":-2147483649}",
                "{\"count\":9223372036854775808}", "{\"name\":\"\",\"parameters\":[],\"objective\":{}}",
                "{\"name\":\"f\",\"parameters\":[{\"name\":\"x\",\"type\":\"weird\"}],\"objective\":{\"metric\":\"m\",\"goal\":\"up\"}}",
                "{\"points\":[{\"x\":\"a\"}]}", "{\"slice\":{\"parameter\":\"zz\"}}", "{\"contour\":{\"x\":\"x\",\"y\":\"x\"}}",
                "{\"points\":[], \"slice\":{}}", "{\"reason\":{\"a\":1}}", "\u0000\u0001\u0002", "{\"a\":\"\\ud800\"}",
                "[".repeat(5000), "{\"a\":".repeat(3000), "\uFEFF{}", "{\"count\":1}{\"count\":2}"));
        for (int i = 0; i < 60; i++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(1, 80);
            String alphabet = "{}[]\":,0123456789.eE-+ truefalsnul\\abcxyz";
            for (int k = 0; k < len; k++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            bodies.add(sb.toString());
        }
        for (String path : posts) {
            for (String body : bodies) {
                Http.Response r = http.post(path, body);
                assertTrue(r.status() < 500, path + " <- " + body.substring(0, Math.min(60, body.length())) + " gave " + r.status() + ": " + r.body());
                assertFalse(r.body().contains("\tat "), "stack trace leaked: " + r.body());
                if (r.status() >= 400) r.error();
            }
        }
        String[] gets = {study(name) + "/trials?limit=99999999999", study(name) + "/trials?offset=%00", study(name) + "/trials?sort=%27%22",
                study(name) + "/trials/" + id, study(name + "%00"), "/api/studies/%2e%2e/%2e%2e/etc/passwd", study(name) + "/importance?metric=zz",
                "/..%2f..%2fetc/passwd", "/%", "/api/studies/%zz"};
        for (String g : gets) {
            Http.Response r;
            try {
                r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base + g)).GET());
            } catch (IllegalArgumentException badUri) {
                continue;   // the client refuses to send it at all
            }
            assertTrue(r.status() < 500, g + " gave " + r.status() + ": " + r.body());
            assertFalse(r.body().contains("root:"), "file content leaked for " + g);
        }
    }
}

package dev.sextant.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.study.StudySpecCodec;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The REST handlers under /api. Each reads and validates its input, then calls the {@link Studies} cache. */
final class Api {
    static final int MAX_ASK = 1000;
    static final int MAX_LIMIT = 100_000;
    static final int MAX_REASON = 2000;

    private final Studies studies;
    private final long maxBody;

    Api(Studies studies, long maxBody) {
        this.studies = studies;
        this.maxBody = maxBody;
    }

    // ---- studies ----

    void listStudies(Context ctx) {
        List<Object> out = new ArrayList<>();
        for (String name : studies.names()) {
            try {
                Studies.Entry e = studies.get(name);
                List<Trial> trials = e.study().trials();
                out.add(Views.listEntry(e.study().spec(), trials, best(e.study())));
            } catch (ApiException | java.util.NoSuchElementException gone) {
                continue;   // deleted meanwhile (here or by another process sharing the store)
            }
        }
        Json.write(ctx, 200, out);
    }

    void createStudy(Context ctx) {
        ObjectNode body = Json.body(ctx, maxBody);
        if (body.isEmpty()) throw ApiException.badRequest("expected the study as JSON: {\"name\": ..., \"parameters\": [...], \"objective\": {...}}");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) Json.plain(body);
        StudySpec spec = StudySpecCodec.fromMap(map);
        Studies.Entry e = studies.create(spec);
        ctx.header("Location", "/api/studies/" + java.net.URLEncoder.encode(spec.name(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        Json.write(ctx, 201, Views.summary(e.study().spec(), e.strategy(), e.study().trials(), best(e.study())));
    }

    void getStudy(Context ctx) {
        Studies.Entry e = studies.get(ctx.pathParam("name"));
        Json.write(ctx, 200, Views.summary(e.study().spec(), e.strategy(), e.study().trials(), best(e.study())));
    }

    /** DELETE /api/studies/{name}: the study and all its trials; 404 for an unknown study. */
    void deleteStudy(Context ctx) {
        String name = ctx.pathParam("name");
        ObjectNode body = Json.body(ctx, maxBody);
        checkKeys(body, Set.of());
        int trials = studies.delete(name);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deleted", name);
        out.put("trials", trials);
        Json.write(ctx, 200, out);
    }

    // ---- ask / tell ----

    void ask(Context ctx) {
        Studies.Entry e = studies.get(ctx.pathParam("name"));
        ObjectNode body = Json.body(ctx, maxBody);
        checkKeys(body, Set.of("count"));
        int count = 1;
        JsonNode c = body.get("count");
        if (c != null && !c.isNull()) {
            if (!c.isIntegralNumber() || !c.canConvertToInt()) {
                throw ApiException.badRequest("count: expected a whole number between 1 and " + MAX_ASK + ", got " + Json.kind(c));
            }
            count = c.asInt();
            if (count < 1 || count > MAX_ASK) {
                throw ApiException.badRequest("count: expected a whole number between 1 and " + MAX_ASK + ", got " + count);
            }
        }
        List<Trial> asked;
        e.askLock().lock();
        try {
            asked = e.study().ask(count);
        } finally {
            e.askLock().unlock();
        }
        StudySpec spec = e.study().spec();
        Json.write(ctx, 200, asked.stream().map(t -> Views.trial(t, spec)).toList());
    }

    void tell(Context ctx) {
        Studies.Entry e = studies.get(ctx.pathParam("name"));
        long number = trialNumber(ctx, e);
        ObjectNode body = Json.body(ctx, maxBody);
        checkKeys(body, Set.of("values", "sems"));
        Map<String, Double> values = numbers(body.get("values"), "values", true);
        Map<String, Double> sems = numbers(body.get("sems"), "sems", false);
        Trial t = sems.isEmpty() ? e.study().tell(number, values) : e.study().tell(number, values, sems);
        Json.write(ctx, 200, Views.trial(t, e.study().spec()));
    }

    void fail(Context ctx) {
        Studies.Entry e = studies.get(ctx.pathParam("name"));
        long number = trialNumber(ctx, e);
        ObjectNode body = Json.body(ctx, maxBody);
        checkKeys(body, Set.of("reason"));
        String reason = "failed (no reason given)";
        JsonNode r = body.get("reason");
        if (r != null && !r.isNull()) {
            if (!r.isTextual()) throw ApiException.badRequest("reason: expected a string, got " + Json.kind(r));
            reason = r.asText();
            if (reason.length() > MAX_REASON) throw ApiException.badRequest("reason: at most " + MAX_REASON + " characters, got " + reason.length());
        }
        Trial t = e.study().fail(number, reason);
        Json.write(ctx, 200, Views.trial(t, e.study().spec()));
    }

    void abandon(Context ctx) {
        Studies.Entry e = studies.get(ctx.pathParam("name"));
        long number = trialNumber(ctx, e);
        ObjectNode body = Json.body(ctx, maxBody);
        checkKeys(body, Set.of());
        Trial t = e.study().abandon(number);
        Json.write(ctx, 200, Views.trial(t, e.study().spec()));
    }

    void enqueue(Context ctx) {
        Studies.Entry e = studies.get(ctx.pathParam("name"));
        ObjectNode body = Json.body(ctx, maxBody);
        checkKeys(body, Set.of("parameters"));
        Trial t = e.study().enqueue(parameters(body.get("parameters")));
        Json.write(ctx, 201, Views.trial(t, e.study().spec()));
    }

    /**
     * A point evaluated elsewhere (another sampler, an earlier session) recorded as a COMPLETED trial in one step: no
     * {@code ask} can hand it out in between, as it could an enqueued point told afterwards.
     */
    void addCompleted(Context ctx) {
        Studies.Entry e = studies.get(ctx.pathParam("name"));
        ObjectNode body = Json.body(ctx, maxBody);
        checkKeys(body, Set.of("parameters", "values", "sems"));
        Map<String, Object> params = parameters(body.get("parameters"));
        Map<String, Double> values = numbers(body.get("values"), "values", true);
        Map<String, Double> sems = numbers(body.get("sems"), "sems", false);
        Trial t = e.study().addCompleted(params, values, sems);
        Json.write(ctx, 201, Views.trial(t, e.study().spec()));
    }

    // ---- reading trials ----

    void trials(Context ctx) {
        Studies.Entry e = studies.get(ctx.pathParam("name"));
        StudySpec spec = e.study().spec();
        Set<TrialState> states = states(ctx.queryParam("state"));
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", 1000, 1, MAX_LIMIT);
        List<Trial> trials = e.study().trials();
        Comparator<Trial> order = sort(ctx.queryParam("sort"), spec, trials);
        List<Trial> all = new ArrayList<>();
        for (Trial t : trials) {
            if (states.contains(t.state())) all.add(t);
        }
        all.sort(order);
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", all.size());
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("trials", all.subList(from, to).stream().map(t -> Views.trial(t, spec)).toList());
        Json.write(ctx, 200, out);
    }

    /**
     * GET …/trials/{number}: one trial by its number in the study, with its {@code notes} (the user attributes a
     * database store keeps; empty for other storages).
     */
    void trial(Context ctx) {
        Studies.Entry e = studies.get(ctx.pathParam("name"));
        long number = trialNumber(ctx, e);
        Trial t = e.study().trial(number).orElseThrow(() -> noTrial(e, number));
        Map<String, Object> view = Views.trial(t, e.study().spec());
        view.put("notes", studies.storage() instanceof dev.sextant.store.DatabaseStorage db
                ? new java.util.TreeMap<>(db.trialAttributes(t.study(), number)) : Map.of());
        Json.write(ctx, 200, view);
    }

    /** The best trial of a single-objective study; empty for a multi-objective one (it has a Pareto front). */
    static Optional<Trial> best(dev.sextant.core.study.Study study) {
        return study.spec().isMultiObjective() ? Optional.empty() : study.best();
    }

    /** GET …/best: 404 when there is none yet, 409 for a multi-objective study (naming …/pareto). */
    void best(Context ctx) {
        Studies.Entry e = studies.get(ctx.pathParam("name"));
        StudySpec spec = e.study().spec();
        if (spec.isMultiObjective()) {
            throw ApiException.conflict("study " + Json.quote(spec.name()) + " has " + spec.objectives().size()
                    + " objectives " + spec.objectiveMetrics() + " and no single best trial; GET /api/studies/"
                    + spec.name() + "/pareto for its Pareto front");
        }
        Optional<Trial> b = e.study().best();
        if (b.isEmpty()) {
            throw ApiException.notFound(noBestMessage(e.study().spec(), e.study().trials()));
        }
        Json.write(ctx, 200, Views.trial(b.get(), e.study().spec()));
    }

    /** GET …/pareto: the observed Pareto front, its reference point and hypervolume (see {@link Views#pareto}). */
    void pareto(Context ctx) {
        Studies.Entry e = studies.get(ctx.pathParam("name"));
        Json.write(ctx, 200, Views.pareto(e.study().spec(), e.study().trials()));
    }

    /** Why a study has no best trial yet, in terms of that study (outcome constraints only when it has some). */
    static String noBestMessage(StudySpec spec, List<Trial> trials) {
        long completed = trials.stream().filter(t -> t.state() == TrialState.COMPLETED).count();
        String study = "study " + Json.quote(spec.name());
        if (completed == 0) {
            return study + " has no completed trial yet" + (trials.isEmpty()
                    ? " (no trials at all; POST …/ask to get one)" : " (" + trials.size() + " trial(s), none told yet)");
        }
        if (spec.outcomeConstraints().isEmpty()) {
            return study + " has no completed trial with a value of " + Json.quote(spec.objective().metric()) + " yet";
        }
        return study + " has " + completed + " completed trial(s) but none meets its outcome constraints "
                + spec.outcomeConstraints();
    }

    // ---- helpers ----

    static void checkKeys(ObjectNode body, Set<String> allowed) {
        Iterator<String> it = body.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw ApiException.badRequest("unknown field " + Json.quote(k) + (allowed.isEmpty()
                        ? "; this request takes no body" : "; expected one of " + new java.util.TreeSet<>(allowed)));
            }
        }
    }

    /** The {@code parameters} object of a body as plain values (validated against the space by the study). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(JsonNode p) {
        if (p == null || !p.isObject()) {
            throw ApiException.badRequest("parameters: expected an object {\"name\": value, ...}, got " + Json.kind(p));
        }
        return (Map<String, Object>) Json.plain(p);
    }

    static Map<String, Double> numbers(JsonNode node, String field, boolean required) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            if (required) throw ApiException.badRequest(field + ": expected an object {\"metric\": number, ...}");
            return out;
        }
        if (!node.isObject()) throw ApiException.badRequest(field + ": expected an object {\"metric\": number, ...}, got " + Json.kind(node));
        for (Map.Entry<String, JsonNode> en : node.properties()) {
            if (!en.getValue().isNumber()) {
                throw ApiException.badRequest(field + "." + en.getKey() + ": expected a number, got " + Json.kind(en.getValue()));
            }
            double v = en.getValue().asDouble();
            if (!Double.isFinite(v)) throw ApiException.badRequest(field + "." + en.getKey() + ": " + en.getValue().asText() + " is not a finite number");
            out.put(en.getKey(), v);
        }
        return out;
    }

    /**
     * The {number} path parameter: a trial's number in this study (1, 2, 3 ...); 400 when not a whole number, 404
     * when the study has no such trial.
     */
    long trialNumber(Context ctx, Studies.Entry e) {
        String raw = ctx.pathParam("number");
        long number;
        try {
            number = Long.parseLong(raw);
        } catch (NumberFormatException ex) {
            throw ApiException.badRequest("trial number " + Json.quote(raw) + " is not a whole number; trials are"
                    + " numbered 1, 2, 3 ... in each study");
        }
        if (studies.storage().trial(e.study().spec().name(), number).isEmpty()) {
            throw noTrial(e, number);
        }
        return number;
    }

    private static ApiException noTrial(Studies.Entry e, long number) {
        int count = e.study().trials().size();
        return ApiException.notFound("study " + Json.quote(e.study().spec().name()) + " has no trial " + number
                + (count == 0 ? " (it has no trials yet)" : "; its trials are numbered 1 to " + count));
    }

    static Set<TrialState> states(String raw) {
        if (raw == null || raw.isBlank()) return EnumSet.allOf(TrialState.class);
        Set<TrialState> s = EnumSet.noneOf(TrialState.class);
        for (String part : raw.split(",")) {
            String p = part.trim().toUpperCase(Locale.ROOT);
            if (p.isEmpty()) continue;
            try {
                s.add(TrialState.valueOf(p));
            } catch (IllegalArgumentException ex) {
                throw ApiException.badRequest("state: unknown state " + Json.quote(part.trim()) + "; use one or more of "
                        + java.util.Arrays.toString(TrialState.values()) + " separated by commas");
            }
        }
        return s;
    }

    static int intParam(Context ctx, String name, int def, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) return def;
        int v;
        try {
            v = Integer.parseInt(raw.trim());
        } catch (NumberFormatException ex) {
            throw ApiException.badRequest(name + ": expected a whole number between " + min + " and " + max + ", got " + Json.quote(raw));
        }
        if (v < min || v > max) throw ApiException.badRequest(name + ": expected a whole number between " + min + " and " + max + ", got " + v);
        return v;
    }

    static final List<String> SORTS = List.of("number", "-number", "id", "-id", "value", "-value", "best", "created", "-created", "updated", "-updated");

    /**
     * The order of a {@code sort} query. value / -value order by the objective (a multi-objective study's first);
     * best: best first, i.e. by the objective for one objective, and for several by {@link
     * dev.sextant.core.study.ParetoFront#ranking} (within the thresholds first, Pareto rank, hypervolume contribution),
     * the unranked trials (infeasible, not completed) after, by number.
     *
     * @param trials the study's trials (for the Pareto ranking). Not modified.
     */
    static Comparator<Trial> sort(String raw, StudySpec spec, List<Trial> trials) {
        String s = raw == null || raw.isBlank() ? "number" : raw.trim();
        String metric = spec.objectives().get(0).metric();
        boolean minimize = spec.objectives().get(0).goal() == Goal.MINIMIZE;
        Comparator<Trial> byId = Comparator.comparingLong(Trial::number);
        return switch (s) {
            case "number", "id" -> byId;   // "id": the name before per-study numbers, kept for old clients
            case "-number", "-id" -> byId.reversed();
            case "value" -> byValue(metric, false).thenComparing(byId);
            case "-value" -> byValue(metric, true).thenComparing(byId);
            case "best" -> spec.isMultiObjective() ? byParetoRanking(spec, trials).thenComparing(byId)
                    : byValue(metric, !minimize).thenComparing(byId);
            case "created" -> Comparator.comparing(Trial::created, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(byId);
            case "-created" -> Comparator.comparing(Trial::created, Comparator.nullsFirst(Comparator.naturalOrder())).reversed().thenComparing(byId);
            case "updated" -> Comparator.comparing(Trial::updated, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(byId);
            case "-updated" -> Comparator.comparing(Trial::updated, Comparator.nullsFirst(Comparator.naturalOrder())).reversed().thenComparing(byId);
            default -> throw ApiException.badRequest("sort: unknown order " + Json.quote(s) + "; use one of " + SORTS
                    + " (value = objective " + Json.quote(metric) + (spec.isMultiObjective() ? ", the first one" : "")
                    + ", best = best first" + (spec.isMultiObjective() ? ": by Pareto rank and hypervolume contribution"
                    : "") + ")");
        };
    }

    /** Ranked trials in the ranking's order, the others after them. */
    static Comparator<Trial> byParetoRanking(StudySpec spec, List<Trial> trials) {
        List<dev.sextant.core.study.ParetoFront.Ranked> ranking =
                dev.sextant.core.study.ParetoFront.of(spec, trials).ranking(spec, trials);
        Map<Long, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < ranking.size(); i++) position.put(ranking.get(i).trial().number(), i);
        return Comparator.comparingInt(t -> position.getOrDefault(t.number(), Integer.MAX_VALUE));
    }

    /** Trials with a value of the metric first (ascending or descending), those without after them. */
    static Comparator<Trial> byValue(String metric, boolean descending) {
        return (a, b) -> {
            Double va = value(a, metric), vb = value(b, metric);
            if (va == null && vb == null) return 0;
            if (va == null) return 1;
            if (vb == null) return -1;
            return descending ? Double.compare(vb, va) : Double.compare(va, vb);
        };
    }

    static Double value(Trial t, String metric) {
        if (t.values() == null) return null;
        Observation o = t.values().get(metric);
        return o == null ? null : o.mean();
    }
}

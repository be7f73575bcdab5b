package dev.sextant.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.core.space.EncodedDimension;
import dev.sextant.core.space.Encoding;
import dev.sextant.core.space.FixedParameter;
import dev.sextant.core.space.Parameter;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model endpoints: {@code POST /predict} (mean and standard deviation at points, along one parameter, or over a
 * grid of two) and {@code GET /importance} (first-order sensitivity of the model mean). The fitted surrogate of a
 * (study, metric) is cached until the study's trials change.
 */
final class Models {
    static final int MAX_POINTS = 10_000;
    static final int IMPORTANCE_SAMPLES = 2048;
    static final int IMPORTANCE_BINS = 16;

    private record Cached(String revision, Surrogate model) {}

    private final Studies studies;
    private final long maxBody;
    private final Surrogate.Factory factory;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Object> fitLocks = new ConcurrentHashMap<>();

    Models(Studies studies, long maxBody, Surrogate.Factory factory) {
        this.studies = studies;
        this.maxBody = maxBody;
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    // ---- handlers ----

    void predict(Context ctx) {
        Studies.Entry e = studies.get(ctx.pathParam("name"));
        StudySpec spec = e.study().spec();
        ObjectNode body = Json.body(ctx, maxBody);
        Api.checkKeys(body, java.util.Set.of("metric", "points", "slice", "contour"));
        String metric = metric(spec, body.get("metric") == null || body.get("metric").isNull() ? null : text(body.get("metric"), "metric"));
        int modes = (body.has("points") ? 1 : 0) + (body.has("slice") ? 1 : 0) + (body.has("contour") ? 1 : 0);
        if (modes != 1) {
            throw ApiException.badRequest("give exactly one of \"points\" (a list of parameter objects), \"slice\" "
                    + "({\"parameter\": name}) or \"contour\" ({\"x\": name, \"y\": name})");
        }
        List<Trial> trials = e.study().trials();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", metric);
        SearchSpace space = spec.space();
        if (body.has("points")) {
            JsonNode pts = body.get("points");
            if (!pts.isArray() || pts.isEmpty() || pts.size() > MAX_POINTS) {
                throw ApiException.badRequest("points: expected a list of 1 to " + MAX_POINTS + " parameter objects, got " + Json.kind(pts));
            }
            int d = space.dimension();
            double[] unit = new double[pts.size() * d];
            for (int i = 0; i < pts.size(); i++) {
                JsonNode p = pts.get(i);
                if (!p.isObject()) throw ApiException.badRequest("points[" + i + "]: expected an object of parameter values, got " + Json.kind(p));
                double[] u;
                try {
                    u = space.encode(castMap(Json.plain(p)));
                } catch (IllegalArgumentException ex) {
                    throw ApiException.badRequest("points[" + i + "]: " + ex.getMessage());
                }
                System.arraycopy(u, 0, unit, i * d, d);
            }
            double[][] ms = model(spec, trials, metric).predict(unit, pts.size());
            out.put("mean", Json.safe(ms[0]));
            out.put("std", Json.safe(ms[1]));
        } else if (body.has("slice")) {
            JsonNode s = object(body.get("slice"), "slice");
            Api.checkKeys((ObjectNode) s, java.util.Set.of("parameter", "steps", "at"));
            String p = parameterName(space, s.get("parameter"), "slice.parameter");
            int steps = steps(s.get("steps"), "slice.steps", 60, 2, 500);
            double[] base = base(spec, trials, s.get("at"), "slice.at");
            Axis axis = axis(space, p, steps, base);
            double[][] ms = model(spec, trials, metric).predict(axis.unit, axis.values.size());
            out.put("parameter", p);
            out.put("categorical", axis.categorical);
            out.put("x", Json.safe(axis.values));
            out.put("mean", Json.safe(ms[0]));
            out.put("std", Json.safe(ms[1]));
            out.put("at", Json.safe(space.decode(base)));
        } else {
            JsonNode c = object(body.get("contour"), "contour");
            Api.checkKeys((ObjectNode) c, java.util.Set.of("x", "y", "steps", "at"));
            String px = parameterName(space, c.get("x"), "contour.x");
            String py = parameterName(space, c.get("y"), "contour.y");
            if (px.equals(py)) throw ApiException.badRequest("contour: x and y are both " + Json.quote(px) + "; pick two different parameters");
            int steps = steps(c.get("steps"), "contour.steps", 30, 2, 100);
            double[] base = base(spec, trials, c.get("at"), "contour.at");
            Axis ax = axis(space, px, steps, base);
            Axis ay = axis(space, py, steps, base);
            int d = space.dimension(), nx = ax.values.size(), ny = ay.values.size();
            double[] unit = new double[nx * ny * d];
            int[] dx = ax.dims, dy = ay.dims;
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int row = (j * nx + i) * d;
                    System.arraycopy(base, 0, unit, row, d);
                    for (int k : dx) unit[row + k] = ax.unit[i * d + k];
                    for (int k : dy) unit[row + k] = ay.unit[j * d + k];
                }
            }
            double[][] ms = model(spec, trials, metric).predict(unit, nx * ny);
            List<Object> mean = new ArrayList<>(), std = new ArrayList<>();
            for (int j = 0; j < ny; j++) {
                mean.add(Json.safe(Arrays.copyOfRange(ms[0], j * nx, (j + 1) * nx)));
                std.add(Json.safe(Arrays.copyOfRange(ms[1], j * nx, (j + 1) * nx)));
            }
            out.put("xParameter", px);
            out.put("yParameter", py);
            out.put("x", Json.safe(ax.values));
            out.put("y", Json.safe(ay.values));
            out.put("xCategorical", ax.categorical);
            out.put("yCategorical", ay.categorical);
            out.put("mean", mean);
            out.put("std", std);
            out.put("at", Json.safe(space.decode(base)));
        }
        Json.write(ctx, 200, out);
    }

    void importance(Context ctx) {
        Studies.Entry e = studies.get(ctx.pathParam("name"));
        StudySpec spec = e.study().spec();
        String metric = metric(spec, ctx.queryParam("metric"));
        List<Trial> trials = e.study().trials();
        Surrogate model = model(spec, trials, metric);
        Map<String, Double> first = firstOrderIndices(spec.space(), model, IMPORTANCE_SAMPLES, IMPORTANCE_BINS, spec.seed());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", metric);
        out.put("method", "First-order (main-effect) Sobol indices of the GP posterior mean: the model mean is evaluated at "
                + IMPORTANCE_SAMPLES + " uniform random points of the search space; for each parameter the points are grouped by "
                + "its value (" + IMPORTANCE_BINS + " equal bins of the encoded range, or by category) and the variance of the "
                + "group means is divided by the total variance (bias-corrected). It is the share of the model's variation "
                + "that the parameter explains on its own; interactions are not counted.");
        out.put("importance", Json.safe(first));
        out.put("hyperparameters", Json.safe(model.hyperparameters()));
        Json.write(ctx, 200, out);
    }

    // ---- the variance-based sensitivity ----

    /** First-order indices in [0,1] per non-fixed parameter, from binned conditional means of the model mean. */
    static Map<String, Double> firstOrderIndices(SearchSpace space, Surrogate model, int n, int bins, long seed) {
        Encoding enc = space.encoding();
        int d = space.dimension();
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5eb7a47L);
        double[] unit = new double[n * d];
        for (int i = 0; i < n; i++) {
            double[] u = new double[d];
            for (int k = 0; k < d; k++) u[k] = rnd.nextDouble();
            System.arraycopy(enc.snap(u), 0, unit, i * d, d);
        }
        double[] raw = model.predict(unit, n)[0];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(raw[i])) {
                System.arraycopy(unit, i * d, unit, kept * d, d);
                raw[kept++] = raw[i];
            }
        }
        if (kept < 2) throw new IllegalStateException("the model gave no finite predictions inside the space's constraints");
        n = kept;
        double[] f = Arrays.copyOf(raw, n);
        double mean = 0;
        for (double v : f) mean += v;
        mean /= n;
        double total = 0;
        for (double v : f) total += (v - mean) * (v - mean);
        total /= n;
        Map<String, Double> out = new LinkedHashMap<>();
        for (Parameter p : space.parameters()) {
            if (p instanceof FixedParameter) continue;
            int[] dims = dims(enc, p.name());
            if (dims.length == 0) continue;
            int[] group = new int[n];
            int groups;
            if (dims.length > 1 || enc.dimensions().get(dims[0]).kind() == EncodedDimension.Kind.ONE_HOT) {
                groups = dims.length;
                for (int i = 0; i < n; i++) {
                    int arg = 0;
                    for (int k = 1; k < dims.length; k++) if (unit[i * d + dims[k]] > unit[i * d + dims[arg]]) arg = k;
                    group[i] = arg;
                }
            } else {
                groups = bins;
                for (int i = 0; i < n; i++) group[i] = Math.min(bins - 1, (int) (unit[i * d + dims[0]] * bins));
            }
            double[] sum = new double[groups];
            int[] cnt = new int[groups];
            for (int i = 0; i < n; i++) {
                sum[group[i]] += f[i];
                cnt[group[i]]++;
            }
            double between = 0, within = 0;
            int used = 0;
            for (int g = 0; g < groups; g++) {
                if (cnt[g] == 0) continue;
                used++;
                double gm = sum[g] / cnt[g];
                between += cnt[g] * (gm - mean) * (gm - mean);
            }
            for (int i = 0; i < n; i++) {
                double gm = sum[group[i]] / cnt[group[i]];
                within += (f[i] - gm) * (f[i] - gm);
            }
            between /= n;
            within /= Math.max(1, n - used);
            // E[between] ≈ true main-effect variance + (groups-1)/n · within-group variance
            double corrected = Math.max(0, between - (used - 1) * within / n);
            out.put(p.name(), total > 0 ? Math.min(1, corrected / total) : 0.0);
        }
        return out;
    }

    // ---- helpers ----

    /** Grid along one parameter: values for display and full unit points (q×d) equal to base except that parameter. */
    private record Axis(List<Object> values, double[] unit, int[] dims, boolean categorical) {}

    private static Axis axis(SearchSpace space, String name, int steps, double[] base) {
        Encoding enc = space.encoding();
        int d = space.dimension();
        int[] dims = dims(enc, name);
        if (dims.length == 0) throw ApiException.badRequest("parameter " + Json.quote(name) + " is fixed; the model does not vary along it");
        List<Object> values = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        EncodedDimension.Kind kind = enc.dimensions().get(dims[0]).kind();
        if (kind == EncodedDimension.Kind.ONE_HOT) {
            for (int j = 0; j < dims.length; j++) {
                double[] u = base.clone();
                for (int k = 0; k < dims.length; k++) u[dims[k]] = k == j ? 1 : 0;
                values.add(space.decode(u).get(name));
                points.add(u);
            }
        } else {
            Object last = null;
            for (int s = 0; s < steps; s++) {
                double[] u = base.clone();
                u[dims[0]] = (double) s / (steps - 1);
                if (kind != EncodedDimension.Kind.CONTINUOUS) u = enc.snap(u);
                Object v = space.decode(u).get(name);
                if (v.equals(last)) continue;
                last = v;
                values.add(v);
                points.add(u);
            }
        }
        double[] unit = new double[points.size() * d];
        for (int i = 0; i < points.size(); i++) System.arraycopy(points.get(i), 0, unit, i * d, d);
        return new Axis(values, unit, dims, kind == EncodedDimension.Kind.ONE_HOT);
    }

    static int[] dims(Encoding enc, String name) {
        List<EncodedDimension> ds = enc.dimensions();
        return java.util.stream.IntStream.range(0, ds.size()).filter(i -> ds.get(i).parameter().equals(name)).toArray();
    }

    /** The point other parameters are held at: "at" merged over the best trial (else the latest completed, else the centre). */
    private static double[] base(StudySpec spec, List<Trial> trials, JsonNode at, String field) {
        SearchSpace space = spec.space();
        Map<String, Object> start = null;
        Trial best = bestOf(spec, trials);
        if (best != null) start = best.parameters();
        double[] centre = new double[space.dimension()];
        Arrays.fill(centre, 0.5);
        Map<String, Object> values = new HashMap<>(start != null ? start : space.decode(space.encoding().snap(centre)));
        if (at != null && !at.isNull()) {
            if (!at.isObject()) throw ApiException.badRequest(field + ": expected an object of parameter values, got " + Json.kind(at));
            Map<String, Object> given = castMap(Json.plain(at));
            for (String k : given.keySet()) {
                if (space.parameter(k).isEmpty()) throw ApiException.badRequest(field + ": unknown parameter " + Json.quote(k));
            }
            values.putAll(given);
        }
        try {
            return space.encode(values);
        } catch (IllegalArgumentException ex) {
            if (at != null && !at.isNull()) throw ApiException.badRequest(field + ": " + ex.getMessage());
            return space.encoding().snap(centre);
        }
    }

    /**
     * Where slices start by default: the best feasible trial by the objective; with several objectives, the first of
     * the Pareto ranking (the front's trial that adds most hypervolume).
     */
    private static Trial bestOf(StudySpec spec, List<Trial> trials) {
        if (spec.isMultiObjective()) {
            List<dev.sextant.core.study.ParetoFront.Ranked> ranking =
                    dev.sextant.core.study.ParetoFront.of(spec, trials).ranking(spec, trials);
            return ranking.isEmpty() ? null : ranking.get(0).trial();
        }
        String m = spec.objectives().get(0).metric();
        boolean min = spec.objectives().get(0).goal() == dev.sextant.core.study.Goal.MINIMIZE;
        Trial best = null;
        for (Trial t : trials) {
            if (t.state() != TrialState.COMPLETED || !Views.feasible(t, spec)) continue;
            double v = t.values().get(m).mean();
            if (best == null || (min ? v < best.values().get(m).mean() : v > best.values().get(m).mean())) best = t;
        }
        return best;
    }

    private Surrogate model(StudySpec spec, List<Trial> trials, String metric) {
        List<Trial> completed = new ArrayList<>();
        for (Trial t : trials) {
            if (t.state() == TrialState.COMPLETED && t.values() != null && t.values().containsKey(metric)) completed.add(t);
        }
        if (completed.size() < 2) {
            throw ApiException.conflict("the model of " + Json.quote(metric) + " needs at least 2 completed trials; study "
                    + Json.quote(spec.name()) + " has " + completed.size());
        }
        String key = spec.name() + "\u0000" + metric;
        String revision = Views.revision(trials);
        Cached c = cache.get(key);
        if (c != null && c.revision.equals(revision)) return c.model;
        synchronized (fitLocks.computeIfAbsent(key, k -> new Object())) {
            c = cache.get(key);
            if (c != null && c.revision.equals(revision)) return c.model;
            Surrogate s = factory.fit(spec, completed, metric);
            cache.put(key, new Cached(revision, s));
            return s;
        }
    }

    private static String metric(StudySpec spec, String requested) {
        if (requested == null || requested.isBlank()) return spec.objectives().get(0).metric();   // the (first) objective
        if (!spec.metrics().contains(requested)) {
            throw ApiException.badRequest("metric: unknown metric " + Json.quote(requested) + "; this study has " + spec.metrics());
        }
        return requested;
    }

    private static String parameterName(SearchSpace space, JsonNode node, String field) {
        String name = text(node, field);
        if (space.parameter(name).isEmpty()) {
            throw ApiException.badRequest(field + ": unknown parameter " + Json.quote(name) + "; the space has "
                    + space.parameters().stream().map(Parameter::name).toList());
        }
        return name;
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.isTextual()) throw ApiException.badRequest(field + ": expected a string, got " + Json.kind(node));
        return node.asText();
    }

    private static JsonNode object(JsonNode node, String field) {
        if (node == null || !node.isObject()) throw ApiException.badRequest(field + ": expected an object, got " + Json.kind(node));
        return node;
    }

    private static int steps(JsonNode node, String field, int def, int min, int max) {
        if (node == null || node.isNull()) return def;
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            throw ApiException.badRequest(field + ": expected a whole number between " + min + " and " + max + ", got " + Json.kind(node));
        }
        return node.asInt();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}

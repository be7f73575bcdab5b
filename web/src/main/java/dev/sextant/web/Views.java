package dev.sextant.web;

import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.OutcomeConstraint;
import dev.sextant.core.study.ParetoFront;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.study.StudySpecCodec;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of the API, as plain maps (documented in openapi.json). */
final class Views {
    private Views() {}

    /**
     * {number, id, study, state, parameters, values{m: mean}, sems{m: sem|null}, feasible, generator, generation, created,
     * updated, failureReason, worker}. {@code number} is the trial's number in its study (1, 2, 3 ...); {@code id} is a
     * deprecated alias with the same value, kept for clients written before per-study numbers.
     */
    static Map<String, Object> trial(Trial t, StudySpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", t.number());
        m.put("id", t.number());
        m.put("study", t.study());
        m.put("state", t.state().name());
        m.put("parameters", Json.safe(t.parameters()));
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> sems = new LinkedHashMap<>();
        if (t.values() != null) {
            for (Map.Entry<String, Observation> e : t.values().entrySet()) {
                values.put(e.getKey(), Json.safe(e.getValue().mean()));
                sems.put(e.getKey(), Json.safe(e.getValue().sem()));
            }
        }
        m.put("values", values);
        m.put("sems", sems);
        m.put("feasible", t.state() == TrialState.COMPLETED ? feasible(t, spec) : null);
        m.put("generator", t.generator());
        m.put("generation", Json.safe(t.generation() == null ? Map.of() : t.generation()));
        m.put("created", instant(t.created()));
        m.put("updated", instant(t.updated()));
        m.put("failureReason", t.failureReason());
        m.put("worker", t.worker());
        return m;
    }

    static String instant(Instant i) { return i == null ? null : i.toString(); }

    /** True when a completed trial has every objective and meets every outcome constraint. */
    static boolean feasible(Trial t, StudySpec spec) {
        if (t.values() == null) return false;
        for (String metric : spec.objectiveMetrics()) {
            if (!t.values().containsKey(metric)) return false;
        }
        for (OutcomeConstraint c : spec.outcomeConstraints()) {
            Observation o = t.values().get(c.metric());
            if (o == null || !c.satisfiedBy(o.mean())) return false;
        }
        return true;
    }

    static Map<String, Integer> counts(List<Trial> trials) {
        Map<TrialState, Integer> c = new EnumMap<>(TrialState.class);
        for (TrialState s : TrialState.values()) c.put(s, 0);
        for (Trial t : trials) c.merge(t.state(), 1, Integer::sum);
        Map<String, Integer> m = new LinkedHashMap<>();
        c.forEach((k, v) -> m.put(k.name(), v));
        return m;
    }

    /** A change marker for live views: trial count and the newest update time. */
    static String revision(List<Trial> trials) {
        Instant newest = Instant.EPOCH;
        for (Trial t : trials) {
            if (t.updated() != null && t.updated().isAfter(newest)) newest = t.updated();
        }
        return trials.size() + "@" + newest.toEpochMilli() + "." + newest.getNano();
    }

    /**
     * Short entry of the study list. A multi-objective study has {@code objective} and {@code bestValue} null and a
     * {@code pareto} summary {size, hypervolume} instead.
     */
    static Map<String, Object> listEntry(StudySpec spec, List<Trial> trials, Optional<Trial> best) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name());
        m.put("objective", objective(spec));
        m.put("objectives", objectives(spec));
        m.put("multiObjective", spec.isMultiObjective());
        m.put("counts", counts(trials));
        m.put("total", trials.size());
        m.put("bestValue", spec.isMultiObjective() ? null
                : best.map(b -> Json.safe(b.values().get(spec.objective().metric()).mean())).orElse(null));
        m.put("pareto", spec.isMultiObjective() ? paretoSummary(ParetoFront.of(spec, trials)) : null);
        m.put("revision", revision(trials));
        return m;
    }

    /**
     * The spec in campaign-file form, with {@code generation.initial} resolved to the count the study uses and
     * {@code generation.initial_default: true} when that count is the default (max(5, 2·dimension)) rather than set.
     * The codec's own form (initial -1 for the default) is what creating a study accepts; both are accepted back.
     */
    static Map<String, Object> readableSpec(StudySpec spec) {
        Map<String, Object> m = new LinkedHashMap<>(StudySpecCodec.toMap(spec));
        if (m.get("generation") instanceof Map<?, ?> g) {
            Map<String, Object> generation = new LinkedHashMap<>();
            g.forEach((k, v) -> generation.put(String.valueOf(k), v));
            boolean byDefault = spec.generation().initialTrials() < 0;
            generation.put("initial", spec.generation().initialTrials(spec.space().dimension()));
            generation.put("initial_default", byDefault);
            m.put("generation", generation);
        }
        return m;
    }

    /** {metric, goal} of a single-objective study; null for a multi-objective one (see {@link #objectives}). */
    static Map<String, Object> objective(StudySpec spec) {
        if (spec.isMultiObjective()) return null;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("metric", spec.objective().metric());
        o.put("goal", spec.objective().goal() == Goal.MINIMIZE ? "minimize" : "maximize");
        return o;
    }

    /** [{metric, goal, threshold|null}] for every objective, in order. */
    static List<Map<String, Object>> objectives(StudySpec spec) {
        return spec.objectives().stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("metric", o.metric());
            m.put("goal", o.goal() == Goal.MINIMIZE ? "minimize" : "maximize");
            m.put("threshold", o.threshold());
            return m;
        }).toList();
    }

    /** {size, hypervolume, beyondThresholds (how many non-dominated trials are worse than a threshold)} of a front. */
    static Map<String, Object> paretoSummary(ParetoFront f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", f.trials().size());
        m.put("hypervolume", Json.safe(f.hypervolume()));
        m.put("beyondThresholds", f.beyondThresholds().size());
        return m;
    }

    /**
     * GET …/pareto: {study, objectives, trials (the front, full trial views, by number), referencePoint (one value per
     * objective in its own units, null until it can be set), inferred (per objective, null likewise), hypervolume,
     * hypervolumeByTrial [{number, hypervolume}] (the front's hypervolume after each feasible completed trial, above
     * the same reference point), beyondThresholds (the feasible non-dominated trials worse than an objective's
     * threshold, so not on the front: full trial views with {@code worseThan}, the metrics whose threshold each
     * misses), ranking [{number, rank, withinThresholds, hypervolumeContribution}] (the feasible completed trials best
     * first, {@link ParetoFront#ranking}: the order of {@code sort=best})}. A threshold is the worst value still of
     * interest: a trial at it is on the front.
     */
    static Map<String, Object> pareto(StudySpec spec, List<Trial> trials) {
        ParetoFront f = ParetoFront.of(spec, trials);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", spec.name());
        m.put("objectives", objectives(spec));
        m.put("trials", f.trials().stream().map(t -> trial(t, spec)).toList());
        m.put("beyondThresholds", f.beyondThresholds().stream().map(t -> {
            Map<String, Object> v = new LinkedHashMap<>(trial(t, spec));
            v.put("worseThan", f.worseThanThreshold(t).stream().map(dev.sextant.core.study.Objective::metric).toList());
            return v;
        }).toList());
        m.put("referencePoint", f.referencePoint().isEmpty() ? null : f.referencePoint().stream().map(Json::safe).toList());
        m.put("inferred", f.inferred().isEmpty() ? null : f.inferred());
        m.put("hypervolume", Json.safe(f.hypervolume()));
        m.put("ranking", f.ranking(spec, trials).stream().map(r -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("number", r.trial().number());
            e.put("rank", r.rank());
            e.put("withinThresholds", r.withinThresholds());
            e.put("hypervolumeContribution", Json.safe(r.contribution()));
            return e;
        }).toList());
        m.put("hypervolumeByTrial", f.hypervolumeByTrial(spec, trials).stream().map(p -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("number", (long) p[0]);
            e.put("hypervolume", Json.safe(p[1]));
            return e;
        }).toList());
        return m;
    }

    /**
     * Full study summary: spec, objectives, metrics, counts, best trial (null for a multi-objective study, which has
     * {@code pareto} {size, hypervolume} instead), generators.
     */
    static Map<String, Object> summary(StudySpec spec, GenerationStrategy strategy, List<Trial> trials, Optional<Trial> best) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name());
        m.put("spec", Json.safe(readableSpec(spec)));
        m.put("objective", objective(spec));
        m.put("objectives", objectives(spec));
        m.put("multiObjective", spec.isMultiObjective());
        m.put("pareto", spec.isMultiObjective() ? paretoSummary(ParetoFront.of(spec, trials)) : null);
        m.put("metrics", spec.metrics());
        m.put("outcomeConstraints", spec.outcomeConstraints().stream().map(Object::toString).toList());
        m.put("counts", counts(trials));
        m.put("total", trials.size());
        m.put("best", best.map(b -> trial(b, spec)).orElse(null));
        String last = null;
        for (Trial t : trials) {
            if (t.generator() != null) last = t.generator();
        }
        m.put("lastGenerator", last);
        int nonFailed = 0;
        for (Trial t : trials) {
            if (t.state() != TrialState.FAILED) nonFailed++;
        }
        String next;
        try {
            next = strategy.select(nonFailed).name();
        } catch (RuntimeException e) {
            next = null;
        }
        m.put("nextGenerator", next);
        m.put("revision", revision(trials));
        return m;
    }
}

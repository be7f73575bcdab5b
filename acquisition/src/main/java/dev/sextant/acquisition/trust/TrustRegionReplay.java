package dev.sextant.acquisition.trust;

import dev.sextant.core.study.Goal;
import dev.sextant.core.study.OutcomeConstraint;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The trust region's state derived from a study's completed trials alone, so that every worker, and a campaign
 * resumed in a new process, sees the same region: the trials are replayed in number order through
 * {@link TrustRegionRule}. Which trials form a step comes from what each trial recorded when it was proposed
 * ({@code generation.trust_region}: {@code phase} "step" or "design", {@code batch} the number of completed trials
 * its region was derived from): consecutive step trials with the same batch are one step of q points, as TuRBO's
 * batches (two asks from the same history, e.g. by two workers, are one batch). Trials proposed otherwise (the
 * initial Sobol design, other generators, manual trials) are design data — they only raise the best value — until
 * the first step of the current region, and single-point steps after it. When the length falls below the minimum,
 * the region restarts: state reset, and the trials after that point are the new region's data (the earlier ones
 * are left out of its model, as in TuRBO-1), the first of them a fresh design. Stateless.
 */
public final class TrustRegionReplay {
    /** Key of the trust region's record in a trial's generation metadata. */
    public static final String METADATA_KEY = "trust_region";

    /** How a trial was proposed, as far as the replay is concerned. */
    public enum Kind {
        /** Proposed inside a trust region ({@code phase: step}). */
        STEP,
        /** Proposed as part of a restarted region's fresh design ({@code phase: design}). */
        DESIGN,
        /** Proposed otherwise (Sobol initial design, another generator, manual). */
        OTHER
    }

    /**
     * One completed trial as the replay sees it.
     *
     * @param number trial number (the history is in increasing number order)
     * @param value  objective value, maximisation sign; −∞ for a trial that violates an outcome constraint
     * @param kind   how it was proposed
     * @param batch  for {@link Kind#STEP}: its batch key; ignored otherwise
     */
    public record Entry(long number, double value, Kind kind, long batch) {
        public Entry {
            if (Double.isNaN(value) || value == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("trial " + number + ": objective value " + value
                    + " cannot be replayed");
            }
            if (kind == null) {
                throw new IllegalArgumentException("trial " + number + " has no kind");
            }
        }
    }

    /**
     * The outcome of a replay.
     *
     * @param state           the region's state after the whole history
     * @param activeFrom      index into the history of the first trial of the current region (0 before any restart):
     *                        the current region's model sees the trials from there on
     * @param designCompleted trials of the current region's data that came before its first step (its design)
     */
    public record Result(TrustRegionState state, int activeFrom, int designCompleted) {
    }

    private TrustRegionReplay() {
    }

    /**
     * Replays a history (in increasing trial number order, not modified) in d dimensions.
     */
    public static Result replay(List<Entry> history, int d) {
        TrustRegionState s = TrustRegionState.fresh(0);
        int activeFrom = 0;
        int design = 0;
        int n = history.size();
        int i = 0;
        while (i < n) {
            Entry e = history.get(i);
            boolean step = (e.kind() == Kind.STEP || (e.kind() == Kind.OTHER && s.steps() > 0))
                && s.best() > Double.NEGATIVE_INFINITY;
            if (!step) {
                s = new TrustRegionState(s.length(), s.successes(), s.failures(), s.restarts(),
                    Math.max(s.best(), e.value()), s.steps());
                design++;
                i++;
                continue;
            }
            int j = i + 1;
            double stepBest = e.value();
            if (e.kind() == Kind.STEP) {
                while (j < n && history.get(j).kind() == Kind.STEP && history.get(j).batch() == e.batch()) {
                    stepBest = Math.max(stepBest, history.get(j).value());
                    j++;
                }
            }
            s = TrustRegionRule.update(s, stepBest, j - i, d);
            if (TrustRegionRule.collapsed(s)) {
                s = TrustRegionState.fresh(s.restarts() + 1);
                activeFrom = j;
                design = 0;
            }
            i = j;
        }
        return new Result(s, activeFrom, design);
    }

    /**
     * The replay entries of a study's completed trials (in number order, each with every metric the study needs;
     * not modified): the objective in maximisation sign, −∞ where an observed constraint metric violates its bound.
     */
    public static List<Entry> entries(StudySpec spec, List<Trial> completed) {
        String metric = spec.objective().metric();
        double sign = spec.objective().goal() == Goal.MINIMIZE ? -1 : 1;
        List<Entry> out = new ArrayList<>(completed.size());
        for (Trial t : completed) {
            double v = sign * t.values().get(metric).mean();
            for (OutcomeConstraint c : spec.outcomeConstraints()) {
                Observation o = t.values().get(c.metric());
                if (o == null || !c.satisfiedBy(o.mean())) {
                    v = Double.NEGATIVE_INFINITY;
                }
            }
            Kind kind = Kind.OTHER;
            long batch = -1;
            if (t.generation().get(METADATA_KEY) instanceof Map<?, ?> m) {
                Object phase = m.get("phase");
                if ("step".equals(phase) && m.get("batch") instanceof Number b) {
                    kind = Kind.STEP;
                    batch = b.longValue();
                } else if ("design".equals(phase)) {
                    kind = Kind.DESIGN;
                }
            }
            out.add(new Entry(t.number(), v, kind, batch));
        }
        return out;
    }
}

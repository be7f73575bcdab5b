package dev.sextant.core.study;

import dev.sextant.core.pareto.Hypervolume;
import dev.sextant.core.pareto.Pareto;
import dev.sextant.core.pareto.ReferencePoint;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The observed Pareto front of a study ({@link Study#paretoFront()}): the COMPLETED trials whose means satisfy every
 * outcome constraint, are no worse than any objective's threshold, and that no other such trial dominates by its means
 * (at least as good in every objective and better in one; trials with identical means are all on the front), with the
 * hypervolume they dominate above the reference point. Immutable.
 *
 * <p>Thresholds. An objective's threshold is the worst value still of interest (as Ax's objective thresholds): a
 * trial worse than a threshold in some objective is not on the front even when nothing dominates it; such trials are
 * listed apart, in {@link #beyondThresholds()}, so that a report can say what was left out and why. A trial exactly at
 * a threshold is on the front. A trial that dominates another is at least as good in every objective, so leaving
 * the trials beyond a threshold out before or after the dominance check gives the same front; none of them adds
 * hypervolume (the reference point is at the thresholds), so the hypervolume is the same either way.
 *
 * <p>The reference point: an objective with a threshold uses it; the others are inferred from the feasible trials'
 * means with {@link ReferencePoint#infer} (the front's nadir minus a tenth of its range, in the objective's direction).
 *
 * @param objectives       the study's objectives, in order; unmodifiable
 * @param trials           the trials on the front, by number; unmodifiable
 * @param referencePoint   one value per objective in the metric's own units; empty when some objective has no
 *                         threshold and no feasible trial is observed yet (nothing to infer it from); unmodifiable
 * @param inferred         per objective, whether its reference value was inferred (it has no threshold); empty when
 *                         {@code referencePoint} is; unmodifiable
 * @param hypervolume      the hypervolume of the front's means above the reference point (each objective oriented so
 *                         that better is larger; in the product of the objectives' units); 0 when the front is empty
 * @param beyondThresholds the feasible COMPLETED trials that no feasible trial dominates but that are worse than a
 *                         threshold in some objective (so not on the front), by number; unmodifiable
 */
public record ParetoFront(List<Objective> objectives, List<Trial> trials, List<Double> referencePoint,
                          List<Boolean> inferred, double hypervolume, List<Trial> beyondThresholds) {
    public ParetoFront {
        objectives = List.copyOf(objectives);
        trials = List.copyOf(trials);
        referencePoint = List.copyOf(referencePoint);
        inferred = List.copyOf(inferred);
        beyondThresholds = List.copyOf(beyondThresholds);
        if (!referencePoint.isEmpty() && referencePoint.size() != objectives.size()) {
            throw new IllegalArgumentException("reference point has " + referencePoint.size() + " values for "
                    + objectives.size() + " objectives");
        }
        if (inferred.size() != referencePoint.size()) {
            throw new IllegalArgumentException("inferred has " + inferred.size() + " flags for a reference point of "
                    + referencePoint.size() + " values");
        }
        if (!(hypervolume >= 0)) {
            throw new IllegalArgumentException("hypervolume is " + hypervolume + "; it is >= 0");
        }
    }

    /** A front with no trials beyond a threshold. */
    public ParetoFront(List<Objective> objectives, List<Trial> trials, List<Double> referencePoint,
                       List<Boolean> inferred, double hypervolume) {
        this(objectives, trials, referencePoint, inferred, hypervolume, List.of());
    }

    /**
     * The objectives in which the trial is worse than its threshold (an objective without a threshold never is), in
     * order; empty for a trial on the front or one missing a value.
     *
     * @param trial a trial of the study. Not modified.
     */
    public List<Objective> worseThanThreshold(Trial trial) {
        List<Objective> out = new ArrayList<>();
        for (Objective o : objectives) {
            Observation obs = trial.values() == null ? null : trial.values().get(o.metric());
            if (obs != null && o.threshold() != null && o.toMaximised(obs.mean()) < o.toMaximised(o.threshold())) {
                out.add(o);
            }
        }
        return out;
    }

    /** Whether some reference value was inferred from the data rather than given as a threshold. */
    public boolean anyInferred() {
        return inferred.contains(Boolean.TRUE);
    }

    /**
     * The front of {@code trials} for {@code spec} (what {@link Study#paretoFront()} returns for the study's trials).
     *
     * @param trials any trials of the study, in any state; those not COMPLETED, infeasible or missing an objective
     *               value are ignored. Not modified.
     */
    public static ParetoFront of(StudySpec spec, List<Trial> trials) {
        List<Trial> usable = usable(spec, trials);
        double[][] y = maximised(spec, usable);
        boolean[] mask = Pareto.nonDominated(y, true);
        List<Trial> front = new ArrayList<>();
        List<Trial> beyond = new ArrayList<>();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                (withinThresholds(spec, y[i]) ? front : beyond).add(usable.get(i));
            }
        }
        double[] ref = referencePoint(spec, y);
        if (ref == null) {
            return new ParetoFront(spec.objectives(), front, List.of(), List.of(), 0.0, beyond);
        }
        List<Double> refOut = new ArrayList<>();
        List<Boolean> inferred = new ArrayList<>();
        for (int k = 0; k < ref.length; k++) {
            Objective o = spec.objectives().get(k);
            refOut.add(o.toMaximised(ref[k]) + 0.0);
            inferred.add(o.threshold() == null);
        }
        return new ParetoFront(spec.objectives(), front, refOut, inferred, Hypervolume.of(y, ref), beyond);
    }

    /** Whether a point (maximise convention) is at least as good as every objective's threshold. */
    private static boolean withinThresholds(StudySpec spec, double[] y) {
        for (int k = 0; k < y.length; k++) {
            Objective o = spec.objectives().get(k);
            if (o.threshold() != null && y[k] < o.toMaximised(o.threshold())) {
                return false;
            }
        }
        return true;
    }

    /**
     * One trial's place in {@link #ranking}.
     *
     * @param trial            the trial
     * @param rank             its Pareto rank among the feasible completed trials, 1 for the non-dominated ones (on the
     *                         front or beyond a threshold), 2 for those non-dominated once rank 1 is removed, ...
     * @param withinThresholds whether it is no worse than any objective's threshold
     * @param contribution     the hypervolume only it dominates among the trials of its rank, above this front's
     *                         reference point (0 when it is beyond a threshold, duplicated, or there is no reference
     *                         point yet)
     */
    public record Ranked(Trial trial, int rank, boolean withinThresholds, double contribution) {
    }

    /**
     * The feasible COMPLETED trials with every objective observed, best first: those within every threshold before
     * those beyond one, then by Pareto rank, then by hypervolume contribution (larger first), then by number. The
     * order of "best" for a study with several objectives: the front first, its trials that add most hypervolume
     * first; trials that are infeasible or not completed are not ranked.
     *
     * @param spec   the study's spec (the one {@link #of} was given)
     * @param trials the study's trials. Not modified.
     * @return a new list
     */
    public List<Ranked> ranking(StudySpec spec, List<Trial> trials) {
        List<Trial> usable = usable(spec, trials);
        double[][] y = maximised(spec, usable);
        int[] ranks = Pareto.ranks(y);
        double[] ref = null;
        if (!referencePoint.isEmpty()) {
            ref = new double[referencePoint.size()];
            for (int k = 0; k < ref.length; k++) {
                ref[k] = objectives.get(k).toMaximised(referencePoint.get(k));
            }
        }
        double[] contribution = new double[usable.size()];
        int maxRank = -1;
        for (int r : ranks) {
            maxRank = Math.max(maxRank, r);
        }
        for (int r = 0; ref != null && r <= maxRank; r++) {
            List<Integer> layer = new ArrayList<>();
            for (int i = 0; i < ranks.length; i++) {
                if (ranks[i] == r) {
                    layer.add(i);
                }
            }
            double[][] pts = new double[layer.size()][];
            for (int a = 0; a < pts.length; a++) {
                pts[a] = y[layer.get(a)];
            }
            double all = Hypervolume.of(pts, ref);
            for (int a = 0; a < pts.length; a++) {
                double[][] without = new double[pts.length - 1][];
                for (int b = 0, c = 0; b < pts.length; b++) {
                    if (b != a) {
                        without[c++] = pts[b];
                    }
                }
                contribution[layer.get(a)] = Math.max(0.0, all - Hypervolume.of(without, ref));
            }
        }
        List<Ranked> out = new ArrayList<>();
        for (int i = 0; i < usable.size(); i++) {
            boolean within = withinThresholds(spec, y[i]);
            out.add(new Ranked(usable.get(i), ranks[i] + 1, within, within ? contribution[i] : 0.0));
        }
        out.sort(java.util.Comparator.comparing((Ranked r) -> !r.withinThresholds())
                .thenComparingInt(Ranked::rank)
                .thenComparing(Ranked::contribution, java.util.Comparator.reverseOrder())
                .thenComparingLong(r -> r.trial().number()));
        return out;
    }

    /**
     * The hypervolume of the observed front after each usable trial (COMPLETED, feasible, every objective observed),
     * in trial-number order, all above this front's reference point, so the sequence never decreases. Empty when the
     * reference point is.
     *
     * @param trials the study's trials (those {@link #of} was given). Not modified.
     * @return one {@code [trial number, hypervolume]} pair per usable trial
     */
    public List<double[]> hypervolumeByTrial(StudySpec spec, List<Trial> trials) {
        if (referencePoint.isEmpty()) {
            return List.of();
        }
        List<Trial> usable = new ArrayList<>(usable(spec, trials));
        usable.sort((a, b) -> Long.compare(a.number(), b.number()));
        double[][] y = maximised(spec, usable);
        double[] ref = new double[referencePoint.size()];
        for (int k = 0; k < ref.length; k++) {
            ref[k] = objectives.get(k).toMaximised(referencePoint.get(k));
        }
        // the front so far: a trial it (weakly) dominates leaves the hypervolume as it was
        List<double[]> front = new ArrayList<>();
        List<double[]> out = new ArrayList<>();
        double hv = 0.0;
        for (int i = 0; i < y.length; i++) {
            double[] p = y[i];
            boolean covered = false;
            for (double[] q : front) {
                covered |= Pareto.dominates(q, p) || Arrays.equals(q, p);
            }
            if (!covered) {
                front.removeIf(q -> Pareto.dominates(p, q));
                front.add(p);
                hv = Hypervolume.of(front.toArray(double[][]::new), ref);
            }
            out.add(new double[] {usable.get(i).number(), hv});
        }
        return out;
    }

    private static List<Trial> usable(StudySpec spec, List<Trial> trials) {
        List<Trial> out = new ArrayList<>();
        for (Trial t : trials) {
            if (t.state() != TrialState.COMPLETED || !Study.feasible(spec, t)) {
                continue;
            }
            boolean complete = true;
            for (Objective o : spec.objectives()) {
                complete &= t.values().get(o.metric()) != null;
            }
            if (complete) {
                out.add(t);
            }
        }
        return out;
    }

    /** n×m means, each objective oriented so that larger is better. */
    private static double[][] maximised(StudySpec spec, List<Trial> trials) {
        List<Objective> objectives = spec.objectives();
        double[][] y = new double[trials.size()][objectives.size()];
        for (int i = 0; i < y.length; i++) {
            for (int k = 0; k < objectives.size(); k++) {
                Observation obs = trials.get(i).values().get(objectives.get(k).metric());
                y[i][k] = objectives.get(k).toMaximised(obs.mean());
            }
        }
        return y;
    }

    /** The reference point in the maximise convention, or null when a value must be inferred from no point. */
    private static double[] referencePoint(StudySpec spec, double[][] y) {
        List<Objective> objectives = spec.objectives();
        double[] thresholds = new double[objectives.size()];
        boolean missing = false;
        for (int k = 0; k < thresholds.length; k++) {
            Double t = objectives.get(k).threshold();
            thresholds[k] = t == null ? Double.NaN : objectives.get(k).toMaximised(t);
            missing |= t == null;
        }
        if (missing && y.length == 0) {
            return null;
        }
        return ReferencePoint.infer(y, thresholds);
    }
}

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
 * outcome constraint and that no other such trial dominates by its means (at least as good in every objective and
 * better in one; trials with identical means are all on the front), with the hypervolume they dominate above the
 * reference point. Immutable.
 *
 * <p>The reference point: an objective with a threshold uses it; the others are inferred from the same trials' means
 * with {@link ReferencePoint#infer} (the front's nadir minus a tenth of its range, in the objective's direction).
 *
 * @param objectives     the study's objectives, in order; unmodifiable
 * @param trials         the trials on the front, by number; unmodifiable
 * @param referencePoint one value per objective in the metric's own units; empty when some objective has no threshold
 *                       and no trial is on the front yet (nothing to infer it from); unmodifiable
 * @param inferred       per objective, whether its reference value was inferred (it has no threshold); empty when
 *                       {@code referencePoint} is; unmodifiable
 * @param hypervolume    the hypervolume of the front's means above the reference point (each objective oriented so that
 *                       better is larger; in the product of the objectives' units); 0 when the front is empty
 */
public record ParetoFront(List<Objective> objectives, List<Trial> trials, List<Double> referencePoint,
                          List<Boolean> inferred, double hypervolume) {
    public ParetoFront {
        objectives = List.copyOf(objectives);
        trials = List.copyOf(trials);
        referencePoint = List.copyOf(referencePoint);
        inferred = List.copyOf(inferred);
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
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                front.add(usable.get(i));
            }
        }
        double[] ref = referencePoint(spec, y);
        if (ref == null) {
            return new ParetoFront(spec.objectives(), front, List.of(), List.of(), 0.0);
        }
        List<Double> refOut = new ArrayList<>();
        List<Boolean> inferred = new ArrayList<>();
        for (int k = 0; k < ref.length; k++) {
            Objective o = spec.objectives().get(k);
            refOut.add(o.toMaximised(ref[k]) + 0.0);
            inferred.add(o.threshold() == null);
        }
        return new ParetoFront(spec.objectives(), front, refOut, inferred, Hypervolume.of(y, ref));
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

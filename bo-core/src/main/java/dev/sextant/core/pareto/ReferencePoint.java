package dev.sextant.core.pareto;

import java.util.ArrayList;
import java.util.List;

/**
 * The hypervolume reference point, in the maximise convention.
 *
 * <p>The rule: an objective with a threshold uses its threshold. Any other objective k uses
 * {@code nadir_k − 0.1 · range_k}, where nadir and ideal are the worst and best values of objective k over the
 * non-dominated points and {@code range_k = ideal_k − nadir_k}; when that range is 0 (one non-dominated point, or
 * all of them equal in objective k) it is replaced by {@code max(|nadir_k|, 1e-8)}. This is the rule of BoTorch's
 * {@code infer_reference_point} with its default scale 0.1 (which applies the same replacement to a single point),
 * so the reference point sits just below the observed front and every front point adds to the hypervolume.
 */
public final class ReferencePoint {
    /** The fraction of the front's range the inferred reference point lies below its nadir. */
    public static final double SCALE = 0.1;
    /** The smallest range used when a front has no extent in one objective. */
    public static final double MIN_RANGE = 1e-8;

    private ReferencePoint() {
    }

    /**
     * The reference point for {@code points}.
     *
     * @param points     n×m objective vectors, larger is better (may be empty when every threshold is given).
     *                   Not modified.
     * @param thresholds m values in the maximise convention; {@code NaN} where the value is to be inferred.
     *                   Not modified.
     * @return a new array of m finite values
     * @throws IllegalArgumentException when a value must be inferred but there is no point, or widths disagree
     */
    public static double[] infer(double[][] points, double[] thresholds) {
        int m = thresholds.length;
        int width = Pareto.checkedWidth(points);
        if (points.length > 0 && width != m) {
            throw new IllegalArgumentException("the points have " + width + " objectives but " + m
                    + " thresholds were given");
        }
        double[] ref = thresholds.clone();
        List<Integer> missing = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            if (Double.isNaN(ref[k])) {
                missing.add(k);
            } else if (Double.isInfinite(ref[k])) {
                throw new IllegalArgumentException("threshold " + k + " is " + ref[k] + "; give a finite number");
            }
        }
        if (missing.isEmpty()) {
            return ref;
        }
        if (points.length == 0) {
            throw new IllegalArgumentException("no observed point to infer the reference value of objectives "
                    + missing + " from; give them thresholds or observe a point first");
        }
        boolean[] front = Pareto.nonDominated(points);
        for (int k : missing) {
            double nadir = Double.POSITIVE_INFINITY;
            double ideal = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < points.length; i++) {
                if (front[i]) {
                    nadir = Math.min(nadir, points[i][k]);
                    ideal = Math.max(ideal, points[i][k]);
                }
            }
            double range = ideal - nadir;
            if (!(range > 0)) {
                range = Math.max(Math.abs(nadir), MIN_RANGE);
            }
            ref[k] = nadir - SCALE * range;
            if (!Double.isFinite(ref[k])) {
                throw new IllegalArgumentException("objective " + k + " has non-finite values on the front ("
                        + nadir + " to " + ideal + "); no finite reference value can be inferred");
            }
        }
        return ref;
    }
}

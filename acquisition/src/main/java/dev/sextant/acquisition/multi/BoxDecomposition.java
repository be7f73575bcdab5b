package dev.sextant.acquisition.multi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partition into axis-aligned boxes of the part of outcome space above a reference point r (maximisation: larger
 * is better in every objective) that a set of points dominates, or of the part no point dominates. Box c is
 * [lower_c, upper_c] with m coordinates each; upper bounds of non-dominated boxes may be +∞.
 *
 * <p>Exact for any number m of objectives, by a sweep over the last objective: sorted by that objective
 * (descending, z₁ ≥ z₂ ≥ …), the slab z ∈ [z_{i+1}, z_i) is dominated exactly where the first i points dominate in
 * the first m − 1 objectives, so each slab is the (m − 1)-dimensional decomposition of a prefix of the points; a box
 * that is the same in consecutive slabs is merged into one. With k points on the front this gives k + 1
 * non-dominated boxes for m = 2 and O(k²) for m = 3; for m ≥ 4 the count grows like k^(m−1), still exact but slow
 * for large fronts (qNParEGO is the acquisition for many objectives). Points that are dominated, or not strictly
 * better than r in every objective, contribute nothing and may be passed in.
 *
 * <p>Immutable; {@link #lower()} and {@link #upper()} return copies.
 */
public final class BoxDecomposition {
    private final int m;
    private final int count;
    private final double[] lower;
    private final double[] upper;

    private BoxDecomposition(int m, List<double[][]> boxes) {
        this.m = m;
        this.count = boxes.size();
        this.lower = new double[count * m];
        this.upper = new double[count * m];
        for (int c = 0; c < count; c++) {
            System.arraycopy(boxes.get(c)[0], 0, lower, c * m, m);
            System.arraycopy(boxes.get(c)[1], 0, upper, c * m, m);
        }
    }

    /**
     * The boxes covering {u ≥ r : no point y has y ≥ u}, the region where a new point improves the hypervolume.
     *
     * @param points n×m outcomes, row-major, maximised (not modified)
     * @param ref    the reference point, m values (not modified)
     */
    public static BoxDecomposition nonDominated(double[] points, int n, double[] ref) {
        return new BoxDecomposition(ref.length, split(relevant(points, n, ref), ref, ref.length, false));
    }

    /**
     * The boxes covering {u ≥ r : some point y has y ≥ u}, the region whose volume is the hypervolume.
     *
     * @param points n×m outcomes, row-major, maximised (not modified)
     * @param ref    the reference point, m values (not modified)
     */
    public static BoxDecomposition dominated(double[] points, int n, double[] ref) {
        return new BoxDecomposition(ref.length, split(relevant(points, n, ref), ref, ref.length, true));
    }

    /** Number of objectives m. */
    public int objectives() {
        return m;
    }

    /** Number of boxes. */
    public int size() {
        return count;
    }

    /** Lower corners, size()×m row-major (copy). */
    public double[] lower() {
        return lower.clone();
    }

    /** Upper corners, size()×m row-major, +∞ where a non-dominated box is unbounded (copy). */
    public double[] upper() {
        return upper.clone();
    }

    /** Lower bound of box c in objective k. */
    public double lower(int c, int k) {
        return lower[c * m + k];
    }

    /** Upper bound of box c in objective k (may be +∞). */
    public double upper(int c, int k) {
        return upper[c * m + k];
    }

    /** Total volume of the boxes (+∞ for a non-dominated decomposition, whose boxes are unbounded above). */
    public double volume() {
        double v = 0;
        for (int c = 0; c < count; c++) {
            double p = 1;
            for (int k = 0; k < m; k++) p *= upper[c * m + k] - lower[c * m + k];
            v += p;
        }
        return v;
    }

    /**
     * Volume of the boxes' intersection with the box [r, y]: for a non-dominated decomposition, the hypervolume
     * improvement of adding the point y (m values, not modified).
     */
    public double volumeBelow(double[] y) {
        double v = 0;
        for (int c = 0; c < count; c++) {
            double p = 1;
            for (int k = 0; k < m && p > 0; k++) {
                p *= Math.max(0, Math.min(y[k], upper[c * m + k]) - lower[c * m + k]);
            }
            v += p;
        }
        return v;
    }

    /** The points strictly better than ref in every objective, as rows. */
    private static List<double[]> relevant(double[] points, int n, double[] ref) {
        int m = ref.length;
        if (m < 1) throw new IllegalArgumentException("need at least one objective");
        if (points.length < n * m) {
            throw new IllegalArgumentException("points must be n×m = " + n + "×" + m + ", got " + points.length
                + " values");
        }
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean better = true;
            for (int k = 0; k < m; k++) {
                double v = points[i * m + k];
                if (Double.isNaN(v)) throw new IllegalArgumentException("point " + i + " has NaN in objective " + k);
                if (!(v > ref[k])) better = false;
            }
            if (better) out.add(Arrays.copyOfRange(points, i * m, (i + 1) * m));
        }
        return out;
    }

    /**
     * Boxes of the first dims coordinates: dominated (or not) by the given points (all strictly above ref), each box
     * a pair {lower, upper} of length dims.
     */
    private static List<double[][]> split(List<double[]> pts, double[] ref, int dims, boolean dominated) {
        int last = dims - 1;
        if (dims == 1) {
            double top = Double.NEGATIVE_INFINITY;
            for (double[] p : pts) top = Math.max(top, p[0]);
            List<double[][]> one = new ArrayList<>();
            if (dominated) {
                if (!pts.isEmpty()) one.add(new double[][] {{ref[0]}, {top}});
            } else {
                one.add(new double[][] {{pts.isEmpty() ? ref[0] : top}, {Double.POSITIVE_INFINITY}});
            }
            return one;
        }
        List<double[]> sorted = new ArrayList<>(pts);
        sorted.sort(Comparator.comparingDouble((double[] p) -> p[last]).reversed());
        List<double[][]> done = new ArrayList<>();
        // open boxes of the previous slab, keyed by their first (dims − 1) bounds; their last lower bound is pending
        Map<List<Double>, double[][]> open = new LinkedHashMap<>();
        double slabTop = Double.POSITIVE_INFINITY;
        int k = sorted.size();
        for (int i = 0; i <= k; i++) {
            double slabBottom = i < k ? sorted.get(i)[last] : ref[last];
            if (slabBottom < slabTop) {
                // slab [slabBottom, slabTop): the first i points
                List<double[][]> sub = dominated && i == 0 ? List.of()
                    : split(sorted.subList(0, i), ref, dims - 1, dominated);
                Map<List<Double>, double[][]> next = new LinkedHashMap<>();
                for (double[][] b : sub) {
                    List<Double> key = key(b);
                    double[][] prev = open.remove(key);
                    if (prev != null) {
                        prev[0][last] = slabBottom; // same box as in the slab above: extend it down
                        next.put(key, prev);
                    } else {
                        double[] lo = Arrays.copyOf(b[0], dims);
                        double[] hi = Arrays.copyOf(b[1], dims);
                        lo[last] = slabBottom;
                        hi[last] = slabTop;
                        next.put(key, new double[][] {lo, hi});
                    }
                }
                done.addAll(open.values());
                open = next;
                slabTop = slabBottom;
            }
        }
        done.addAll(open.values());
        return done;
    }

    private static List<Double> key(double[][] box) {
        int n = box[0].length;
        List<Double> k = new ArrayList<>(2 * n);
        for (int j = 0; j < n; j++) {
            k.add(box[0][j]);
            k.add(box[1][j]);
        }
        return k;
    }
}

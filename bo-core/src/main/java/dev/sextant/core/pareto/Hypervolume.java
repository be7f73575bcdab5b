package dev.sextant.core.pareto;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact hypervolume of a set of objective vectors in the maximise convention: the Lebesgue measure of
 * { z : r ≤ z ≤ y for some point y }. A point adds something only when it is strictly better than the reference
 * point r in every objective; dominated points and duplicates add nothing; with no such point the result is exactly
 * {@code 0.0}.
 *
 * <p>Algorithms: 1 objective, the best value minus r; 2 objectives, a sweep in decreasing first objective
 * (O(n log n)); 3 objectives, a sweep in decreasing third objective that keeps the two-objective staircase in a
 * sorted map and adds each point's new area (O(n log n)); 4 and more, slicing along the last objective (one slab per
 * distinct level, each the (m−1)-objective hypervolume of the points at or above the level), down to the
 * 3-objective sweep. Exact in real arithmetic; floating-point sums of products.
 */
public final class Hypervolume {
    private Hypervolume() {
    }

    /**
     * The hypervolume dominated by {@code points} and bounded below by {@code ref}.
     *
     * @param points n×m objective vectors, larger is better (n ≥ 0). Not modified.
     * @param ref    m reference values, finite. Not modified.
     * @return the hypervolume, ≥ 0
     * @throws IllegalArgumentException when the widths disagree, a value is NaN or the reference point is not finite
     */
    public static double of(double[][] points, double[] ref) {
        int m = Pareto.checkedWidth(points);
        if (ref == null || ref.length == 0) {
            throw new IllegalArgumentException("the reference point is empty; give one value per objective");
        }
        if (points.length > 0 && m != ref.length) {
            throw new IllegalArgumentException("the points have " + m + " objectives but the reference point has "
                    + ref.length + " values");
        }
        for (int k = 0; k < ref.length; k++) {
            if (!Double.isFinite(ref[k])) {
                throw new IllegalArgumentException("reference point value " + k + " is " + ref[k]
                        + "; every reference value must be finite");
            }
        }
        double[][] better = Arrays.stream(points).filter(p -> strictlyAbove(p, ref)).toArray(double[][]::new);
        if (better.length == 0) {
            return 0.0;
        }
        return exact(better, ref, ref.length);
    }

    /**
     * The hypervolume by slicing for every m ≥ 3 (the 3-objective sweep is not used): a second algorithm the tests
     * compare the sweeps with.
     */
    static double bySlicing(double[][] points, double[] ref) {
        double[][] better = Arrays.stream(points).filter(p -> strictlyAbove(p, ref)).toArray(double[][]::new);
        if (better.length == 0) {
            return 0.0;
        }
        if (ref.length <= 2) {
            return exact(better, ref, ref.length);
        }
        return slice(better, ref, ref.length, true);
    }

    private static boolean strictlyAbove(double[] p, double[] ref) {
        for (int k = 0; k < ref.length; k++) {
            if (!(p[k] > ref[k])) {
                return false;
            }
        }
        return true;
    }

    /** Hypervolume of the first {@code m} coordinates of {@code pts}, all strictly above {@code ref} there. */
    private static double exact(double[][] pts, double[] ref, int m) {
        switch (m) {
            case 1:
                double best = Double.NEGATIVE_INFINITY;
                for (double[] p : pts) {
                    best = Math.max(best, p[0]);
                }
                return best - ref[0];
            case 2:
                return sweep2(pts, ref);
            case 3:
                return sweep3(pts, ref);
            default:
                return slice(pts, ref, m, false);
        }
    }

    private static double sweep2(double[][] pts, double[] ref) {
        double[][] sorted = pts.clone();
        Arrays.sort(sorted, Comparator.<double[]>comparingDouble(p -> -p[0]).thenComparingDouble(p -> -p[1]));
        double top = ref[1];
        double area = 0.0;
        for (double[] p : sorted) {
            if (p[1] > top) {
                area += (p[0] - ref[0]) * (p[1] - top);
                top = p[1];
            }
        }
        return area;
    }

    private static double sweep3(double[][] pts, double[] ref) {
        double[][] sorted = pts.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(p -> -p[2]));
        // the two-objective staircase of the points seen so far: first objective ascending, second descending
        TreeMap<Double, Double> front = new TreeMap<>();
        double area = 0.0;
        double volume = 0.0;
        for (int i = 0; i < sorted.length; i++) {
            area += insert(front, sorted[i][0] + 0.0, sorted[i][1], ref);
            double next = i + 1 < sorted.length ? sorted[i + 1][2] : ref[2];
            if (sorted[i][2] > next) {
                volume += area * (sorted[i][2] - next);
            }
        }
        return volume;
    }

    /** Adds (a, b) to the staircase {@code front} (modified) and returns the area it adds above {@code ref}. */
    private static double insert(TreeMap<Double, Double> front, double a, double b, double[] ref) {
        Map.Entry<Double, Double> ceiling = front.ceilingEntry(a);
        if (ceiling != null && ceiling.getValue() >= b) {
            return 0.0;
        }
        Map.Entry<Double, Double> higher = front.higherEntry(a);
        double h = higher == null ? ref[1] : higher.getValue();
        double x = a;
        double added = 0.0;
        Map.Entry<Double, Double> e = front.floorEntry(a);
        boolean covered = false;
        while (e != null) {
            double k = e.getKey();
            double v = e.getValue();
            added += (x - k) * (b - h);
            if (v >= b) {
                covered = true;
                break;
            }
            front.remove(k);
            h = v;
            x = k;
            e = front.lowerEntry(k);
        }
        if (!covered) {
            added += (x - ref[0]) * (b - h);
        }
        front.put(a, b);
        return added;
    }

    /** Slicing along coordinate m−1 of points strictly above ref in their first m coordinates. */
    private static double slice(double[][] pts, double[] ref, int m, boolean slicingOnly) {
        int last = m - 1;
        double[][] sorted = pts.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(p -> -p[last]));
        double volume = 0.0;
        for (int i = 0; i < sorted.length; i++) {
            double next = i + 1 < sorted.length ? sorted[i + 1][last] : ref[last];
            double thickness = sorted[i][last] - next;
            if (thickness > 0) {
                double[][] above = nonDominatedPrefix(sorted, i + 1, last);
                double base = last <= 2 || (last == 3 && !slicingOnly) ? exact(above, ref, last)
                        : slice(above, ref, last, slicingOnly);
                volume += base * thickness;
            }
        }
        return volume;
    }

    /** The first {@code count} points cut to their first {@code width} coordinates, dominated ones dropped. */
    private static double[][] nonDominatedPrefix(double[][] sorted, int count, int width) {
        double[][] cut = new double[count][];
        for (int i = 0; i < count; i++) {
            cut[i] = Arrays.copyOf(sorted[i], width);
        }
        if (width <= 3) {
            return cut;
        }
        boolean[] keep = Pareto.nonDominated(cut);
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        double[][] out = new double[kept][];
        for (int i = 0, j = 0; i < count; i++) {
            if (keep[i]) {
                out[j++] = cut[i];
            }
        }
        return out;
    }
}

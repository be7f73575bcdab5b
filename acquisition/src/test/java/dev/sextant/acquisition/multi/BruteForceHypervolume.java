package dev.sextant.acquisition.multi;

import java.util.TreeSet;

/**
 * Test oracle: the exact hypervolume of a few points (maximisation) by brute force over the grid of all their
 * coordinates, each grid cell checked for domination at its centre. O(n^m · n): small n only.
 */
public final class BruteForceHypervolume {
    private BruteForceHypervolume() {}

    /** Exact hypervolume by brute force over the grid of all coordinates (small n only). */
    public static double of(double[] pts, int n, double[] ref) {
        int m = ref.length;
        double[][] axes = new double[m][];
        for (int k = 0; k < m; k++) {
            TreeSet<Double> s = new TreeSet<>();
            s.add(ref[k]);
            for (int i = 0; i < n; i++) if (pts[i * m + k] > ref[k]) s.add(pts[i * m + k]);
            axes[k] = s.stream().mapToDouble(Double::doubleValue).toArray();
        }
        int[] idx = new int[m];
        double total = 0;
        double[] centre = new double[m];
        while (true) {
            boolean valid = true;
            double vol = 1;
            for (int k = 0; k < m; k++) {
                if (idx[k] + 1 >= axes[k].length) { valid = false; break; }
                centre[k] = 0.5 * (axes[k][idx[k]] + axes[k][idx[k] + 1]);
                vol *= axes[k][idx[k] + 1] - axes[k][idx[k]];
            }
            if (valid && dominatedBy(pts, n, centre)) total += vol;
            int k = 0;
            while (k < m) {
                idx[k]++;
                if (idx[k] + 1 < axes[k].length) break;
                idx[k] = 0;
                k++;
            }
            if (k == m) break;
        }
        return total;
    }

    public static boolean dominatedBy(double[] pts, int n, double[] u) {
        int m = u.length;
        for (int i = 0; i < n; i++) {
            boolean dom = true;
            for (int k = 0; k < m; k++) if (pts[i * m + k] < u[k]) { dom = false; break; }
            if (dom) return true;
        }
        return false;
    }

}

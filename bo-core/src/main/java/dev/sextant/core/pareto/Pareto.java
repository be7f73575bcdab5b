package dev.sextant.core.pareto;

/**
 * Non-dominated (Pareto) masks in the maximise convention (see the package documentation for ties and duplicates).
 */
public final class Pareto {
    private Pareto() {
    }

    /**
     * The Pareto mask with duplicates removed: row {@code i} is {@code true} iff no row dominates it and no identical
     * row comes before it.
     *
     * @param points n×m objective vectors, larger is better in every column (n ≥ 0). Not modified.
     * @return a new array of n flags
     * @throws IllegalArgumentException when rows differ in length or hold NaN
     */
    public static boolean[] nonDominated(double[][] points) {
        return nonDominated(points, false);
    }

    /**
     * The Pareto mask.
     *
     * @param points         n×m objective vectors, larger is better in every column. Not modified.
     * @param keepDuplicates {@code true} marks every copy of an identical non-dominated row, {@code false} only the
     *                       first
     * @return a new array of n flags
     * @throws IllegalArgumentException when rows differ in length or hold NaN
     */
    public static boolean[] nonDominated(double[][] points, boolean keepDuplicates) {
        int m = checkedWidth(points);
        int n = points.length;
        boolean[] mask = new boolean[n];
        for (int i = 0; i < n; i++) {
            boolean keep = true;
            for (int j = 0; j < n && keep; j++) {
                if (j == i) {
                    continue;
                }
                int cmp = compare(points[j], points[i], m);
                if (cmp > 0 || (cmp == 0 && j < i && !keepDuplicates)) {
                    keep = false;
                }
            }
            mask[i] = keep;
        }
        return mask;
    }

    /**
     * Whether {@code a} dominates {@code b}: at least as large in every objective and larger in one.
     *
     * @param a m values. Not modified.
     * @param b m values. Not modified.
     */
    public static boolean dominates(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("cannot compare a point with " + a.length + " objectives to one with "
                    + b.length);
        }
        return compare(a, b, a.length) > 0;
    }

    /** 1 when a dominates b, 0 when they are identical, -1 otherwise. */
    private static int compare(double[] a, double[] b, int m) {
        boolean better = false;
        for (int k = 0; k < m; k++) {
            if (a[k] < b[k]) {
                return -1;
            }
            if (a[k] > b[k]) {
                better = true;
            }
        }
        return better ? 1 : 0;
    }

    /** The common row length m of {@code points} (0 when there is no row), after checking rows and values. */
    static int checkedWidth(double[][] points) {
        if (points == null) {
            throw new IllegalArgumentException("points is null; pass an n×m array (n may be 0)");
        }
        if (points.length == 0) {
            return 0;
        }
        int m = points[0].length;
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != m) {
                throw new IllegalArgumentException("point " + i + " has " + points[i].length
                        + " objective values, point 0 has " + m + "; every point needs one value per objective");
            }
            for (int k = 0; k < m; k++) {
                if (Double.isNaN(points[i][k])) {
                    throw new IllegalArgumentException("point " + i + " has NaN for objective " + k);
                }
            }
        }
        return m;
    }
}

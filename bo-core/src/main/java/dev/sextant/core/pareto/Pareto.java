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
     * Pareto ranks by non-dominated sorting: rank 0 for the non-dominated rows (identical rows share their rank), rank
     * 1 for the rows non-dominated once those are removed, and so on.
     *
     * @param points n×m objective vectors, larger is better in every column. Not modified.
     * @return a new array of n ranks
     * @throws IllegalArgumentException when rows differ in length or hold NaN
     */
    public static int[] ranks(double[][] points) {
        int m = checkedWidth(points);
        int n = points.length;
        int[] rank = new int[n];
        int[] dominators = new int[n];      // how many rows dominate row i
        java.util.List<java.util.List<Integer>> dominated = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            dominated.add(new java.util.ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && compare(points[i], points[j], m) > 0) {
                    dominated.get(i).add(j);
                    dominators[j]++;
                }
            }
        }
        java.util.List<Integer> layer = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (dominators[i] == 0) {
                layer.add(i);
            }
        }
        for (int r = 0; !layer.isEmpty(); r++) {
            java.util.List<Integer> next = new java.util.ArrayList<>();
            for (int i : layer) {
                rank[i] = r;
                for (int j : dominated.get(i)) {
                    if (--dominators[j] == 0) {
                        next.add(j);
                    }
                }
            }
            layer = next;
        }
        return rank;
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

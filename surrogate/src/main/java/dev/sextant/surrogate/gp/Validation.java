package dev.sextant.surrogate.gp;

/** Input checks with messages that say what to fix. */
final class Validation {
    private Validation() {
    }

    static void data(double[] x, int n, int d, double[] y) {
        if (n < 1) {
            throw new IllegalArgumentException("a GP needs at least one observation, got n = " + n);
        }
        points(x, n, d, "training inputs");
        if (y == null || y.length < n) {
            throw new IllegalArgumentException("expected " + n + " outcomes, got " + (y == null ? "null" : y.length));
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("outcome " + i + " is " + y[i] + "; outcomes must be finite "
                        + "(drop failed trials before fitting)");
            }
        }
    }

    static void points(double[] x, int n, int d, String what) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be ≥ 1, got " + d);
        }
        if (n < 0) {
            throw new IllegalArgumentException("number of " + what + " must be ≥ 0, got " + n);
        }
        if (x == null || x.length < n * d) {
            throw new IllegalArgumentException(what + ": expected " + n + "×" + d + " = " + n * d + " values, got "
                    + (x == null ? "null" : x.length));
        }
        for (int i = 0; i < n * d; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(what + ": entry [" + i / d + "," + i % d + "] is " + x[i]
                        + "; inputs must be finite");
            }
        }
    }
}

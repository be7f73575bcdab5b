package dev.sextant.experiments.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The multi-objective benchmark problems, with BoTorch's definitions, boxes, reference points and maximal
 * hypervolumes ({@code botorch/test_functions/multi_objective.py}, 0.11.3): {@code branin-currin} (d = 2),
 * {@code dtlz2} (any d &gt; m, m = 2 or 3 objectives; default d = 6, m = 2), {@code zdt1}, {@code zdt2}, {@code zdt3}
 * (any d ≥ 2, default 4), {@code vehicle-safety} (d = 5, 3 objectives) and the constrained {@code c2dtlz2} (any d &gt; 2,
 * 2 objectives: BoTorch's maximal hypervolume is for two). Every objective is minimised.
 */
public final class MultiObjectiveProblems {
    private static final List<String> NAMES = List.of("branin-currin", "dtlz2", "zdt1", "zdt2", "zdt3",
            "vehicle-safety", "c2dtlz2");

    private MultiObjectiveProblems() {
    }

    /** The names accepted by {@link #byName}. */
    public static List<String> names() {
        return NAMES;
    }

    /** Whether {@code name} is one of these problems. */
    public static boolean exists(String name) {
        return name != null && NAMES.contains(canonical(name));
    }

    private static String canonical(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The problem called {@code name}; {@code dim} ≤ 0 and {@code objectives} ≤ 0 mean the problem's defaults.
     *
     * @throws IllegalArgumentException for an unknown name, or a dimension or objective count the problem does not
     *                                  define, naming what it does
     */
    public static MultiObjectiveProblem byName(String name, int dim, int objectives) {
        String n = canonical(name);
        switch (n) {
            case "branin-currin":
                fixed(n, dim, 2, objectives, 2);
                return braninCurrin();
            case "vehicle-safety":
                fixed(n, dim, 5, objectives, 3);
                return vehicleSafety();
            case "dtlz2": {
                int m = objectives <= 0 ? 2 : objectives;
                if (m != 2 && m != 3) throw new IllegalArgumentException("dtlz2 takes 2 or 3 objectives, got " + m);
                int d = dim <= 0 ? 6 : dim;
                if (d <= m) throw new IllegalArgumentException("dtlz2 needs a dimension above its " + m
                        + " objectives, got " + d);
                return dtlz2(d, m, false);
            }
            case "c2dtlz2": {
                if (objectives > 0 && objectives != 2) {
                    throw new IllegalArgumentException("c2dtlz2 is defined here for 2 objectives (BoTorch's maximal "
                            + "hypervolume is for two), got " + objectives);
                }
                int d = dim <= 0 ? 6 : dim;
                if (d <= 2) throw new IllegalArgumentException("c2dtlz2 needs a dimension above 2, got " + d);
                return dtlz2(d, 2, true);
            }
            case "zdt1":
            case "zdt2":
            case "zdt3": {
                if (objectives > 0 && objectives != 2) {
                    throw new IllegalArgumentException(n + " has 2 objectives, got " + objectives);
                }
                int d = dim <= 0 ? 4 : dim;
                if (d < 2) throw new IllegalArgumentException(n + " needs a dimension of at least 2, got " + d);
                return zdt(n, d);
            }
            default:
                throw new IllegalArgumentException("unknown multi-objective problem '" + name + "'; known: "
                        + String.join(", ", NAMES));
        }
    }

    private static void fixed(String n, int dim, int d, int objectives, int m) {
        if (dim > 0 && dim != d) throw new IllegalArgumentException(n + " has dimension " + d + ", got --dim " + dim);
        if (objectives > 0 && objectives != m) {
            throw new IllegalArgumentException(n + " has " + m + " objectives, got " + objectives);
        }
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /** Branin on [−5, 10] × [0, 15] rescaled to the unit square, and Currin's exponential function. */
    static MultiObjectiveProblem braninCurrin() {
        TestFunction branin = Synthetic.branin();
        return new MultiObjectiveProblem("branin-currin", new double[2], filled(2, 1), 2, x -> {
            double b = branin.value(new double[] {15 * x[0] - 5, 15 * x[1]});
            double x0 = x[0], x1 = x[1];
            double factor = 1 - Math.exp(-1 / (2 * x1));
            double numer = 2300 * x0 * x0 * x0 + 1900 * x0 * x0 + 2092 * x0 + 60;
            double denom = 100 * x0 * x0 * x0 + 500 * x0 * x0 + 4 * x0 + 20;
            return new double[] {b, factor * numer / denom};
        }, new double[] {18.0, 6.0}, 59.36011874867746, null);
    }

    /** DTLZ2 (front: the positive part of the unit sphere), with C2-DTLZ2's constraint (radius 0.2) when asked. */
    static MultiObjectiveProblem dtlz2(int d, int m, boolean constrained) {
        int k = d - m + 1;
        java.util.function.UnaryOperator<double[]> f = x -> {
            double g = 0;
            for (int i = d - k; i < d; i++) g += (x[i] - 0.5) * (x[i] - 0.5);
            double[] out = new double[m];
            for (int i = 0; i < m; i++) {
                int idx = m - 1 - i;
                double v = 1 + g;
                for (int j = 0; j < idx; j++) v *= Math.cos(x[j] * Math.PI / 2);
                if (i > 0) v *= Math.sin(x[idx] * Math.PI / 2);
                out[i] = v;
            }
            return out;
        };
        double sphere = Math.pow(Math.PI, m / 2.0) / gamma(m / 2.0 + 1) / Math.pow(2, m);
        if (!constrained) {
            return new MultiObjectiveProblem("dtlz2-d" + d + "-m" + m, new double[d], filled(d, 1), m, f,
                    filled(m, 1.1), Math.pow(1.1, m) - sphere, null);
        }
        double r = 0.2;
        return new MultiObjectiveProblem("c2dtlz2-d" + d, new double[d], filled(d, 1), m, f, filled(m, 1.1),
                0.3996406303723544, x -> {
                    double[] y = f.apply(x);
                    double min1 = Double.POSITIVE_INFINITY;
                    for (int i = 0; i < m; i++) {
                        double t = (y[i] - 1) * (y[i] - 1);
                        for (int j = 0; j < m; j++) if (j != i) t += y[j] * y[j] - r * r;
                        min1 = Math.min(min1, t);
                    }
                    double min2 = 0;
                    for (int i = 0; i < m; i++) {
                        double c = y[i] - 1 / Math.sqrt(m);
                        min2 += c * c - r * r;
                    }
                    return -Math.min(min1, min2);
                });
    }

    /** Γ(z) for z a positive multiple of 1/2 (all DTLZ2 needs). */
    static double gamma(double z) {
        if (z == 1) return 1;
        if (z == 0.5) return Math.sqrt(Math.PI);
        return (z - 1) * gamma(z - 1);
    }

    static MultiObjectiveProblem zdt(String n, int d) {
        double maxHv = switch (n) {
            case "zdt1" -> 120 + 2.0 / 3;
            case "zdt2" -> 120 + 1.0 / 3;
            default -> 128.77811613069076060;
        };
        return new MultiObjectiveProblem(n + "-d" + d, new double[d], filled(d, 1), 2, x -> {
            double mean = 0;
            for (int i = 1; i < d; i++) mean += x[i];
            double g = 1 + 9 * mean / (d - 1);
            double f0 = x[0];
            double f1 = switch (n) {
                case "zdt1" -> g * (1 - Math.sqrt(f0 / g));
                case "zdt2" -> g * (1 - (f0 / g) * (f0 / g));
                default -> 1 - Math.sqrt(f0 / g) - f0 / g * Math.sin(10 * Math.PI * f0);
            };
            return new double[] {f0, f1};
        }, filled(2, 11.0), maxHv, null);
    }

    /** Vehicle crash-worthiness (Tanabe and Ishibuchi 2020): mass, acceleration, toe-board intrusion. */
    static MultiObjectiveProblem vehicleSafety() {
        return new MultiObjectiveProblem("vehicle-safety", filled(5, 1.0), filled(5, 3.0), 3, x -> {
            double x1 = x[0], x2 = x[1], x3 = x[2], x4 = x[3], x5 = x[4];
            double f1 = 1640.2823 + 2.3573285 * x1 + 2.3220035 * x2 + 4.5688768 * x3 + 7.7213633 * x4
                    + 4.4559504 * x5;
            double f2 = 6.5856 + 1.15 * x1 - 1.0427 * x2 + 0.9738 * x3 + 0.8364 * x4 - 0.3695 * x1 * x4
                    + 0.0861 * x1 * x5 + 0.3628 * x2 * x4 - 0.1106 * x1 * x1 - 0.3437 * x3 * x3 + 0.1764 * x4 * x4;
            double f3 = -0.0551 + 0.0181 * x1 + 0.1024 * x2 + 0.0421 * x3 - 0.0073 * x1 * x2 + 0.024 * x2 * x3
                    - 0.0118 * x2 * x4 - 0.0204 * x3 * x4 - 0.008 * x3 * x5 - 0.0241 * x2 * x2 + 0.0109 * x4 * x4;
            return new double[] {f1, f2, f3};
        }, new double[] {1864.72022, 11.81993945, 0.2903999384}, 246.81607081187002, null);
    }
}

package dev.sextant.experiments.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The test-function implementations (standard definitions and bounds, as in BoTorch). Package-private. */
final class Synthetic {
    private Synthetic() {
    }

    /** A function given by a formula, a box and its optimum. */
    static final class Formula implements TestFunction {
        private final String name;
        private final double[] lower;
        private final double[] upper;
        private final ToDoubleFunction<double[]> f;
        private final boolean maximize;
        private final double optimum;
        private final List<double[]> optimizers;
        private final List<ConstraintFunction> constraints;

        Formula(String name, double[] lower, double[] upper, ToDoubleFunction<double[]> f, boolean maximize,
                double optimum, List<double[]> optimizers, List<ConstraintFunction> constraints) {
            this.name = name;
            this.lower = lower;
            this.upper = upper;
            this.f = f;
            this.maximize = maximize;
            this.optimum = optimum;
            this.optimizers = optimizers;
            this.constraints = constraints;
        }

        @Override public String name() { return name; }
        @Override public int dimension() { return lower.length; }
        @Override public double[] lower() { return lower.clone(); }
        @Override public double[] upper() { return upper.clone(); }
        @Override public boolean maximize() { return maximize; }
        @Override public double optimalValue() { return optimum; }
        @Override public List<ConstraintFunction> constraints() { return constraints; }

        @Override
        public List<double[]> optimizers() {
            List<double[]> copy = new ArrayList<>();
            for (double[] o : optimizers) {
                copy.add(o.clone());
            }
            return copy;
        }

        @Override
        public double value(double[] x) {
            if (x.length != lower.length) {
                throw new IllegalArgumentException(name + " takes " + lower.length + " inputs, got " + x.length);
            }
            return f.applyAsDouble(x);
        }

        @Override
        public String toString() {
            return name + "(d=" + lower.length + ")";
        }
    }

    static double[] fill(int d, double v) {
        double[] a = new double[d];
        Arrays.fill(a, v);
        return a;
    }

    static TestFunction box(String name, int d, double lo, double hi, ToDoubleFunction<double[]> f, double optimum,
                            double optimizerCoordinate) {
        return new Formula(name, fill(d, lo), fill(d, hi), f, false, optimum, List.of(fill(d, optimizerCoordinate)), List.of());
    }

    /**
     * f embedded in D &gt; d inputs (SAAS-style benchmarks): the first d inputs are f's (its box), the other D − d
     * lie in [0, 1] and are ignored. Named "{f}-in-{D}d"; same optimum, optimisers padded with 0.5.
     */
    static TestFunction embedded(TestFunction f, int dim) {
        int d = f.dimension();
        if (dim <= d) {
            throw new IllegalArgumentException("embedding " + f.name() + " (" + d + " inputs) needs more than " + d
                    + " inputs, got " + dim);
        }
        double[] lo = Arrays.copyOf(f.lower(), dim);
        double[] hi = Arrays.copyOf(f.upper(), dim);
        Arrays.fill(hi, d, dim, 1.0);
        List<double[]> opt = new ArrayList<>();
        for (double[] o : f.optimizers()) {
            double[] p = Arrays.copyOf(o, dim);
            Arrays.fill(p, d, dim, 0.5);
            opt.add(p);
        }
        ToDoubleFunction<double[]> g = x -> f.value(Arrays.copyOf(x, d));
        return new Formula(f.name() + "-in-" + dim + "d", lo, hi, g, f.maximize(), f.optimalValue(), opt, List.of());
    }

    // ---- Branin ------------------------------------------------------------------------------------------------
    static TestFunction branin() {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        ToDoubleFunction<double[]> f = x -> {
            double u = x[1] - b * x[0] * x[0] + c * x[0] - 6;
            return u * u + 10 * (1 - t) * Math.cos(x[0]) + 10;
        };
        return new Formula("branin", new double[] {-5, 0}, new double[] {10, 15}, f, false, 0.39788735772973816,
                List.of(new double[] {-Math.PI, 12.275}, new double[] {Math.PI, 2.275}, new double[] {3 * Math.PI, 2.475}),
                List.of());
    }

    // ---- Six-hump camel --------------------------------------------------------------------------------------
    static TestFunction sixHumpCamel() {
        ToDoubleFunction<double[]> f = x -> {
            double a = x[0] * x[0];
            double b = x[1] * x[1];
            return (4 - 2.1 * a + a * a / 3) * a + x[0] * x[1] + (4 * b - 4) * b;
        };
        return new Formula("six-hump-camel", new double[] {-3, -2}, new double[] {3, 2}, f, false, -1.0316284534898774,
                List.of(new double[] {0.08984201368301331, -0.7126564032704135},
                        new double[] {-0.08984201368301331, 0.7126564032704135}), List.of());
    }

    // ---- Hartmann (3 and 6) ----------------------------------------------------------------------------------
    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A3 = {{3, 10, 30}, {0.1, 10, 35}, {3, 10, 30}, {0.1, 10, 35}};
    private static final double[][] P3 = {{3689, 1170, 2673}, {4699, 4387, 7470}, {1091, 8732, 5547}, {381, 5743, 8828}};
    private static final double[][] A6 = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8},
            {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] P6 = {{1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
            {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};

    static double hartmann(double[] x, double[][] a, double[][] p) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < x.length; j++) {
                double dd = x[j] - p[i][j] * 1e-4;
                inner += a[i][j] * dd * dd;
            }
            sum += ALPHA[i] * Math.exp(-inner);
        }
        return -sum;
    }

    static TestFunction hartmann(int d) {
        if (d == 3) {
            return new Formula("hartmann3", fill(3, 0), fill(3, 1), x -> hartmann(x, A3, P3), false, -3.86278214782076,
                    List.of(new double[] {0.114614, 0.555649, 0.852547}), List.of());
        }
        if (d == 6) {
            return new Formula("hartmann6", fill(6, 0), fill(6, 1), x -> hartmann(x, A6, P6), false, -3.32236801141551,
                    List.of(new double[] {0.20168952, 0.15001069, 0.47687398, 0.27533243, 0.31165162, 0.65730054}), List.of());
        }
        throw new IllegalArgumentException("hartmann is defined for d = 3 or 6, not " + d + " (use --dim 3 or --dim 6)");
    }

    /** Hartmann6 with the outcome constraint sum(x) - 3 <= 0 (metric {@code "sum_x_minus_3"}); the optimum is feasible. */
    static TestFunction hartmann6Constrained() {
        TestFunction h = hartmann(6);
        ConstraintFunction c = new ConstraintFunction("sum_x_minus_3", true, 0.0, x -> {
            double s = -3;
            for (double v : x) {
                s += v;
            }
            return s;
        });
        return new Formula("hartmann6-constrained", fill(6, 0), fill(6, 1), h::value, false, h.optimalValue(),
                h.optimizers(), List.of(c));
    }

    // ---- any-dimension functions ---------------------------------------------------------------------------
    static TestFunction ackley(int d) {
        double a = 20;
        double b = 0.2;
        double c = 2 * Math.PI;
        return box("ackley" + d, d, -32.768, 32.768, x -> {
            double s2 = 0;
            double sc = 0;
            for (double v : x) {
                s2 += v * v;
                sc += Math.cos(c * v);
            }
            return -a * Math.exp(-b * Math.sqrt(s2 / d)) - Math.exp(sc / d) + a + Math.E;
        }, 0.0, 0.0);
    }

    static TestFunction levy(int d) {
        return box("levy" + d, d, -10, 10, x -> {
            double[] w = new double[d];
            for (int i = 0; i < d; i++) {
                w[i] = 1 + (x[i] - 1) / 4;
            }
            double s = Math.pow(Math.sin(Math.PI * w[0]), 2);
            for (int i = 0; i < d - 1; i++) {
                s += (w[i] - 1) * (w[i] - 1) * (1 + 10 * Math.pow(Math.sin(Math.PI * w[i] + 1), 2));
            }
            double wd = w[d - 1];
            return s + (wd - 1) * (wd - 1) * (1 + Math.pow(Math.sin(2 * Math.PI * wd), 2));
        }, 0.0, 1.0);
    }

    static TestFunction rosenbrock(int d) {
        if (d < 2) {
            throw new IllegalArgumentException("rosenbrock needs d >= 2, got " + d);
        }
        return box("rosenbrock" + d, d, -5, 10, x -> {
            double s = 0;
            for (int i = 0; i < d - 1; i++) {
                double u = x[i + 1] - x[i] * x[i];
                s += 100 * u * u + (x[i] - 1) * (x[i] - 1);
            }
            return s;
        }, 0.0, 1.0);
    }

    static final double STYBLINSKI_X = -2.903534027771178;
    static final double STYBLINSKI_F = -39.16616570377142;

    static TestFunction styblinskiTang(int d) {
        return box("styblinski-tang" + d, d, -5, 5, x -> {
            double s = 0;
            for (double v : x) {
                s += v * v * v * v - 16 * v * v + 5 * v;
            }
            return 0.5 * s;
        }, STYBLINSKI_F * d, STYBLINSKI_X);
    }

    static TestFunction griewank(int d) {
        return box("griewank" + d, d, -600, 600, x -> {
            double s = 0;
            double p = 1;
            for (int i = 0; i < d; i++) {
                s += x[i] * x[i] / 4000;
                p *= Math.cos(x[i] / Math.sqrt(i + 1));
            }
            return s - p + 1;
        }, 0.0, 0.0);
    }

    /** Michalewicz (m = 10) on [0, π]^d. Separable, so its optimum is the sum of one-dimensional minima (computed). */
    static TestFunction michalewicz(int d) {
        ToDoubleFunction<double[]> f = x -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += michalewiczTerm(x[i], i + 1);
            }
            return s;
        };
        double[] opt = new double[d];
        double total = 0;
        for (int i = 0; i < d; i++) {
            opt[i] = minimise1d(i + 1);
            total += michalewiczTerm(opt[i], i + 1);
        }
        return new Formula("michalewicz" + d, fill(d, 0), fill(d, Math.PI), f, false, total, List.of(opt), List.of());
    }

    static double michalewiczTerm(double x, int i) {
        return -Math.sin(x) * Math.pow(Math.sin(i * x * x / Math.PI), 20);
    }

    /** Global minimiser of michalewiczTerm(., i) on [0, π]: dense grid, then golden-section refinement. */
    private static double minimise1d(int i) {
        int n = 200_000;
        double best = Double.POSITIVE_INFINITY;
        int arg = 0;
        for (int k = 0; k <= n; k++) {
            double v = michalewiczTerm(Math.PI * k / n, i);
            if (v < best) {
                best = v;
                arg = k;
            }
        }
        double a = Math.PI * Math.max(0, arg - 1) / n;
        double b = Math.PI * Math.min(n, arg + 1) / n;
        double g = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 100; it++) {
            double c = b - g * (b - a);
            double e = a + g * (b - a);
            if (michalewiczTerm(c, i) < michalewiczTerm(e, i)) {
                b = e;
            } else {
                a = c;
            }
        }
        return (a + b) / 2;
    }

    // ---- Cosine8 (a maximisation problem) --------------------------------------------------------------------
    static TestFunction cosine8() {
        ToDoubleFunction<double[]> f = x -> {
            double s = 0;
            for (double v : x) {
                s += 0.1 * Math.cos(5 * Math.PI * v) - v * v;
            }
            return s;
        };
        return new Formula("cosine8", fill(8, -1), fill(8, 1), f, true, 0.8, List.of(fill(8, 0)), List.of());
    }
}

package dev.sextant.surrogate.optim;

import java.util.Arrays;

/**
 * Bounded limited-memory BFGS by projection: variables at a bound whose gradient pushes outwards are held fixed,
 * the two-loop L-BFGS direction is computed on the free variables, and a backtracking (Armijo) line search runs
 * along the projected path P(x + t·d). Curvature pairs with sᵀy ≤ 1e-10·yᵀy are skipped, so the inverse-Hessian
 * model stays positive definite. Non-finite function values make the line search back off. Before any curvature
 * pair is stored the trial step has ∞-norm {@value #FIRST_STEP} (scale-aware afterwards). For a
 * {@link LazyGradientObjective} rejected line-search trials cost only the value.
 *
 * <p>A compact alternative to the Byrd–Lu–Nocedal–Zhu L-BFGS-B (no generalized Cauchy point); it converges to
 * points that satisfy the projected-gradient (KKT) condition within {@link Options#gradientTolerance()}.
 */
public final class Lbfgsb {

    /** Why the optimiser stopped. */
    public enum Status {
        /** ‖projected gradient‖∞ ≤ gradientTolerance. */
        GRADIENT_CONVERGED,
        /** Relative decrease of f below valueTolerance. */
        VALUE_CONVERGED,
        MAX_ITERATIONS,
        MAX_EVALUATIONS,
        /** No decrease along the search direction (usually at a minimum to machine precision). */
        LINE_SEARCH_FAILED,
        /** f(x0) was not finite. */
        NON_FINITE_START
    }

    /**
     * @param memory            number of curvature pairs (≥ 1), e.g. 10
     * @param maxIterations     iteration cap (≥ 1)
     * @param maxEvaluations    function-evaluation cap (≥ 1)
     * @param gradientTolerance stop when ‖projected gradient‖∞ ≤ this
     * @param valueTolerance    stop when (f_k − f_{k+1}) ≤ this·max(|f_k|, |f_{k+1}|, 1)
     * @param maxStep           largest ∞-norm of a first trial step (> 0)
     * @param firstStep         ∞-norm of the trial step while no curvature pair is stored (> 0; default
     *                          {@value #FIRST_STEP}, a short steepest-descent step; +∞ takes the full gradient step,
     *                          bounded by maxStep)
     */
    public record Options(int memory, int maxIterations, int maxEvaluations, double gradientTolerance,
                          double valueTolerance, double maxStep, double firstStep) {
        /** The options with the default first step {@value #FIRST_STEP}. */
        public Options(int memory, int maxIterations, int maxEvaluations, double gradientTolerance,
                       double valueTolerance, double maxStep) {
            this(memory, maxIterations, maxEvaluations, gradientTolerance, valueTolerance, maxStep, FIRST_STEP);
        }

        public Options {
            if (!(firstStep > 0)) {
                throw new IllegalArgumentException("firstStep must be > 0, got " + firstStep);
            }
            if (memory < 1 || maxIterations < 1 || maxEvaluations < 1) {
                throw new IllegalArgumentException("memory, maxIterations and maxEvaluations must be ≥ 1");
            }
            if (!(gradientTolerance >= 0) || !(valueTolerance >= 0) || !(maxStep > 0)) {
                throw new IllegalArgumentException("tolerances must be ≥ 0 and maxStep > 0");
            }
        }

        public static Options defaults() {
            return new Options(10, 200, 400, 1e-5, 1e-10, 10.0);
        }

        public Options withMaxIterations(int it) {
            return new Options(memory, it, Math.max(maxEvaluations, it), gradientTolerance, valueTolerance, maxStep,
                    firstStep);
        }

        public Options withMaxEvaluations(int ev) {
            return new Options(memory, maxIterations, ev, gradientTolerance, valueTolerance, maxStep, firstStep);
        }

        public Options withTolerances(double gtol, double ftol) {
            return new Options(memory, maxIterations, maxEvaluations, gtol, ftol, maxStep, firstStep);
        }
    }

    /**
     * x the best point found (within bounds), value f(x), gradient ∇f(x); memory: the curvature pairs held at the
     * end (to seed a related minimisation, see {@link #minimize(BoundedObjective, double[], double[], double[],
     * Options, Memory)}).
     */
    public record Result(double[] x, double value, double[] gradient, int iterations, int evaluations, Status status,
                         Memory memory) {
    }

    /**
     * Curvature pairs (s_k = x_{k+1} − x_k, y_k = ∇f_{k+1} − ∇f_k), oldest first, e.g. from a minimisation of a
     * cheaper approximation of f (then scaled so that y matches f's curvature).
     */
    public record Memory(double[][] s, double[][] y) {
        public Memory {
            if (s.length != y.length) {
                throw new IllegalArgumentException("s and y must hold the same number of pairs");
            }
        }

        /** The same pairs with every y multiplied by factor (a curvature scaled by factor). */
        public Memory scaled(double factor) {
            double[][] ys = new double[y.length][];
            for (int k = 0; k < y.length; k++) {
                ys[k] = y[k].clone();
                for (int i = 0; i < ys[k].length; i++) {
                    ys[k][i] *= factor;
                }
            }
            return new Memory(s, ys);
        }
    }

    /** ∞-norm of the trial step while no curvature pair is stored (first iteration, after a reset). */
    public static final double FIRST_STEP = 0.1;

    private Lbfgsb() {
    }

    /**
     * Minimises f over the box [lower, upper] from x0 (projected onto the box first). lower/upper may contain
     * ±∞; null means unbounded. No argument is modified.
     */
    public static Result minimize(BoundedObjective f, double[] x0, double[] lower, double[] upper, Options opt) {
        return minimize(f, x0, lower, upper, opt, null);
    }

    /**
     * As {@link #minimize(BoundedObjective, double[], double[], double[], Options)}, with the L-BFGS memory
     * initialised from {@code initial} (null = empty): pairs of the wrong length or without positive curvature are
     * ignored, the newest {@link Options#memory()} are kept. With a non-empty memory the first step is a
     * quasi-Newton step instead of the short steepest-descent one.
     */
    public static Result minimize(BoundedObjective f, double[] x0, double[] lower, double[] upper, Options opt,
                                  Memory initial) {
        int n = x0.length;
        double[] lo = lower == null ? filled(n, Double.NEGATIVE_INFINITY) : lower;
        double[] hi = upper == null ? filled(n, Double.POSITIVE_INFINITY) : upper;
        if (lo.length != n || hi.length != n) {
            throw new IllegalArgumentException("bounds must have length " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!(lo[i] <= hi[i])) {
                throw new IllegalArgumentException("lower bound " + lo[i] + " is above upper bound " + hi[i] + " for variable " + i);
            }
        }
        double[] x = x0.clone();
        project(x, lo, hi);
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        int evals = 1;
        if (!Double.isFinite(fx) || !allFinite(g)) {
            return new Result(x, fx, g, 0, evals, Status.NON_FINITE_START, new Memory(new double[0][], new double[0][]));
        }
        int m = opt.memory();
        double[][] s = new double[m][n];
        double[][] y = new double[m][n];
        double[] rho = new double[m];
        double[] alpha = new double[m];
        int stored = 0;
        int head = 0;   // index of the oldest pair
        if (initial != null) {
            for (int k = 0; k < initial.s().length; k++) {
                double[] si = initial.s()[k];
                double[] yi = initial.y()[k];
                if (si.length != n || yi.length != n) {
                    continue;
                }
                double sy = dot(si, yi);
                if (!(sy > 1e-10 * dot(yi, yi) && sy > 0) || !Double.isFinite(sy)) {
                    continue;
                }
                int slot = stored < m ? (head + stored) % m : head;
                System.arraycopy(si, 0, s[slot], 0, n);
                System.arraycopy(yi, 0, y[slot], 0, n);
                rho[slot] = 1.0 / sy;
                if (stored < m) {
                    stored++;
                } else {
                    head = (head + 1) % m;
                }
            }
        }
        double[] d = new double[n];
        double[] xt = new double[n];
        double[] gt = new double[n];
        boolean[] free = new boolean[n];
        LazyGradientObjective lazy = f instanceof LazyGradientObjective l ? l : null;
        int iter = 0;
        Status status = Status.MAX_ITERATIONS;
        while (true) {
            if (projectedGradientNorm(x, g, lo, hi) <= opt.gradientTolerance()) {
                status = Status.GRADIENT_CONVERGED;
                break;
            }
            if (iter >= opt.maxIterations()) {
                status = Status.MAX_ITERATIONS;
                break;
            }
            if (evals >= opt.maxEvaluations()) {
                status = Status.MAX_EVALUATIONS;
                break;
            }
            iter++;
            for (int i = 0; i < n; i++) {
                free[i] = !((x[i] <= lo[i] && g[i] > 0) || (x[i] >= hi[i] && g[i] < 0));
            }
            // two-loop recursion on the free variables
            for (int i = 0; i < n; i++) {
                d[i] = free[i] ? -g[i] : 0;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int idx = (head + k) % m;
                double a = rho[idx] * dotFree(s[idx], d, free);
                alpha[idx] = a;
                axpyFree(-a, y[idx], d, free);
            }
            if (stored > 0) {
                int last = (head + stored - 1) % m;
                double yy = dotFree(y[last], y[last], free);
                double sy = dotFree(s[last], y[last], free);
                if (yy > 0 && sy > 0) {
                    scale(d, sy / yy);
                }
            }
            for (int k = 0; k < stored; k++) {
                int idx = (head + k) % m;
                double b = rho[idx] * dotFree(y[idx], d, free);
                axpyFree(alpha[idx] - b, s[idx], d, free);
            }
            double slope = dot(d, g);
            if (!(slope < 0)) {   // not a descent direction: fall back to steepest descent, forget the model
                for (int i = 0; i < n; i++) {
                    d[i] = free[i] ? -g[i] : 0;
                }
                stored = 0;
                head = 0;
                slope = dot(d, g);
                if (!(slope < 0)) {
                    status = Status.GRADIENT_CONVERGED;
                    break;
                }
            }
            double dmax = 0;
            for (int i = 0; i < n; i++) {
                dmax = Math.max(dmax, Math.abs(d[i]));
            }
            double t = Math.min(1.0, opt.maxStep() / dmax);
            if (stored == 0) {   // no curvature information yet: a short steepest-descent step
                t = Math.min(t, opt.firstStep() / dmax);
            }
            double ft = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 40 && evals < opt.maxEvaluations(); ls++) {
                for (int i = 0; i < n; i++) {
                    xt[i] = x[i] + t * d[i];
                }
                project(xt, lo, hi);
                double decrease = 0;
                for (int i = 0; i < n; i++) {
                    decrease += g[i] * (xt[i] - x[i]);
                }
                if (lazy != null) {   // the gradient only where the Armijo condition holds
                    ft = lazy.value(xt);
                    if (Double.isFinite(ft) && ft <= fx + 1e-4 * decrease) {
                        lazy.gradientAtLastValue(gt);
                    }
                } else {
                    ft = f.valueAndGradient(xt, gt);
                }
                evals++;
                if (Double.isFinite(ft) && ft <= fx + 1e-4 * decrease && allFinite(gt)) {
                    accepted = true;
                    break;
                }
                if (Double.isFinite(ft) && ft > fx + 1e-4 * decrease && decrease < 0) {
                    // safeguarded quadratic interpolation along the (unprojected) ray
                    double tq = -decrease * t / (2 * (ft - fx - decrease));
                    t = Math.max(0.1 * t, Math.min(0.5 * t, tq));
                } else {
                    t *= 0.25;
                }
            }
            if (!accepted) {
                status = evals >= opt.maxEvaluations() ? Status.MAX_EVALUATIONS : Status.LINE_SEARCH_FAILED;
                break;
            }
            // curvature pair
            int slot = stored < m ? (head + stored) % m : head;
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                double si = xt[i] - x[i];
                double yi = gt[i] - g[i];
                s[slot][i] = si;
                y[slot][i] = yi;
                sy += si * yi;
                yy += yi * yi;
            }
            if (sy > 1e-10 * yy && sy > 0) {
                rho[slot] = 1.0 / sy;
                if (stored < m) {
                    stored++;
                } else {
                    head = (head + 1) % m;
                }
            }
            double fPrev = fx;
            System.arraycopy(xt, 0, x, 0, n);
            System.arraycopy(gt, 0, g, 0, n);
            fx = ft;
            if (fPrev - fx <= opt.valueTolerance() * Math.max(Math.max(Math.abs(fPrev), Math.abs(fx)), 1.0)) {
                status = projectedGradientNorm(x, g, lo, hi) <= opt.gradientTolerance()
                        ? Status.GRADIENT_CONVERGED : Status.VALUE_CONVERGED;
                break;
            }
        }
        double[][] ms = new double[stored][];
        double[][] my = new double[stored][];
        for (int k = 0; k < stored; k++) {
            ms[k] = s[(head + k) % m].clone();
            my[k] = y[(head + k) % m].clone();
        }
        return new Result(x, fx, g, iter, evals, status, new Memory(ms, my));
    }

    /** ‖P(x − g) − x‖∞. */
    public static double projectedGradientNorm(double[] x, double[] g, double[] lo, double[] hi) {
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            double p = Math.min(Math.max(x[i] - g[i], lo[i]), hi[i]) - x[i];
            norm = Math.max(norm, Math.abs(p));
        }
        return norm;
    }

    private static void project(double[] x, double[] lo, double[] hi) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(Math.max(x[i], lo[i]), hi[i]);
        }
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double dotFree(double[] a, double[] b, boolean[] free) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            if (free[i]) {
                s += a[i] * b[i];
            }
        }
        return s;
    }

    private static void axpyFree(double a, double[] x, double[] y, boolean[] free) {
        for (int i = 0; i < x.length; i++) {
            if (free[i]) {
                y[i] += a * x[i];
            }
        }
    }

    private static void scale(double[] x, double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }
}

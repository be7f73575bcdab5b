package dev.sextant.acquisition.optim;

import java.util.Arrays;

/**
 * Bound-constrained limited-memory BFGS (projected quasi-Newton, in the spirit of L-BFGS-B): the two-loop
 * recursion on the free variables (those not held at a bound by the gradient), a backtracking Armijo search
 * along the projected path, and curvature-checked memory updates. Minimises. Not thread-safe; one per thread.
 */
public final class Lbfgsb {
    /** f(x) with gradient written into g (length n); must not keep x or g. */
    @FunctionalInterface
    public interface Objective {
        double valueAndGradient(double[] x, double[] g);
    }

    /** Result: final point (in the box), value, iterations and evaluations used. */
    public record Result(double[] x, double value, int iterations, int evaluations) {}

    private final int memory;
    private final int maxIterations;
    private final double ftol, pgtol;

    /**
     * @param memory number of correction pairs (scipy's default 10)
     * @param maxIterations iteration cap (BoTorch uses 200)
     * @param ftol stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ ftol
     * @param pgtol stop when the projected gradient's max-norm ≤ pgtol
     */
    public Lbfgsb(int memory, int maxIterations, double ftol, double pgtol) {
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.ftol = ftol;
        this.pgtol = pgtol;
    }

    public static Lbfgsb defaults() {
        return new Lbfgsb(10, 200, 1e-10, 1e-6);
    }

    /** Minimises f over [lo, hi] from x0 (not modified). */
    public Result minimize(Objective f, double[] x0, double[] lo, double[] hi) {
        int n = x0.length;
        double[] x = x0.clone();
        project(x, lo, hi);
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        int evals = 1;
        double[][] sMem = new double[memory][n], yMem = new double[memory][n];
        double[] rho = new double[memory], alpha = new double[memory];
        int stored = 0, head = 0;
        double[] dir = new double[n], xNew = new double[n], gNew = new double[n], sTmp = new double[n], yTmp = new double[n];
        boolean[] free = new boolean[n];
        int it = 0;
        for (; it < maxIterations; it++) {
            double pg = 0;
            for (int i = 0; i < n; i++) {
                boolean atLo = x[i] <= lo[i] && g[i] > 0, atHi = x[i] >= hi[i] && g[i] < 0;
                free[i] = !(atLo || atHi);
                if (free[i]) pg = Math.max(pg, Math.abs(g[i]));
            }
            if (!(pg > pgtol)) break;
            // two-loop recursion on free variables
            for (int i = 0; i < n; i++) dir[i] = free[i] ? -g[i] : 0;
            for (int k = 0; k < stored; k++) {
                int idx = Math.floorMod(head - 1 - k, memory);
                double a = rho[idx] * dotFree(sMem[idx], dir, free);
                alpha[idx] = a;
                for (int i = 0; i < n; i++) if (free[i]) dir[i] -= a * yMem[idx][i];
            }
            if (stored > 0) {
                int last = Math.floorMod(head - 1, memory);
                double yy = dotFree(yMem[last], yMem[last], free), sy = dotFree(sMem[last], yMem[last], free);
                double gamma = yy > 0 && sy > 0 ? sy / yy : 1;
                for (int i = 0; i < n; i++) dir[i] *= gamma;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int idx = Math.floorMod(head - 1 - k, memory);
                double b = rho[idx] * dotFree(yMem[idx], dir, free);
                for (int i = 0; i < n; i++) if (free[i]) dir[i] += sMem[idx][i] * (alpha[idx] - b);
            }
            double slope = 0;
            for (int i = 0; i < n; i++) slope += dir[i] * g[i];
            if (!(slope < 0)) { // not a descent direction: restart with steepest descent
                stored = 0;
                for (int i = 0; i < n; i++) dir[i] = free[i] ? -g[i] : 0;
            }
            double t = 1;
            if (stored == 0) {
                double norm = 0;
                for (int i = 0; i < n; i++) norm = Math.max(norm, Math.abs(dir[i]));
                t = Math.min(1, 0.1 / Math.max(norm, 1e-300)); // first step: at most 0.1 in the unit cube
            }
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 30; ls++) {
                for (int i = 0; i < n; i++) xNew[i] = Math.min(hi[i], Math.max(lo[i], x[i] + t * dir[i]));
                double decrease = 0;
                for (int i = 0; i < n; i++) decrease += g[i] * (xNew[i] - x[i]);
                fNew = f.valueAndGradient(xNew, gNew);
                evals++;
                if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * decrease) {
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) break;
            double sy = 0, ss = 0, yy = 0;
            for (int i = 0; i < n; i++) {
                double si = xNew[i] - x[i], yi = gNew[i] - g[i];
                sTmp[i] = si;
                yTmp[i] = yi;
                sy += si * yi;
                ss += si * si;
                yy += yi * yi;
            }
            if (sy > 1e-10 * Math.sqrt(ss * yy) && sy > 0) {
                System.arraycopy(sTmp, 0, sMem[head], 0, n);
                System.arraycopy(yTmp, 0, yMem[head], 0, n);
                rho[head] = 1 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            double rel = (fx - fNew) / Math.max(Math.max(Math.abs(fx), Math.abs(fNew)), 1);
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (rel <= ftol) {
                it++;
                break;
            }
        }
        return new Result(x, fx, it, evals);
    }

    private static double dotFree(double[] a, double[] b, boolean[] free) {
        double s = 0;
        for (int i = 0; i < a.length; i++) if (free[i]) s += a[i] * b[i];
        return s;
    }

    static void project(double[] x, double[] lo, double[] hi) {
        for (int i = 0; i < x.length; i++) x[i] = Math.min(hi[i], Math.max(lo[i], x[i]));
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}

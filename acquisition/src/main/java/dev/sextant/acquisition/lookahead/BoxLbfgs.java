package dev.sextant.acquisition.lookahead;

import java.util.Arrays;

/**
 * A small projected L-BFGS for box-bounded maximisation (free variables get the quasi-Newton step, variables held at a
 * bound by the gradient are frozen; projected Armijo backtracking). Enough for the smooth tree objectives here.
 */
final class BoxLbfgs {
    interface Function {
        /** Value at x; grad overwritten with the gradient. x not modified. */
        double evaluate(double[] x, double[] grad);
    }

    private static final int MEMORY = 10;

    private BoxLbfgs() {
    }

    /** Maximises f from x (modified in place: ends at the best point found) within [lo, hi]. Returns the value. */
    static double maximize(Function f, double[] x, double[] lo, double[] hi, int maxIterations, double tolerance,
                           int[] evaluations) {
        int p = x.length;
        for (int i = 0; i < p; i++) {
            x[i] = Math.min(hi[i], Math.max(lo[i], x[i]));
        }
        double[] g = new double[p];
        double[] gNew = new double[p];
        double[] xNew = new double[p];
        double[] dir = new double[p];
        double[][] sHist = new double[MEMORY][p];
        double[][] yHist = new double[MEMORY][p];
        double[] rho = new double[MEMORY];
        double[] a = new double[MEMORY];
        int stored = 0;
        int head = 0;
        // minimise h = −f
        double fx = -f.evaluate(x, g);
        evaluations[0]++;
        negate(g);
        for (int iter = 0; iter < maxIterations; iter++) {
            boolean[] frozen = new boolean[p];
            double pgNorm = 0;
            for (int i = 0; i < p; i++) {
                frozen[i] = (x[i] <= lo[i] && g[i] > 0) || (x[i] >= hi[i] && g[i] < 0) || lo[i] == hi[i];
                if (!frozen[i]) {
                    pgNorm = Math.max(pgNorm, Math.abs(g[i]));
                }
            }
            if (pgNorm < tolerance) {
                break;
            }
            // two-loop recursion on the free variables
            for (int i = 0; i < p; i++) {
                dir[i] = frozen[i] ? 0 : -g[i];
            }
            for (int j = 0; j < stored; j++) {
                int idx = Math.floorMod(head - 1 - j, MEMORY);
                a[idx] = rho[idx] * dotFree(sHist[idx], dir, frozen);
                axpyFree(-a[idx], yHist[idx], dir, frozen);
            }
            if (stored > 0) {
                int last = Math.floorMod(head - 1, MEMORY);
                double yy = dotFree(yHist[last], yHist[last], frozen);
                double sy = dotFree(sHist[last], yHist[last], frozen);
                if (yy > 0 && sy > 0) {
                    scale(dir, sy / yy);
                }
            }
            for (int j = stored - 1; j >= 0; j--) {
                int idx = Math.floorMod(head - 1 - j, MEMORY);
                double b = rho[idx] * dotFree(yHist[idx], dir, frozen);
                axpyFree(a[idx] - b, sHist[idx], dir, frozen);
            }
            double slope = 0;
            for (int i = 0; i < p; i++) {
                slope += g[i] * dir[i];
            }
            if (!(slope < 0)) {
                stored = 0;
                double gn = 0;
                for (int i = 0; i < p; i++) {
                    dir[i] = frozen[i] ? 0 : -g[i];
                    gn += dir[i] * dir[i];
                }
                scale(dir, 1.0 / Math.max(1.0, Math.sqrt(gn)) * 0.1);
            }
            double step = 1.0;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 30; ls++) {
                double decrease = 0;
                for (int i = 0; i < p; i++) {
                    xNew[i] = Math.min(hi[i], Math.max(lo[i], x[i] + step * dir[i]));
                    decrease += g[i] * (xNew[i] - x[i]);
                }
                fNew = -f.evaluate(xNew, gNew);
                evaluations[0]++;
                if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * decrease) {
                    accepted = true;
                    break;
                }
                step *= 0.3;
            }
            if (!accepted) {
                break;
            }
            negate(gNew);
            double sy = 0;
            for (int i = 0; i < p; i++) {
                sHist[head][i] = xNew[i] - x[i];
                yHist[head][i] = gNew[i] - g[i];
                sy += sHist[head][i] * yHist[head][i];
            }
            if (sy > 1e-12) {
                rho[head] = 1.0 / sy;
                head = (head + 1) % MEMORY;
                stored = Math.min(stored + 1, MEMORY);
            }
            double change = fx - fNew;
            System.arraycopy(xNew, 0, x, 0, p);
            System.arraycopy(gNew, 0, g, 0, p);
            fx = fNew;
            if (change < 1e-10 * Math.max(1.0, Math.abs(fx))) {
                break;
            }
        }
        return -fx;
    }

    private static void negate(double[] g) {
        for (int i = 0; i < g.length; i++) {
            g[i] = -g[i];
        }
    }

    private static void scale(double[] v, double s) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
    }

    private static double dotFree(double[] a, double[] b, boolean[] frozen) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            if (!frozen[i]) {
                s += a[i] * b[i];
            }
        }
        return s;
    }

    private static void axpyFree(double alpha, double[] xv, double[] yv, boolean[] frozen) {
        for (int i = 0; i < xv.length; i++) {
            if (!frozen[i]) {
                yv[i] += alpha * xv[i];
            }
        }
    }

    static double[] filled(int p, double value) {
        double[] out = new double[p];
        Arrays.fill(out, value);
        return out;
    }
}

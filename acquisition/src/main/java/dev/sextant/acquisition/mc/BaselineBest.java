package dev.sextant.acquisition.mc;

/** Per-sample best feasible baseline objective value (the NEI incumbent). */
final class BaselineBest {
    private BaselineBest() {}

    static double[] compute(McAcquisition a) {
        double[] best = new double[a.s];
        double[] yb = a.baselineSamples[0];
        double infeasible = infeasibleValue(a);
        for (int r = 0; r < a.s; r++) {
            double b = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < a.nb; i++) {
                if (a.m > 1 && !a.baselineFeasible(r, i)) continue;
                b = Math.max(b, yb[r * a.nb + i]);
            }
            best[r] = b == Double.NEGATIVE_INFINITY ? infeasible : b;
        }
        return best;
    }

    /** Value used when no baseline point is feasible in a sample: min(0, min_i (mean_i − 6 std_i)). */
    static double infeasibleValue(McAcquisition a) {
        double[] mean = a.ctx.objective().baselineMean();
        double[] l = a.ctx.objective().baselineCholesky();
        double lb = 0;
        for (int i = 0; i < a.nb; i++) {
            double v = 0;
            for (int k = 0; k <= i; k++) v += l[i * a.nb + k] * l[i * a.nb + k];
            lb = Math.min(lb, mean[i] - 6 * Math.sqrt(v));
        }
        return a.nb == 0 ? -1e6 : lb;
    }
}

package dev.sextant.acquisition.mc;

import dev.sextant.acquisition.sampling.NormalBaseSamples;
import dev.sextant.surrogate.model.BatchPosterior;
import dev.sextant.surrogate.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps the baseline points that are the best (feasible) point in at least one joint posterior sample, as
 * BoTorch's prune_inferior_points. A marginal pre-filter (drop points whose mean + 4σ is below the best
 * mean − 4σ among hard-feasible-by-mean points) keeps the joint factorisation small for large n.
 */
public final class BaselinePruning {
    /** A constraint on a modelled metric for pruning purposes: feasible if slack ≤ 0. */
    public record Constraint(Model model, double bound, boolean upper) {}

    private BaselinePruning() {}

    /**
     * @param x n×d candidate baseline points (not modified)
     * @return indices (ascending) of the points kept; never empty when n &gt; 0
     */
    public static int[] prune(Model objective, List<Constraint> constraints, double[] x, int n, int samples,
                              long seed) {
        int d = objective.dimension();
        if (n <= 1) return n == 1 ? new int[] {0} : new int[0];
        double[] mean = new double[n], var = new double[n];
        objective.predict(x, n, mean, var);
        double bestLow = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) bestLow = Math.max(bestLow, mean[i] - 4 * Math.sqrt(var[i]));
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < n; i++) if (mean[i] + 4 * Math.sqrt(var[i]) >= bestLow || !constraints.isEmpty()) keep.add(i);
        int k = keep.size();
        double[] sub = new double[k * d];
        for (int a = 0; a < k; a++) System.arraycopy(x, keep.get(a) * d, sub, a * d, d);
        int m = 1 + constraints.size();
        double[][] ys = new double[m][samples * k];
        for (int c = 0; c < m; c++) {
            Model g = c == 0 ? objective : constraints.get(c - 1).model();
            BatchPosterior jp = g.batchPosterior(sub, k);
            double[] z = NormalBaseSamples.qmc(samples, k, seed + 31L * c);
            jp.baselineSamples(z, samples, k, ys[c]);
        }
        boolean[] chosen = new boolean[k];
        for (int r = 0; r < samples; r++) {
            int arg = -1;
            double best = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < k; a++) {
                boolean ok = true;
                for (int c = 1; c < m; c++) {
                    Constraint con = constraints.get(c - 1);
                    double v = ys[c][r * k + a];
                    if (con.upper() ? v > con.bound() : v < con.bound()) { ok = false; break; }
                }
                if (ok && ys[0][r * k + a] > best) {
                    best = ys[0][r * k + a];
                    arg = a;
                }
            }
            if (arg >= 0) chosen[arg] = true;
        }
        List<Integer> out = new ArrayList<>();
        for (int a = 0; a < k; a++) if (chosen[a]) out.add(keep.get(a));
        if (out.isEmpty()) { // no sample had a feasible point: keep the best by mean
            int arg = 0;
            for (int i = 1; i < n; i++) if (mean[i] > mean[arg]) arg = i;
            out.add(arg);
        }
        int[] res = out.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(res);
        return res;
    }
}

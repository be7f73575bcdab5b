package dev.sextant.acquisition.mc;

import dev.sextant.acquisition.sampling.NormalBaseSamples;
import dev.sextant.core.pareto.Pareto;
import dev.sextant.surrogate.model.BatchPosterior;
import dev.sextant.surrogate.model.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * The multi-objective counterpart of {@link BaselinePruning} (as BoTorch's prune_inferior_points_multi_objective):
 * keeps the baseline points that, in at least one joint posterior sample, are feasible, strictly better than the
 * reference point in every objective and on the Pareto front of the feasible points. Points that are never there add
 * nothing to any sample's front, so qLogNEHVI's value is unchanged without them and its boxes are fewer.
 */
public final class MultiObjectivePruning {
    private MultiObjectivePruning() {}

    /**
     * @param objectives one model per objective, larger is better, model units
     * @param x          n×d observed points (not modified)
     * @param reference  the reference point in model units (not modified); null: no reference point (qNParEGO)
     * @return indices (ascending) of the points kept; when no point is ever on a front above the reference point, the
     *     points that are on some sample's feasible front regardless of the reference point (never empty when n &gt; 0)
     */
    public static int[] prune(List<? extends Model> objectives, List<BaselinePruning.Constraint> constraints,
                              double[] x, int n, double[] reference, int samples, long seed) {
        if (n <= 1) return n == 1 ? new int[] {0} : new int[0];
        int mo = objectives.size();
        int mt = mo + constraints.size();
        double[][] ys = new double[mt][samples * n];
        for (int c = 0; c < mt; c++) {
            Model g = c < mo ? objectives.get(c) : constraints.get(c - mo).model();
            BatchPosterior jp = g.batchPosterior(x, n);
            double[] z = NormalBaseSamples.qmc(samples, n, seed + 31L * c);
            jp.baselineSamples(z, samples, n, ys[c]);
        }
        boolean[] aboveRef = new boolean[n], anyFront = new boolean[n];
        List<Integer> feasible = new ArrayList<>(n);
        for (int r = 0; r < samples; r++) {
            feasible.clear();
            for (int a = 0; a < n; a++) {
                boolean ok = true;
                for (int c = mo; c < mt && ok; c++) {
                    BaselinePruning.Constraint con = constraints.get(c - mo);
                    double v = ys[c][r * n + a];
                    ok = con.upper() ? v <= con.bound() : v >= con.bound();
                }
                if (ok) feasible.add(a);
            }
            double[][] pts = new double[feasible.size()][mo];
            for (int i = 0; i < pts.length; i++) {
                for (int k = 0; k < mo; k++) pts[i][k] = ys[k][r * n + feasible.get(i)];
            }
            boolean[] front = Pareto.nonDominated(pts, true);
            for (int i = 0; i < pts.length; i++) {
                if (!front[i]) continue;
                int a = feasible.get(i);
                anyFront[a] = true;
                boolean better = true;
                for (int k = 0; k < mo && reference != null; k++) if (!(pts[i][k] > reference[k])) better = false;
                if (better) aboveRef[a] = true;
            }
        }
        int[] kept = indices(aboveRef);
        if (kept.length == 0) kept = indices(anyFront);
        if (kept.length == 0) { // no sample had a feasible point: keep all
            kept = new int[n];
            for (int i = 0; i < n; i++) kept[i] = i;
        }
        return kept;
    }

    private static int[] indices(boolean[] flags) {
        int count = 0;
        for (boolean f : flags) if (f) count++;
        int[] out = new int[count];
        int t = 0;
        for (int i = 0; i < flags.length; i++) if (flags[i]) out[t++] = i;
        return out;
    }
}

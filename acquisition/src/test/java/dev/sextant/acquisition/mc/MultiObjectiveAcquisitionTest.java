package dev.sextant.acquisition.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.acquisition.TestModels;
import dev.sextant.acquisition.multi.BruteForceHypervolume;
import dev.sextant.acquisition.sampling.Sampler;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.model.BatchPosterior;
import dev.sextant.surrogate.model.GpModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * qLogNEHVI and qNParEGO: gradients against central differences; qLogNEHVI against the plain MC qNEHVI computed here
 * from the same joint samples with a brute-force hypervolume as its temperatures go to 0; with one objective, qLogNEHVI
 * against qLogNEI.
 */
class MultiObjectiveAcquisitionTest {
    static final int D = GradientCheckTest.D;

    static final int N = 12;

    /** m GPs on the same 12 points, objectives in conflict: y_k = Σ_j sin((3 + k) x_j + j + 2.1 k). */
    static List<GpModel> models(int m, Kernel kernel) {
        SplittableRandom rnd = new SplittableRandom(2);
        double[] x = new double[N * D];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextDouble();
        List<GpModel> out = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            double[] y = new double[N];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < D; j++) y[i] += Math.sin((3 + k) * x[i * D + j] + j + 2.1 * k);
            }
            out.add(TestModels.gp(kernel, x, N, D, y, 0.01 * (k + 1), 0.0));
        }
        return out;
    }

    static MultiObjectiveContext context(List<GpModel> objectives, GpModel constraint, double[] baseline, int nb, int q,
                                         int samples, long seed, double eta, double[] ref) {
        List<BatchPosterior> post = new ArrayList<>();
        for (GpModel g : objectives) post.add(g.batchPosterior(baseline, nb));
        List<ConstraintModel> cons = constraint == null ? List.of()
            : List.of(new ConstraintModel(constraint.batchPosterior(baseline, nb), 0.5, true));
        int m = objectives.size();
        double[] lo = new double[m], hi = new double[m];
        Arrays.fill(lo, -2);
        Arrays.fill(hi, 2);
        return new MultiObjectiveContext(post, cons, q, Sampler.qmc(samples, seed), eta, ref, lo, hi, seed + 1);
    }

    static double[] ref(int m, double v) {
        double[] r = new double[m];
        Arrays.fill(r, v);
        return r;
    }

    @Test
    void gradientsMatchCentralDifferences() {
        List<Kernel> kernels = List.of(Kernel.of(KernelType.RBF, new double[] {0.3, 0.5, 0.8}, 1.5),
            Kernel.of(KernelType.MATERN52, new double[] {0.3, 0.5, 0.8}, 1.5));
        for (Kernel kernel : kernels) {
            for (int m = 2; m <= 3; m++) {
                List<GpModel> objs = models(m, kernel);
                GpModel con = GradientCheckTest.model(9, kernel, 0.02);
                // the baseline holds the observed points and two pending ones
                double[] baseline = Arrays.copyOf(objs.get(0).trainX(), (N + 2) * D);
                System.arraycopy(GradientCheckTest.point(2, 99), 0, baseline, N * D, 2 * D);
                for (int q = 1; q <= 3; q++) {
                    for (boolean constrained : new boolean[] {false, true}) {
                        MultiObjectiveContext ctx = context(objs, constrained ? con : null, baseline, N + 2, q, 32, 7,
                            0.3, ref(m, -1.0));
                        String what = kernel + " m=" + m + " q=" + q + (constrained ? " constrained" : "");
                        for (long seed = 10; seed < 12; seed++) {
                            double[] x = GradientCheckTest.point(q, seed);
                            GradientCheckTest.check(McAcquisitions.qLogNEHVI(ctx), x, "qLogNEHVI " + what);
                            GradientCheckTest.check(McAcquisitions.qNParEGO(ctx), x, "qNParEGO " + what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void tendsToThePlainMonteCarloNehviAsTemperaturesVanish() {
        Kernel kernel = Kernel.of(KernelType.RBF, new double[] {0.3, 0.5, 0.8}, 1.5);
        for (int m = 2; m <= 3; m++) {
            List<GpModel> objs = models(m, kernel);
            GpModel con = GradientCheckTest.model(9, kernel, 0.02);
            double[] baseline = objs.get(0).trainX();
            int nb = N;
            for (int q = 1; q <= 3; q++) {
                for (boolean constrained : new boolean[] {false, true}) {
                    int s = 64;
                    double[] refPoint = ref(m, -1.0);
                    double eta = 1e-9;
                    MultiObjectiveContext ctx = context(objs, constrained ? con : null, baseline, nb, q, s, 3, eta,
                        refPoint);
                    AcquisitionFunction smooth = McAcquisitions.qLogNEHVI(ctx, 1e-10, 1e-7);
                    int checked = 0;
                    for (long seed = 30; seed < 50 && checked < 3; seed++) {
                        double[] x = GradientCheckTest.point(q, seed);
                        double want = plainNehvi(ctx, x, constrained);
                        if (want < 1e-3) continue; // no improvement in any sample: nothing to compare
                        double got = Math.exp(smooth.evaluate(x, null));
                        String what = "m=" + m + " q=" + q + (constrained ? " constrained" : "") + " seed " + seed;
                        assertEquals(want, got, 1e-4 * want, what);
                        checked++;
                    }
                    assertEquals(3, checked, "too few test points improve the front (m=" + m + " q=" + q + ")");
                }
            }
        }
    }

    /**
     * qNEHVI straight from the definition: for every joint sample, the exact hypervolume of the feasible baseline
     * samples with and without the feasible candidate samples (dominated boxes), averaged over the samples.
     */
    static double plainNehvi(MultiObjectiveContext ctx, double[] x, boolean constrained) {
        int m = ctx.numObjectives(), q = ctx.q(), nb = ctx.baselineSize(), s = ctx.numSamples();
        int mt = ctx.metrics();
        double[][] base = new double[mt][s * nb], cand = new double[mt][s * q];
        for (int k = 0; k < mt; k++) {
            BatchPosterior p = ctx.posterior(k);
            double[] z = ctx.sampler().baseSamples(k, nb + q);
            p.baselineSamples(z, s, nb + q, base[k]);
            p.evaluator(q).forward(x, z, s, nb + q, cand[k]);
        }
        double total = 0;
        for (int r = 0; r < s; r++) {
            List<double[]> front = new ArrayList<>();
            for (int a = 0; a < nb; a++) {
                if (constrained && ctx.constraints().get(0).slack(base[m][r * nb + a]) > 0) continue;
                double[] y = new double[m];
                for (int k = 0; k < m; k++) y[k] = base[k][r * nb + a];
                front.add(y);
            }
            double before = hypervolume(front, ctx.reference());
            for (int j = 0; j < q; j++) {
                if (constrained && ctx.constraints().get(0).slack(cand[m][r * q + j]) > 0) continue;
                double[] y = new double[m];
                for (int k = 0; k < m; k++) y[k] = cand[k][r * q + j];
                front.add(y);
            }
            total += hypervolume(front, ctx.reference()) - before;
        }
        return total / s;
    }

    static double hypervolume(List<double[]> pts, double[] ref) {
        int m = ref.length;
        double[] flat = new double[pts.size() * m];
        for (int i = 0; i < pts.size(); i++) System.arraycopy(pts.get(i), 0, flat, i * m, m);
        return BruteForceHypervolume.of(flat, pts.size(), ref);
    }

    @Test
    void withOneObjectiveRanksCandidatesAsQLogNei() {
        Kernel kernel = Kernel.of(KernelType.MATERN52, new double[] {0.3, 0.5, 0.8}, 1.5);
        GpModel obj = GradientCheckTest.model(2, kernel, 0.01);
        double[] baseline = obj.trainX();
        int nb = 8;
        BatchPosterior jp = obj.batchPosterior(baseline, nb);
        McContext single = new McContext(jp, List.of(), null, 0, 1, Sampler.qmc(128, 4), McContext.DEFAULT_ETA);
        MultiObjectiveContext multi = new MultiObjectiveContext(List.of(jp), List.of(), 1, Sampler.qmc(128, 4),
            McContext.DEFAULT_ETA, new double[] {-1e3}, null, null, 0);
        AcquisitionFunction nei = McAcquisitions.qLogNEI(single), nehvi = McAcquisitions.qLogNEHVI(multi);
        int count = 40;
        double[] a = new double[count], b = new double[count];
        for (int t = 0; t < count; t++) {
            double[] x = GradientCheckTest.point(1, 200 + t);
            a[t] = nei.evaluate(x, null);
            b[t] = nehvi.evaluate(x, null);
            assertEquals(a[t], b[t], 1e-6 * Math.max(1, Math.abs(a[t])), "candidate " + t);
        }
        Integer[] ra = order(a), rb = order(b);
        assertEquals(Arrays.asList(ra), Arrays.asList(rb));
    }

    private static Integer[] order(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) idx[i] = i;
        Arrays.sort(idx, (i, j) -> Double.compare(v[j], v[i]));
        return idx;
    }

    @Test
    void pendingPointsInTheBaselineLowerTheValueNearThem() {
        Kernel kernel = Kernel.of(KernelType.RBF, new double[] {0.3, 0.5, 0.8}, 1.5);
        List<GpModel> objs = models(2, kernel);
        double[] x = GradientCheckTest.point(1, 40);
        double[] observed = objs.get(0).trainX();
        double[] withPending = Arrays.copyOf(observed, (N + 1) * D);
        System.arraycopy(x, 0, withPending, N * D, D);
        double free = McAcquisitions.qLogNEHVI(context(objs, null, observed, N, 1, 128, 3, 1e-3, ref(2, -1)))
            .evaluate(x, null);
        assertTrue(free > -10, "the test point should be worth evaluating: " + free);
        double pending = McAcquisitions.qLogNEHVI(context(objs, null, withPending, N + 1, 1, 128, 3, 1e-3, ref(2, -1)))
            .evaluate(x, null);
        assertTrue(pending < free - 1, "a pending point at x should leave little improvement there: " + pending
            + " vs " + free);
    }
}

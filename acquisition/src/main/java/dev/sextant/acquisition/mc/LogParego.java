package dev.sextant.acquisition.mc;

import dev.sextant.acquisition.numerics.SafeMath;
import java.util.Random;

/**
 * qNParEGO's acquisition for one random scalarisation (Knowles 2006; Daulton et al. 2020): qLogNEI of the augmented
 * Chebyshev scalarisation g(y) = min_k w_k ŷ_k + α Σ_k w_k ŷ_k of the samples, ŷ_k = (y_k − lo_k)/(hi_k − lo_k) the
 * objective normalised by the observed range, w uniform on the simplex (drawn from the context's scalarisation seed),
 * α = 0.05. The incumbent of sample r is the best scalarised feasible baseline sample; each candidate's utility is log
 * fatplus(g − incumbent; τ_relu) plus its log feasibility, reduced by the fat-tailed smooth max over the batch and
 * log-mean-exp over samples, exactly as {@link McAcquisitions#qLogNEI}. The generator draws a new scalarisation for
 * every candidate it proposes.
 */
final class LogParego extends MultiObjectiveAcquisition {
    /** Weight of the augmenting sum (Knowles 2006). */
    static final double ALPHA = 0.05;

    private final double[] weights; // w_k / (hi_k − lo_k)
    private final double[] lo;
    private final double[] best;

    LogParego(MultiObjectiveContext ctx, double[] simplexWeights) {
        super(ctx);
        if (simplexWeights.length != mo) throw new IllegalArgumentException("need one weight per objective");
        lo = ctx.outcomeLower().clone();
        weights = new double[mo];
        for (int k = 0; k < mo; k++) {
            double range = ctx.outcomeUpper()[k] - lo[k];
            weights[k] = simplexWeights[k] / (range > 1e-12 ? range : 1);
        }
        best = new double[s];
        double worst = Double.POSITIVE_INFINITY;
        double[] yb = new double[mo];
        for (int r = 0; r < s; r++) {
            double b = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < nb; a++) {
                for (int k = 0; k < mo; k++) yb[k] = baselineSamples[k][r * nb + a];
                double g = scalarise(yb, 0, 1, null);
                worst = Math.min(worst, g);
                if (baselineFeasible(r, a)) b = Math.max(b, g);
            }
            best[r] = b;
        }
        // no feasible baseline point in a sample: the worst scalarised baseline value (or 0 without a baseline)
        for (int r = 0; r < s; r++) if (best[r] == Double.NEGATIVE_INFINITY) best[r] = nb == 0 ? 0 : worst;
    }

    /** Uniform weights on the probability simplex of m objectives from seed (sorted-uniform spacings). */
    static double[] simplexWeights(int m, long seed) {
        Random rnd = new Random(seed);
        double[] e = new double[m];
        double sum = 0;
        for (int k = 0; k < m; k++) {
            e[k] = -Math.log(1 - rnd.nextDouble());
            sum += e[k];
        }
        for (int k = 0; k < m; k++) e[k] /= sum;
        return e;
    }

    /** g of y (values at y[off + stride·k]); with grad non-null writes ∂g/∂y_k into grad[k]. */
    private double scalarise(double[] y, int off, int stride, double[] grad) {
        double min = Double.POSITIVE_INFINITY, sum = 0;
        int arg = 0;
        for (int k = 0; k < mo; k++) {
            double v = weights[k] * (y[off + stride * k] - lo[k]);
            sum += v;
            if (v < min) {
                min = v;
                arg = k;
            }
        }
        if (grad != null) {
            for (int k = 0; k < mo; k++) grad[k] = ALPHA * weights[k] + (k == arg ? weights[k] : 0);
        }
        return min + ALPHA * sum;
    }

    private final class Scratch {
        final double[] yk = new double[mo];
        final double[] dg = new double[mo * s * q];
        final double[] u = new double[s * q];
        final double[] du = new double[s * q];
        final double[] red = new double[s];
        final double[] dred = new double[s];
        final double[] gk = new double[mo];
    }

    @Override
    protected Object newScratch() {
        return new Scratch();
    }

    @Override
    protected double reduce(double[][] y, double[] logFeas, int s, double[][] gy, double[] gFeas) {
        Scratch w = (Scratch) scratch();
        boolean grad = gy != null;
        for (int i = 0; i < s * q; i++) {
            int r = i / q;
            for (int k = 0; k < mo; k++) w.yk[k] = y[k][i];
            double g = scalarise(w.yk, 0, 1, grad ? w.gk : null);
            double z = g - best[r];
            w.u[i] = SafeMath.logFatplus(z, McAcquisition.TAU_RELU) + logFeas[i];
            if (grad) {
                double dz = SafeMath.logFatplusDerivative(z, McAcquisition.TAU_RELU);
                for (int k = 0; k < mo; k++) w.dg[k * s * q + i] = dz * w.gk[k];
            }
        }
        for (int r = 0; r < s; r++) {
            w.red[r] = SafeMath.fatmax(w.u, r * q, q, McAcquisition.TAU_MAX, grad ? w.du : null, r * q);
        }
        double value = SafeMath.logSumExp(w.red, 0, s, grad ? w.dred : null, 0) - Math.log(s);
        if (!grad) return value;
        for (int i = 0; i < s * q; i++) {
            double g = w.dred[i / q] * w.du[i];
            gFeas[i] += g;
            for (int k = 0; k < mo; k++) gy[k][i] += g * w.dg[k * s * q + i];
        }
        return value;
    }
}

package dev.sextant.acquisition.mc;

import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.acquisition.numerics.SafeMath;
import dev.sextant.surrogate.model.BatchPosterior;
import java.util.Arrays;

/**
 * Sample-reducing Monte Carlo acquisition over a batch of q candidates (plus pending points). {@link #evaluate}
 * is the fixed template: joint samples Y (s×(q+p)) → per-sample utility u(Y) → constraint weighting (×sigmoid,
 * or + log fatmoid in log space) → reduction over the batch (hard max, or fat-tailed smooth max in log space)
 * → reduction over samples (mean, or log-mean-exp in log space). Subclasses supply the utility only.
 * Gradients are exact reverse-mode through the same steps and the posterior's block Cholesky.
 *
 * <p>Thread-safe: per-thread workspaces. Base samples come from the context's sampler, fixed at construction.
 */
public abstract class McAcquisition implements AcquisitionFunction {
    /** Temperature of the smooth max over the batch in log space (BoTorch's TAU_MAX). */
    public static final double TAU_MAX = 1e-2;
    /** Temperature of the smooth ReLU of the log-improvement (BoTorch's TAU_RELU). */
    public static final double TAU_RELU = 1e-6;

    protected final McContext ctx;
    protected final int q, p, qTot, d, nb, s, m;
    final double[][] z;            // per metric s×(nb+qTot)
    /** Baseline samples per metric, s×nb each (computed once). */
    protected final double[][] baselineSamples;
    private final ThreadLocal<Work> work;

    protected McAcquisition(McContext ctx) {
        this.ctx = ctx;
        this.q = ctx.q();
        this.p = ctx.numPending();
        this.qTot = q + p;
        this.d = ctx.dimension();
        this.nb = ctx.objective().baselineSize();
        this.s = ctx.numSamples();
        this.m = ctx.metrics();
        int width = nb + qTot;
        z = new double[m][];
        baselineSamples = new double[m][];
        for (int k = 0; k < m; k++) {
            z[k] = ctx.sampler().baseSamples(k, width);
            baselineSamples[k] = new double[s * nb];
            posterior(k).baselineSamples(z[k], s, width, baselineSamples[k]);
        }
        work = ThreadLocal.withInitial(Work::new);
    }

    /** Posterior of metric k (0 = objective). */
    protected final BatchPosterior posterior(int k) {
        return k == 0 ? ctx.objective() : ctx.constraints().get(k - 1).posterior();
    }

    @Override public final int q() { return q; }
    @Override public final int dimension() { return d; }

    /** True for the log-space family (qLogEI, qLogNEI). */
    protected abstract boolean logSpace();

    /** Utility of objective sample y at batch position j in MC sample r; mean is the posterior mean at j. */
    protected abstract double utility(int r, double y, double mean);

    /** ∂utility/∂y. */
    protected abstract double utilityDerivative(int r, double y, double mean);

    /** ∂utility/∂mean (holding y fixed); zero unless the utility uses the mean (qUCB). */
    protected double utilityMeanDerivative(int r, double y, double mean) {
        return 0;
    }

    /** Hard feasibility of baseline point a in sample r (all constraints satisfied by the samples). */
    protected final boolean baselineFeasible(int r, int a) {
        for (int k = 1; k < m; k++) {
            ConstraintModel c = ctx.constraints().get(k - 1);
            if (c.slack(baselineSamples[k][r * nb + a]) > 0) return false;
        }
        return true;
    }

    private final class Work {
        final BatchPosterior.Evaluator[] ev = new BatchPosterior.Evaluator[m];
        final double[][] y = new double[m][s * qTot];
        final double[][] gy = new double[m][s * qTot];
        final double[] u = new double[s * qTot];
        final double[] du = new double[s * qTot];
        final double[] red = new double[s];
        final double[] dred = new double[s];
        final double[] xc = new double[qTot * d];
        final double[] gradFull = new double[qTot * d];
        final double[] gMean = new double[qTot];
        final double[] feas = new double[s * qTot];

        Work() {
            for (int k = 0; k < m; k++) ev[k] = posterior(k).evaluator(qTot);
        }
    }

    /** MC samples used by {@link #screen} (raw-sample ranking only). */
    public static final int SCREEN_SAMPLES = 128;

    @Override
    public final double evaluate(double[] x, double[] grad) {
        return run(x, grad, s);
    }

    @Override
    public final double screen(double[] x) {
        return run(x, null, Math.min(s, SCREEN_SAMPLES));
    }

    @Override
    public final double screen(double[] x, int maxSamples) {
        if (maxSamples < 1) throw new IllegalArgumentException("maxSamples must be >= 1, got " + maxSamples);
        return run(x, null, Math.min(Math.min(s, SCREEN_SAMPLES), maxSamples));
    }

    private double run(double[] x, double[] grad, int s) {
        Work w = work.get();
        System.arraycopy(x, 0, w.xc, 0, q * d);
        if (p > 0) System.arraycopy(ctx.pending(), 0, w.xc, q * d, p * d);
        int width = nb + qTot;
        for (int k = 0; k < m; k++) w.ev[k].forward(w.xc, z[k], s, width, w.y[k]);
        // (with s below this.s only the first s base samples are used: a coarser but consistent estimate)
        double[] y = w.y[0], mean = w.ev[0].mean();
        boolean log = logSpace();
        double eta = ctx.eta();
        // 1. utility and constraint weighting
        for (int r = 0; r < s; r++) {
            for (int j = 0; j < qTot; j++) {
                int i = r * qTot + j;
                double u = utility(r, y[i], mean[j]);
                if (m > 1) {
                    double f = log ? 0 : 1;
                    for (int k = 1; k < m; k++) {
                        ConstraintModel c = ctx.constraints().get(k - 1);
                        double arg = -c.slack(w.y[k][i]);
                        f = log ? f + Math.log(SafeMath.fatmoid(arg, eta)) : f * SafeMath.sigmoid(arg / eta);
                    }
                    w.feas[i] = f;
                    u = log ? u + f : u * f;
                }
                w.u[i] = u;
            }
        }
        // 2. reduce over the batch
        for (int r = 0; r < s; r++) {
            int o = r * qTot;
            if (log) {
                w.red[r] = SafeMath.fatmax(w.u, o, qTot, TAU_MAX, grad == null ? null : w.du, o);
            } else {
                int arg = 0;
                for (int j = 1; j < qTot; j++) if (w.u[o + j] > w.u[o + arg]) arg = j;
                w.red[r] = w.u[o + arg];
                if (grad != null) {
                    Arrays.fill(w.du, o, o + qTot, 0);
                    w.du[o + arg] = 1;
                }
            }
        }
        // 3. reduce over samples
        double value;
        if (log) {
            value = SafeMath.logSumExp(w.red, 0, s, grad == null ? null : w.dred, 0) - Math.log(s);
        } else {
            double sum = 0;
            for (int r = 0; r < s; r++) sum += w.red[r];
            value = sum / s;
            if (grad != null) Arrays.fill(w.dred, 1.0 / s);
        }
        if (grad == null) return value;
        // backward
        Arrays.fill(w.gMean, 0);
        for (int k = 0; k < m; k++) Arrays.fill(w.gy[k], 0);
        for (int r = 0; r < s; r++) {
            for (int j = 0; j < qTot; j++) {
                int i = r * qTot + j;
                double g = w.dred[r] * w.du[i]; // dV/du_i
                if (g == 0) continue;
                double uRaw = utility(r, y[i], mean[j]);
                double gu = g; // dV/d(raw utility)
                if (m > 1) {
                    double f = w.feas[i];
                    double gf; // dV/df
                    if (log) {
                        gf = g;
                    } else {
                        gu = g * f;
                        gf = g * uRaw;
                    }
                    for (int k = 1; k < m; k++) {
                        ConstraintModel c = ctx.constraints().get(k - 1);
                        double arg = -c.slack(w.y[k][i]);
                        double dArgDy = -c.slackSign();
                        double dfd;
                        if (log) {
                            dfd = SafeMath.fatmoidDerivative(arg, eta) / SafeMath.fatmoid(arg, eta);
                        } else {
                            double sg = SafeMath.sigmoid(arg / eta);
                            // d/dArg Π sig = f · (1 − sig_k)/eta
                            dfd = f * (1 - sg) / eta;
                        }
                        w.gy[k][i] += gf * dfd * dArgDy;
                    }
                }
                w.gy[0][i] += gu * utilityDerivative(r, y[i], mean[j]);
                w.gMean[j] += gu * utilityMeanDerivative(r, y[i], mean[j]);
            }
        }
        Arrays.fill(w.gradFull, 0);
        for (int k = 0; k < m; k++) w.ev[k].backward(w.gy[k], k == 0 ? w.gMean : null, w.gradFull);
        System.arraycopy(w.gradFull, 0, grad, 0, q * d);
        return value;
    }
}

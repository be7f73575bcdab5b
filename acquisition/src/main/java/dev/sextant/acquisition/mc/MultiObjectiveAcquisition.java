package dev.sextant.acquisition.mc;

import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.acquisition.numerics.SafeMath;
import dev.sextant.surrogate.model.BatchPosterior;
import java.util.Arrays;

/**
 * Template of the log-space multi-objective MC acquisitions: joint samples of every objective and constraint over
 * [baseline; q candidates] (baseline samples drawn once), the log smooth feasibility of each candidate (Σ log
 * fatmoid, as qLogNEI), a subclass's reduction of the objective samples to one value, and the exact reverse-mode
 * gradient through the same steps and the posteriors' block Cholesky.
 *
 * <p>Thread-safe: per-thread workspaces. Base samples come from the context's sampler, fixed at construction.
 */
abstract class MultiObjectiveAcquisition implements AcquisitionFunction {
    protected final MultiObjectiveContext ctx;
    /** q candidates, d dimensions, nb baseline points, s MC samples, mo objectives, mt objectives + constraints. */
    protected final int q, d, nb, s, mo, mt;
    private final double[][] z;
    /** Baseline samples per metric (objectives, then constraints), s×nb each (computed once). */
    protected final double[][] baselineSamples;
    private final ThreadLocal<Work> work;

    protected MultiObjectiveAcquisition(MultiObjectiveContext ctx) {
        this.ctx = ctx;
        this.q = ctx.q();
        this.d = ctx.dimension();
        this.nb = ctx.baselineSize();
        this.s = ctx.numSamples();
        this.mo = ctx.numObjectives();
        this.mt = ctx.metrics();
        int width = nb + q;
        z = new double[mt][];
        baselineSamples = new double[mt][];
        for (int k = 0; k < mt; k++) {
            z[k] = ctx.sampler().baseSamples(k, width);
            baselineSamples[k] = new double[s * nb];
            ctx.posterior(k).baselineSamples(z[k], s, width, baselineSamples[k]);
        }
        work = ThreadLocal.withInitial(Work::new);
    }

    @Override public final int q() { return q; }
    @Override public final int dimension() { return d; }

    /** Whether baseline point a satisfies every constraint in MC sample r (hard indicator). */
    protected final boolean baselineFeasible(int r, int a) {
        for (int c = 0; c < ctx.constraints().size(); c++) {
            if (ctx.constraints().get(c).slack(baselineSamples[mo + c][r * nb + a]) > 0) return false;
        }
        return true;
    }

    /**
     * The value from the candidates' objective samples y[k] (s×q per objective k, for the first s samples) and their
     * log feasibilities logFeas (s×q); with gradient arrays given (non-null), writes dV/dy into gy[k] (s×q, zeroed by
     * the caller) and dV/dlogFeas into gFeas (s×q, zeroed). Arguments y and logFeas are not modified.
     */
    protected abstract double reduce(double[][] y, double[] logFeas, int s, double[][] gy, double[] gFeas);

    /** Per-thread scratch of the subclass (null if none); one instance per thread, created on first use. */
    protected Object newScratch() {
        return null;
    }

    /** The calling thread's scratch from {@link #newScratch}. */
    protected final Object scratch() {
        return work.get().scratch;
    }

    private final class Work {
        final BatchPosterior.Evaluator[] ev = new BatchPosterior.Evaluator[mt];
        final double[][] y = new double[mt][s * q];
        final double[][] gy = new double[mt][s * q];
        final double[] logFeas = new double[s * q];
        final double[] gFeas = new double[s * q];
        final double[] gradFull = new double[q * d];
        final Object scratch = newScratch();

        Work() {
            for (int k = 0; k < mt; k++) ev[k] = ctx.posterior(k).evaluator(q);
        }
    }

    @Override
    public final double evaluate(double[] x, double[] grad) {
        return run(x, grad, s);
    }

    @Override
    public final double screen(double[] x) {
        return run(x, null, Math.min(s, McAcquisition.SCREEN_SAMPLES));
    }

    private double run(double[] x, double[] grad, int s) {
        Work w = work.get();
        int width = nb + q;
        for (int k = 0; k < mt; k++) w.ev[k].forward(x, z[k], s, width, w.y[k]);
        double eta = ctx.eta();
        int nc = ctx.constraints().size();
        Arrays.fill(w.logFeas, 0);
        for (int c = 0; c < nc; c++) {
            ConstraintModel cm = ctx.constraints().get(c);
            double[] yc = w.y[mo + c];
            for (int i = 0; i < s * q; i++) w.logFeas[i] += Math.log(SafeMath.fatmoid(-cm.slack(yc[i]), eta));
        }
        if (grad == null) return reduce(w.y, w.logFeas, s, null, null);
        for (int k = 0; k < mt; k++) Arrays.fill(w.gy[k], 0);
        Arrays.fill(w.gFeas, 0);
        double value = reduce(w.y, w.logFeas, s, w.gy, w.gFeas);
        for (int c = 0; c < nc; c++) {
            ConstraintModel cm = ctx.constraints().get(c);
            double[] yc = w.y[mo + c];
            double[] g = w.gy[mo + c];
            for (int i = 0; i < s * q; i++) {
                if (w.gFeas[i] == 0) continue;
                double arg = -cm.slack(yc[i]);
                g[i] = w.gFeas[i] * SafeMath.fatmoidDerivative(arg, eta) / SafeMath.fatmoid(arg, eta)
                    * -cm.slackSign();
            }
        }
        Arrays.fill(w.gradFull, 0);
        for (int k = 0; k < mt; k++) w.ev[k].backward(w.gy[k], null, w.gradFull);
        System.arraycopy(w.gradFull, 0, grad, 0, q * d);
        return value;
    }

    /** Smooth minimum −fatmax(−x) of x[off..off+n); grad (if non-null) gets ∂/∂x_j at gOff + j; buf is scratch. */
    static double fatmin(double[] x, int off, int n, double tau, double[] grad, int gOff, double[] buf) {
        for (int j = 0; j < n; j++) buf[j] = -x[off + j];
        return -SafeMath.fatmax(buf, 0, n, tau, grad, gOff);
    }
}

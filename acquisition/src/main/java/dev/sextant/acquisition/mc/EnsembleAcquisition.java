package dev.sextant.acquisition.mc;

import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.acquisition.numerics.SafeMath;
import java.util.Arrays;
import java.util.List;

/**
 * The acquisition of an ensemble of models (e.g. the S posterior draws of a fully Bayesian GP): the average over
 * members of each member's acquisition, every member built over its own model with its own cached baseline samples
 * and the same base samples. For log-valued acquisitions (qLogNEI, qLogEI, qLogNEHVI, qNParEGO) the average is
 * taken of the values, not of their logarithms: a(x) = log (1/S) Σ_s exp a_s(x), with gradient Σ_s w_s ∇a_s(x),
 * w = softmax(a); otherwise a(x) = (1/S) Σ_s a_s(x). This is the acquisition value under the mixture of the
 * members' posteriors, as BoTorch averages its MC acquisitions over the hyperparameter samples of a fully Bayesian
 * model. Why a combination of acquisitions rather than one model with a batch dimension: every member keeps its own
 * baseline incumbent and pruning-free cached factor, the MC acquisitions stay as they are, and any acquisition
 * (constrained or multi-objective) is averaged the same way. Raw samples are screened with one model's screening
 * budget split over the members (see {@link #screen(double[])}). Thread-safe: per-thread workspaces.
 */
public final class EnsembleAcquisition implements AcquisitionFunction {
    private final AcquisitionFunction[] members;
    private final boolean logValued;
    private final int q, d;
    private final ThreadLocal<double[][]> work;

    private EnsembleAcquisition(List<? extends AcquisitionFunction> members, boolean logValued) {
        this.members = members.toArray(new AcquisitionFunction[0]);
        this.logValued = logValued;
        this.q = this.members[0].q();
        this.d = this.members[0].dimension();
        for (AcquisitionFunction m : this.members) {
            if (m.q() != q || m.dimension() != d) {
                throw new IllegalArgumentException("ensemble members must share q and d");
            }
        }
        int s = this.members.length;
        // rows 0..s-1: member gradients; row s: member values
        work = ThreadLocal.withInitial(() -> {
            double[][] w = new double[s + 2][];
            for (int i = 0; i < s; i++) w[i] = new double[q * d];
            w[s] = new double[s];
            w[s + 1] = new double[s];
            return w;
        });
    }

    /**
     * The average of the members' acquisitions (at least one; all of the same q and d), in value space when
     * logValued (each member returns a log acquisition value). A single member is returned as it is.
     */
    public static AcquisitionFunction of(List<? extends AcquisitionFunction> members, boolean logValued) {
        if (members == null || members.isEmpty()) throw new IllegalArgumentException("an ensemble needs members");
        if (members.size() == 1) return members.get(0);
        return new EnsembleAcquisition(members, logValued);
    }

    /** Number of members S. */
    public int size() {
        return members.length;
    }

    @Override public int q() { return q; }
    @Override public int dimension() { return d; }

    @Override
    public double evaluate(double[] x, double[] grad) {
        int s = members.length;
        double[][] w = work.get();
        double[] v = w[s];
        for (int i = 0; i < s; i++) v[i] = members[i].evaluate(x, grad == null ? null : w[i]);
        double value = combine(v, grad == null ? null : w[s + 1]);
        if (grad != null) {
            Arrays.fill(grad, 0, q * d, 0);
            for (int i = 0; i < s; i++) {
                double wi = w[s + 1][i];
                if (wi == 0) continue;
                double[] g = w[i];
                for (int k = 0; k < q * d; k++) grad[k] += wi * g[k];
            }
        }
        return value;
    }

    /**
     * The combined screening value: each member screens with {@link #screenSamplesPerMember} samples, so the ensemble
     * ranks raw samples with about the {@link McAcquisition#SCREEN_SAMPLES} samples of a single model in all, not S
     * times as many (the ranking only picks the starts of the full evaluation's local searches).
     */
    @Override
    public double screen(double[] x) {
        return screen(x, McAcquisition.SCREEN_SAMPLES);
    }

    /** As {@link #screen(double[])} with a total budget of maxSamples split over the members. */
    @Override
    public double screen(double[] x, int maxSamples) {
        int s = members.length;
        int each = screenSamplesPerMember(maxSamples, s);
        double[] v = work.get()[s];
        for (int i = 0; i < s; i++) v[i] = members[i].screen(x, each);
        return combine(v, null);
    }

    /** Fewest screening samples per member. */
    static final int MIN_SCREEN_SAMPLES = 8;

    /** Screening samples of each of s members for a total of total: ⌈total / s⌉, at least {@value #MIN_SCREEN_SAMPLES}. */
    static int screenSamplesPerMember(int total, int s) {
        return Math.max(MIN_SCREEN_SAMPLES, (total + s - 1) / s);
    }

    /** The combined value of member values v; dv (if not null) receives ∂value/∂v_i. */
    private double combine(double[] v, double[] dv) {
        int s = v.length;
        if (logValued) {
            return SafeMath.logSumExp(v, 0, s, dv, 0) - Math.log(s);
        }
        double sum = 0;
        for (double a : v) sum += a;
        if (dv != null) Arrays.fill(dv, 1.0 / s);
        return sum / s;
    }
}

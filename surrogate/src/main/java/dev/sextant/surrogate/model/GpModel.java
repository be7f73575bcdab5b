package dev.sextant.surrogate.model;

import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.linalg.LinearAlgebra;
import dev.sextant.surrogate.posterior.Posterior;
import java.util.Arrays;

/**
 * A fitted {@link GaussianProcess} (any kernel it can fit; fixed or inferred noise) as a {@link Model} in its
 * standardised model units: y_model = (T(y) − {@link #outcomeShift()}) / {@link #outcomeScale()}. Built from the
 * GP's own Cholesky factor and weights (K is not factored again unless a noise floor has to be applied), with the
 * transposed factor kept for contiguous back-substitution. All dense linear algebra goes through the GP's
 * {@link LinearAlgebra} backend. Immutable and thread-safe.
 */
public final class GpModel implements Model {
    final GaussianProcess gp;     // model units
    final Kernel kernel;
    final int n;
    final int d;
    final double[] x;             // n×d
    final double[] chol;          // n×n lower of K + diag(noise)
    final double[] cholT;         // its transpose, row-major
    final double[] alpha;         // K⁻¹ (y − c)
    final double mean;
    final double priorVariance;   // k(x, x) (stationary kernels: the same everywhere)
    final double fantasyNoise;
    final LinearAlgebra la;
    private final double shift;
    private final double scale;

    private GpModel(GaussianProcess gp, double shift, double scale) {
        this.gp = gp;
        this.kernel = gp.kernel();
        this.n = gp.n();
        this.d = gp.dimension();
        this.x = gp.trainX();
        this.chol = gp.choleskyFactor();
        this.alpha = gp.weights();
        this.mean = gp.meanConstant();
        this.la = gp.backend();
        this.cholT = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                cholT[j * n + i] = chol[i * n + j];
            }
        }
        double[] origin = new double[d];
        this.priorVariance = kernel.value(n > 0 ? x : origin, 0, n > 0 ? x : origin, 0);
        double[] nv = gp.noiseVariances();
        double s = 0;
        for (double v : nv) {
            s += v / Math.max(1, nv.length);
        }
        this.fantasyNoise = s;
        this.shift = shift;
        this.scale = scale;
    }

    /** The fitted GP in its model units, nothing refactored. */
    public static GpModel of(GaussianProcess fitted) {
        return of(fitted, 0);
    }

    /**
     * As {@link #of(GaussianProcess)} with every training noise variance (jitter included) floored at minNoise
     * (model units; BoTorch's likelihood floors at 1e-4). K is factored again only when the floor changes a value.
     */
    public static GpModel of(GaussianProcess fitted, double minNoise) {
        if (!(minNoise >= 0) || Double.isInfinite(minNoise)) {
            throw new IllegalArgumentException("minimum noise variance must be finite and ≥ 0, got " + minNoise);
        }
        GaussianProcess s = fitted.standardised();
        double[] nv = s.noiseVariances();
        double jitter = s.jitter();
        boolean floored = false;
        for (double v : nv) {
            floored |= v + jitter < minNoise;
        }
        if (floored) {
            for (int i = 0; i < nv.length; i++) {
                nv[i] = Math.max(nv[i] + jitter, minNoise);
            }
            s = GaussianProcess.withHyperparameters(s.trainX(), s.n(), s.dimension(), s.standardisedY(), s.kernel(),
                    s.meanConstant(), nv, s.backend());
        }
        return new GpModel(s, fitted.outcomeShift(), fitted.outcomeScale());
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int n() {
        return n;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** Constant prior mean c (model units). */
    public double meanConstant() {
        return mean;
    }

    /** k(x, x) at a training point (the prior variance of a stationary kernel). */
    public double priorVariance() {
        return priorVariance;
    }

    @Override
    public double fantasyNoise() {
        return fantasyNoise;
    }

    /** Model units → the fitted GP's units (after its outcome transform): y = shift + scale · y_model. */
    public double outcomeShift() {
        return shift;
    }

    /** See {@link #outcomeShift()}. */
    public double outcomeScale() {
        return scale;
    }

    /** Training inputs n×d (a copy). */
    public double[] trainX() {
        return x.clone();
    }

    /** Training outcomes in model units (a copy). */
    public double[] trainY() {
        return gp.standardisedY();
    }

    /** α = (K + diag(noise))⁻¹ (y − c), length n (a copy). */
    public double[] weights() {
        return alpha.clone();
    }

    /** The backend every dense operation of this model runs on. */
    public LinearAlgebra backend() {
        return la;
    }

    /** Solves L·v = b in place for b[off .. off+n), L the training Cholesky factor. */
    public void solveLower(double[] b, int off) {
        la.solveLowerVector(chol, n, b, off);
    }

    /** Solves Lᵀ·v = b in place for b[off .. off+n) (contiguous back-substitution on the stored Lᵀ). */
    public void solveLowerTransposed(double[] b, int off) {
        la.solveUpperVector(cholT, n, b, off);
    }

    @Override
    public Posterior posterior(double[] xq, int q) {
        return gp.posterior(xq, q);
    }

    @Override
    public void predict(double[] xq, int q, double[] meanOut, double[] varianceOut) {
        double[] kx = new double[n * q];
        kernel.matrix(x, n, xq, q, d, kx);
        for (int j = 0; j < q; j++) {
            double m = mean;
            for (int i = 0; i < n; i++) {
                m += kx[i * q + j] * alpha[i];
            }
            meanOut[j] = m;
        }
        la.solveLower(chol, n, kx, q);
        double[] prior = new double[q];
        kernel.diagonal(xq, q, prior);
        for (int j = 0; j < q; j++) {
            double v = prior[j];
            for (int i = 0; i < n; i++) {
                v -= kx[i * q + j] * kx[i * q + j];
            }
            varianceOut[j] = Math.max(v, 1e-30 * priorVariance);
        }
    }

    /** Posterior means at the q points x (q×d, not modified): a new array of q values. */
    public double[] posteriorMean(double[] xq, int q) {
        double[] m = new double[q];
        predict(xq, q, m, new double[q]);
        return m;
    }

    /** Latent posterior variances at the q points x (q×d, not modified): a new array of q values. */
    public double[] posteriorVariance(double[] xq, int q) {
        double[] v = new double[q];
        predict(xq, q, new double[q], v);
        return v;
    }

    @Override
    public BatchPosterior batchPosterior(double[] baseline, int nb) {
        return new BatchPosterior(this, baseline, nb);
    }

    @Override
    public GpModel condition(double[] xNew, int m, double[] yNew) {
        if (m == 0) {
            return this;
        }
        return new GpModel(gp.condition(Arrays.copyOf(xNew, m * d), m, Arrays.copyOf(yNew, m)), shift, scale);
    }

    /** The largest posterior mean over the training inputs (model units); the prior mean when n = 0. */
    public double bestPosteriorMean() {
        if (n == 0) {
            return mean;
        }
        double[] m = new double[n];
        predict(x, n, m, new double[n]);
        double best = Double.NEGATIVE_INFINITY;
        for (double v : m) {
            best = Math.max(best, v);
        }
        return best;
    }

    @Override
    public String toString() {
        return "GpModel(n=" + n + ", d=" + d + ", " + kernel + ", mean=" + mean + ")";
    }
}

package dev.sextant.acquisition.lookahead;

import dev.sextant.acquisition.model.GpModel;
import dev.sextant.acquisition.model.KernelKind;
import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.kernel.Kernel;
import java.util.List;
import java.util.Arrays;

/**
 * A Gaussian-process snapshot with fixed hyperparameters: the "base" model a lookahead tree fantasises from.
 *
 * <p>Prior f ~ GP(c, k) with a stationary ARD kernel; training observations yᵢ = f(xᵢ) + εᵢ, εᵢ ~ N(0, σ²ᵢ), and
 * fantasy observations with noise variance σ²ₙ. Holds the training inputs (n×d row-major, unit cube; copied), the
 * lower Cholesky L of K = k(X, X) + diag(σ²ᵢ) (one factorisation,
 * done here) and β = K⁻¹(y − c). All further conditioning (fantasies) is done by the tree as a block extension of L,
 * never by refactorising K (see {@link MultiStepLookahead}).
 *
 * <p>Immutable and thread-safe. Units are those of {@code y} (the generator passes standardised outcomes).
 */
public final class FantasyModel {
    private static final double[] JITTERS = {0, 1e-10, 1e-8, 1e-6, 1e-4};

    final StationaryKernel kernel;
    final int n;
    final int d;
    final double[] x;
    final double[] chol;
    final double[] beta;
    final double noise;
    final double mean;
    private final double[] trainNoise;
    private final double[] y;
    private final KernelKind kind;
    private final double[] lengthscales;

    private FantasyModel(KernelKind kind, double[] lengthscales, double outputScale, double noise, double mean,
                         double[] x, int n, double[] y, double[] trainNoise) {
        this.kind = kind;
        this.lengthscales = lengthscales.clone();
        this.kernel = new StationaryKernel(kind, outputScale, lengthscales);
        this.d = lengthscales.length;
        if (n < 0 || x.length < n * d || y.length < n) {
            throw new IllegalArgumentException("x must hold n×d = " + n + "×" + d + " values and y n values; got "
                    + x.length + " and " + y.length);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise variance must be finite and >= 0, got " + noise);
        }
        this.n = n;
        this.x = Arrays.copyOf(x, n * d);
        this.y = Arrays.copyOf(y, n);
        this.noise = noise;
        this.mean = mean;
        if (trainNoise.length != n) {
            throw new IllegalArgumentException("need n = " + n + " training noise variances, got " + trainNoise.length);
        }
        for (double v : trainNoise) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("training noise variances must be finite and >= 0, got " + v);
            }
        }
        this.trainNoise = trainNoise.clone();
        double[] k = new double[n * n];
        double[] l = null;
        for (double jitter : JITTERS) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double v = kernel.value(this.x, i * d, this.x, j * d);
                    k[i * n + j] = v;
                    k[j * n + i] = v;
                }
                k[i * n + i] += this.trainNoise[i] + jitter * outputScale;
            }
            if (cholesky(k, n)) {
                l = k;
                break;
            }
        }
        if (l == null) {
            throw new IllegalArgumentException("kernel matrix is not positive definite even with jitter "
                    + JITTERS[JITTERS.length - 1] + "·s²; check for duplicate inputs with zero noise");
        }
        this.chol = l;
        this.beta = new double[n];
        for (int i = 0; i < n; i++) {
            beta[i] = this.y[i] - mean;
        }
        solveLower(beta);
        solveLowerTransposed(beta);
    }

    /**
     * @param lengthscales d ARD length scales (unit-cube units)
     * @param outputScale  kernel variance s²
     * @param noiseVariance σ²ₙ of an observation (also used for fantasy observations)
     * @param constantMean prior mean c
     * @param x            n×d training inputs, row-major, unit cube. Not modified.
     * @param y            n observations. Not modified.
     */
    public static FantasyModel of(KernelKind kind, double[] lengthscales, double outputScale, double noiseVariance,
                                  double constantMean, double[] x, int n, double[] y) {
        double[] tn = new double[n];
        Arrays.fill(tn, noiseVariance);
        return new FantasyModel(kind, lengthscales, outputScale, noiseVariance, constantMean, x, n, y, tn);
    }

    /**
     * The same GP as the acquisition module's model (kernel, length scales, output scale, constant mean, per-point
     * training noise, data). Fantasy observations get the mean training noise variance.
     */
    public static FantasyModel from(GpModel gp) {
        double[] tn = gp.noise();
        double fantasyNoise = 0;
        for (double v : tn) {
            fantasyNoise += v / Math.max(1, tn.length);
        }
        return new FantasyModel(gp.kernel(), gp.lengthscales(), gp.outputscale(), fantasyNoise, gp.meanConstant(),
                gp.trainX(), gp.n(), gp.trainY(), tn);
    }

    public int n() {
        return n;
    }

    public int dimension() {
        return d;
    }

    public double noiseVariance() {
        return noise;
    }

    /**
     * The surrogate GP in its model (standardised) units: y_model = (y − outcomeShift)/outcomeScale, with its
     * per-point noise variances; fantasy observations get the mean training noise variance. The GP's kernel must be
     * a single stationary ARD kernel of the given kind (hyperparameters lengthscale[0..d), outputscale).
     */
    public static FantasyModel from(GaussianProcess gp, KernelKind kind) {
        return from(gp, kind, 0);
    }

    /**
     * As {@link #from(GaussianProcess, KernelKind)} with every noise variance (training, jitter included, and
     * fantasy) floored at minNoise in model units — the floor the qLogNEI generator applies (its {@code min_noise}
     * option), so both acquisitions condition on the same GP.
     */
    public static FantasyModel from(GaussianProcess gp, KernelKind kind, double minNoise) {
        Kernel kernel = gp.kernel();
        int d = gp.dimension();
        List<String> names = kernel.hyperparameterNames();
        double[] theta = kernel.hyperparameters();
        if (names.size() != d + 1 || !names.get(d).equals("outputscale")) {
            throw new IllegalArgumentException("lookahead needs a single stationary ARD kernel (d lengthscales and an "
                    + "outputscale); got hyperparameters " + names);
        }
        double[] ls = new double[d];
        for (int i = 0; i < d; i++) {
            ls[i] = Math.exp(theta[i]);
        }
        double[] y = gp.trainY();
        for (int i = 0; i < y.length; i++) {
            y[i] = (y[i] - gp.outcomeShift()) / gp.outcomeScale(); // trainY is in transformed units
        }
        double[] tn = gp.noiseVariances();
        double fantasyNoise = 0;
        for (double v : tn) {
            fantasyNoise += v / Math.max(1, tn.length);
        }
        fantasyNoise = Math.max(fantasyNoise, minNoise);
        double[] tnJ = tn.clone();
        for (int i = 0; i < tnJ.length; i++) {
            tnJ[i] = Math.max(tnJ[i] + gp.jitter(), minNoise);
        }
        return new FantasyModel(kind, ls, Math.exp(theta[d]), fantasyNoise, gp.meanConstant(), gp.trainX(), gp.n(), y,
                tnJ);
    }

    /** The same hyperparameters with (xNew, yNew) appended, refactorised from scratch (reference path, not the tree's). */
    public FantasyModel withObservations(double[] xNew, int m, double[] yNew) {
        double[] xx = Arrays.copyOf(x, (n + m) * d);
        System.arraycopy(xNew, 0, xx, n * d, m * d);
        double[] yy = Arrays.copyOf(y, n + m);
        System.arraycopy(yNew, 0, yy, n, m);
        double[] tn = Arrays.copyOf(trainNoise, n + m);
        Arrays.fill(tn, n, n + m, noise);
        return new FantasyModel(kind, lengthscales, kernel.outputScale(), noise, mean, xx, n + m, yy, tn);
    }

    /** Posterior mean of f at the q×d points xq (not modified); returns q values. */
    public double[] posteriorMean(double[] xq, int q) {
        double[] out = new double[q];
        for (int j = 0; j < q; j++) {
            double s = mean;
            for (int i = 0; i < n; i++) {
                s += kernel.value(xq, j * d, x, i * d) * beta[i];
            }
            out[j] = s;
        }
        return out;
    }

    /** Posterior variance of the latent f at the q×d points xq (not modified); returns q values, clamped at 0. */
    public double[] posteriorVariance(double[] xq, int q) {
        double[] out = new double[q];
        double[] v = new double[n];
        for (int j = 0; j < q; j++) {
            for (int i = 0; i < n; i++) {
                v[i] = kernel.value(x, i * d, xq, j * d);
            }
            solveLower(v);
            double s = kernel.value(xq, j * d, xq, j * d);
            for (int i = 0; i < n; i++) {
                s -= v[i] * v[i];
            }
            out[j] = Math.max(s, 0);
        }
        return out;
    }

    /** The largest posterior mean over the training inputs (the incumbent of EI; the baseline of KG). */
    public double bestPosteriorMean() {
        double best = Double.NEGATIVE_INFINITY;
        for (double m : posteriorMean(x, n)) {
            best = Math.max(best, m);
        }
        return n == 0 ? mean : best;
    }

    /** b ← L⁻¹ b (b has n entries). */
    void solveLower(double[] b) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            int row = i * n;
            for (int k = 0; k < i; k++) {
                s -= chol[row + k] * b[k];
            }
            b[i] = s / chol[row + i];
        }
    }

    /** b ← L⁻ᵀ b. */
    void solveLowerTransposed(double[] b) {
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= chol[k * n + i] * b[k];
            }
            b[i] = s / chol[i * n + i];
        }
    }

    /** In-place lower Cholesky of the SPD n×n matrix a (upper triangle zeroed); false when not PD. */
    static boolean cholesky(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            double s = a[j * n + j];
            for (int k = 0; k < j; k++) {
                s -= a[j * n + k] * a[j * n + k];
            }
            if (!(s > 0)) {
                return false;
            }
            double ljj = Math.sqrt(s);
            a[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double t = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    t -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = t / ljj;
            }
            for (int i = 0; i < j; i++) {
                a[i * n + j] = 0;
            }
        }
        return true;
    }
}

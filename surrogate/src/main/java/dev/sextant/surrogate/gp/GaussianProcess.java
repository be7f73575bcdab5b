package dev.sextant.surrogate.gp;

import dev.sextant.surrogate.kernel.HyperparameterKind;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.linalg.Jitter;
import dev.sextant.surrogate.linalg.LinearAlgebra;
import dev.sextant.surrogate.posterior.Posterior;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact GP regression with a constant mean and Gaussian noise (inferred homoskedastic, or fixed per point from
 * reported standard errors). Immutable.
 *
 * <p>Outcomes pass through the {@link OutcomeTransform} and are then standardised inside the model
 * (y_model = (T(y) − shift)/scale); posteriors, {@link #condition} and fantasies take and return values in the
 * original units (transformed units when the transform is not {@link OutcomeTransform#NONE}). Hyperparameters,
 * the marginal likelihood and its gradient refer to the standardised model. Models built by
 * {@link #withHyperparameters} do no standardisation (shift 0, scale 1).
 */
public final class GaussianProcess {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    final double[] x;          // n×d
    final int n;
    final int d;
    final double[] yModel;     // standardised outcomes
    final double[] noiseVar;   // per-point noise variance, model units (inferred noise repeated)
    final boolean inferNoise;
    final Kernel kernel;
    final double meanConstant;
    final double[] params;     // packed parameter vector
    final double[] chol;       // n×n lower L of K + noise (+ jitter)
    final double[] alpha;      // K⁻¹(y − c)
    final double jitter;
    final double shift;
    final double scale;
    final OutcomeTransform transform;
    final LinearAlgebra la;
    final double mll;

    private GaussianProcess(double[] x, int n, int d, double[] yModel, double[] noiseVar, boolean inferNoise,
                            Kernel kernel, double meanConstant, double[] params, double[] chol, double[] alpha,
                            double jitter, double shift, double scale, OutcomeTransform transform, LinearAlgebra la) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.yModel = yModel;
        this.noiseVar = noiseVar;
        this.inferNoise = inferNoise;
        this.kernel = kernel;
        this.meanConstant = meanConstant;
        this.params = params;
        this.chol = chol;
        this.alpha = alpha;
        this.jitter = jitter;
        this.shift = shift;
        this.scale = scale;
        this.transform = transform;
        this.la = la;
        double quad = 0;
        for (int i = 0; i < n; i++) {
            quad += (yModel[i] - meanConstant) * alpha[i];
        }
        this.mll = -0.5 * quad - 0.5 * la.logDetFromCholesky(chol, n) - 0.5 * n * LOG_2PI;
    }

    // ------------------------------------------------------------------ construction

    /**
     * A GP with fixed hyperparameters and no outcome standardisation (values in the units of y).
     *
     * @param x n×d inputs, not modified (copied)
     * @param y n outcomes, not modified
     * @param kernel kernel with its hyperparameters
     * @param noise homoskedastic noise variance (≥ 0)
     */
    public static GaussianProcess withHyperparameters(double[] x, int n, int d, double[] y, Kernel kernel,
                                                      double meanConstant, double noise) {
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise variance must be finite and ≥ 0, got " + noise);
        }
        double[] nv = new double[n];
        Arrays.fill(nv, noise);
        return withHyperparameters(x, n, d, y, kernel, meanConstant, nv, true, LinearAlgebra.select(n));
    }

    /**
     * As {@link #withHyperparameters(double[], int, int, double[], Kernel, double, double)} with per-point noise
     * variances (length n, ≥ 0, not modified) treated as fixed.
     */
    public static GaussianProcess withHyperparameters(double[] x, int n, int d, double[] y, Kernel kernel,
                                                      double meanConstant, double[] noiseVariances, LinearAlgebra la) {
        return withHyperparameters(x, n, d, y, kernel, meanConstant, noiseVariances, false, la);
    }

    private static GaussianProcess withHyperparameters(double[] x, int n, int d, double[] y, Kernel kernel,
                                                       double meanConstant, double[] noiseVar, boolean infer,
                                                       LinearAlgebra la) {
        Validation.data(x, n, d, y);
        if (kernel.dimension() != d) {
            throw new IllegalArgumentException("kernel dimension " + kernel.dimension() + " ≠ data dimension " + d);
        }
        if (noiseVar.length != n) {
            throw new IllegalArgumentException("expected " + n + " noise variances, got " + noiseVar.length);
        }
        for (int i = 0; i < n; i++) {
            if (!(noiseVar[i] >= 0) || Double.isInfinite(noiseVar[i])) {
                throw new IllegalArgumentException("noise variance " + i + " is " + noiseVar[i] + "; must be finite and ≥ 0");
            }
        }
        if (!Double.isFinite(meanConstant)) {
            throw new IllegalArgumentException("mean constant must be finite, got " + meanConstant);
        }
        double[] p = pack(kernel, infer ? Math.log(Math.max(noiseVar.length > 0 ? noiseVar[0] : 0, 1e-300)) : Double.NaN,
                meanConstant, infer);
        return build(Arrays.copyOf(x, n * d), n, d, y.clone(), noiseVar.clone(), infer, kernel, meanConstant, p,
                0, 1, OutcomeTransform.NONE, la);
    }

    private static double[] pack(Kernel kernel, double logNoise, double mean, boolean infer) {
        int nk = kernel.numHyperparameters();
        double[] p = new double[nk + (infer ? 1 : 0) + 1];
        System.arraycopy(kernel.hyperparameters(), 0, p, 0, nk);
        if (infer) {
            p[nk] = logNoise;
        }
        p[p.length - 1] = mean;
        return p;
    }

    static GaussianProcess build(double[] x, int n, int d, double[] yModel, double[] noiseVar, boolean infer,
                                 Kernel kernel, double mean, double[] params, double shift, double scale,
                                 OutcomeTransform transform, LinearAlgebra la) {
        double[] kk = new double[n * n];
        kernel.symmetricMatrix(x, n, kk);
        for (int i = 0; i < n; i++) {
            kk[i * n + i] += noiseVar[i];
        }
        double jitter = Jitter.cholesky(la, kk, n, new double[n * n], "training covariance");
        double[] alpha = new double[n];
        for (int i = 0; i < n; i++) {
            alpha[i] = yModel[i] - mean;
        }
        la.solveLower(kk, n, alpha, 1);
        la.solveLowerTransposed(kk, n, alpha, 1);
        return new GaussianProcess(x, n, d, yModel, noiseVar, infer, kernel, mean, params, kk, alpha, jitter,
                shift, scale, transform, la);
    }

    /**
     * Fits a GP by MAP (log marginal likelihood + log priors over log-parameters, analytic gradients, bounded
     * L-BFGS) from the default start, the warm start (if any) and {@code options.restarts()} random starts;
     * keeps the best.
     *
     * @param x n×d inputs in the unit cube, not modified
     * @param y n outcomes in original units, not modified
     * @param sem per-point standard errors (≥ 0) fixing the noise, or null / all NaN to infer a homoskedastic noise
     * @throws IllegalArgumentException on NaN/infinite inputs or outcomes, wrong lengths, or partly known SEMs
     */
    public static GaussianProcess fit(double[] x, int n, int d, double[] y, double[] sem, GpOptions options) {
        return Fitter.fit(x, n, d, y, sem, options == null ? GpOptions.defaults() : options);
    }

    // ------------------------------------------------------------------ queries

    /** Joint posterior of the latent f at xq (q×d, not modified), in original (transformed) units. */
    public Posterior posterior(double[] xq, int q) {
        Validation.points(xq, q, d, "posterior points");
        return new GpPosterior(this, Arrays.copyOf(xq, q * d), q);
    }

    /**
     * A GP conditioned on m new observations (fantasies) with the same hyperparameters, by a block update of
     * the Cholesky factor (O(n²m), no refactorisation). xNew m×d, yNew m values in original units; noise: the
     * inferred noise, or for fixed-noise models the mean training noise.
     */
    public GaussianProcess condition(double[] xNew, int m, double[] yNew) {
        return condition(xNew, m, yNew, null);
    }

    /** As {@link #condition(double[], int, double[])} with the new points' standard errors (original units). */
    public GaussianProcess condition(double[] xNew, int m, double[] yNew, double[] semNew) {
        Validation.data(xNew, m, d, yNew);
        Update u = new Update(xNew, m, semNew);
        double[] ym = Arrays.copyOf(yModel, n + m);
        for (int i = 0; i < m; i++) {
            ym[n + i] = toModel(yNew[i]);
        }
        return u.model(ym);
    }

    /**
     * Many fantasy models sharing the same new inputs: one Cholesky update, then per fantasy b only the solve for
     * α. xNew m×d; ySamples b×m row-major (original units). Returns b models.
     */
    public List<GaussianProcess> conditionOnSamples(double[] xNew, int m, double[] ySamples, int b) {
        Validation.points(xNew, m, d, "fantasy points");
        if (ySamples.length < b * m) {
            throw new IllegalArgumentException("ySamples must hold b·m = " + b * m + " values, got " + ySamples.length);
        }
        Update u = new Update(xNew, m, null);
        List<GaussianProcess> out = new ArrayList<>(b);
        for (int s = 0; s < b; s++) {
            double[] ym = Arrays.copyOf(yModel, n + m);
            for (int i = 0; i < m; i++) {
                double v = ySamples[s * m + i];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("fantasy outcome [" + s + "," + i + "] is " + v);
                }
                ym[n + i] = toModel(v);
            }
            out.add(u.model(ym));
        }
        return out;
    }

    /** Shared part of a block Cholesky update for new inputs. */
    private final class Update {
        final double[] xAll;
        final double[] nvAll;
        final double[] lNew;
        final int total;
        final double jitterNew;

        Update(double[] xNew, int m, double[] semNew) {
            total = n + m;
            xAll = Arrays.copyOf(x, total * d);
            System.arraycopy(xNew, 0, xAll, n * d, m * d);
            nvAll = Arrays.copyOf(noiseVar, total);
            double defaultNoise = 0;
            for (double v : noiseVar) {
                defaultNoise += v / n;
            }
            for (int i = 0; i < m; i++) {
                double v = defaultNoise;
                if (semNew != null) {
                    if (!(semNew[i] >= 0) || Double.isInfinite(semNew[i])) {
                        throw new IllegalArgumentException("sem[" + i + "] is " + semNew[i] + "; must be finite and ≥ 0");
                    }
                    double s = semNew[i] / scale;
                    v = s * s;
                }
                nvAll[n + i] = v;
            }
            // C = L⁻¹ K(X, Xnew) (n×m); S = K(Xnew,Xnew) + noise − CᵀC
            double[] c = new double[n * m];
            kernel.matrix(x, n, xNew, m, d, c);
            la.solveLower(chol, n, c, m);
            double[] s22 = new double[m * m];
            kernel.symmetricMatrix(xNew, m, s22);
            for (int i = 0; i < m; i++) {
                s22[i * m + i] += nvAll[n + i];
            }
            for (int k = 0; k < n; k++) {
                int rk = k * m;
                for (int i = 0; i < m; i++) {
                    double cki = c[rk + i];
                    for (int j = 0; j < m; j++) {
                        s22[i * m + j] -= cki * c[rk + j];
                    }
                }
            }
            jitterNew = Jitter.cholesky(la, s22, m, new double[m * m], "fantasy update covariance");
            lNew = new double[total * total];
            for (int i = 0; i < n; i++) {
                System.arraycopy(chol, i * n, lNew, i * total, i + 1);
            }
            for (int i = 0; i < m; i++) {
                int row = (n + i) * total;
                for (int k = 0; k < n; k++) {
                    lNew[row + k] = c[k * m + i];
                }
                System.arraycopy(s22, i * m, lNew, row + n, i + 1);
            }
        }

        GaussianProcess model(double[] ym) {
            double[] a = new double[total];
            for (int i = 0; i < total; i++) {
                a[i] = ym[i] - meanConstant;
            }
            la.solveLower(lNew, total, a, 1);
            la.solveLowerTransposed(lNew, total, a, 1);
            return new GaussianProcess(xAll, total, d, ym, nvAll, inferNoise, kernel, meanConstant, params, lNew, a,
                    Math.max(jitter, jitterNew), shift, scale, transform, la);
        }
    }

    double toModel(double yOriginal) {
        return (transform.apply(yOriginal) - shift) / scale;
    }

    /** Log marginal likelihood of the standardised training outcomes at the current hyperparameters (no prior). */
    public double logMarginalLikelihood() {
        return mll;
    }

    /**
     * The MAP objective at the current hyperparameters, {@code logMarginalLikelihood() + logPrior(prior)}: with the
     * prior used for the fit, the value the fit maximised.
     */
    public double mapObjective(Prior prior) {
        return mll + logPrior(prior);
    }

    /**
     * log p(θ) of the current hyperparameters under the given prior (the term the MAP fit adds to
     * {@link #logMarginalLikelihood()}; 0 when the prior is disabled). With the prior used for the fit,
     * {@code logMarginalLikelihood() + logPrior(prior)} is the maximised MAP objective.
     */
    public double logPrior(Prior prior) {
        if (!prior.enabled()) {
            return 0;
        }
        double[] der = new double[1];
        double lp = 0;
        List<HyperparameterKind> kinds = kernel.hyperparameterKinds();
        for (int i = 0; i < kinds.size(); i++) {
            lp += switch (kinds.get(i)) {
                case LENGTHSCALE -> Prior.logDensity(params[i], prior.lengthscaleLoc(d), prior.lengthscaleScale(), der);
                case WARP -> Prior.warpLogDensity(params[i], der);
                default -> Prior.logDensity(params[i], prior.outputscaleLoc(), prior.outputscaleScale(), der);
            };
        }
        if (inferNoise) {
            lp += Prior.logDensity(params[kinds.size()], prior.noiseLoc(), prior.noiseScale(), der);
        }
        return lp;
    }

    /**
     * Gradient of {@link #logMarginalLikelihood()} with respect to {@link #hyperparameterVector()}:
     * [kernel log-hyperparameters (log lengthscales…, log outputscale), log noise (inferred noise only), mean constant].
     */
    public double[] logMarginalLikelihoodGradient() {
        MarginalLikelihood ml = new MarginalLikelihood(x, n, d, yModel, inferNoise ? null : noiseVar, kernel, la);
        double[] g = new double[ml.numParameters()];
        ml.evaluate(params, g);
        return g;
    }

    /**
     * Exact leave-one-out predictive log densities of the training outcomes, from the Cholesky factor in closed form
     * (Rasmussen &amp; Williams 2006, eq. 5.12): with K the training covariance including noise and α = K⁻¹(y − c),
     * the prediction of y_i from the other points has mean y_i − α_i/[K⁻¹]_ii and variance 1/[K⁻¹]_ii (the
     * hyperparameters are those fitted on all points). Returned in the units y was given to {@link #fit} in, i.e.
     * with the log-Jacobian of the standardisation (−log scale) and of this GP's own outcome transform
     * (+log T'(y_i)) added, so that models fitted to differently transformed outcomes can be compared. O(n³).
     *
     * @return n log densities (a new array)
     */
    public double[] leaveOneOutLogDensities() {
        double[] inv = new double[n * n];
        la.inverseFromCholesky(chol, n, inv, new double[n * n]);
        double[] out = new double[n];
        double logScale = Math.log(scale);
        for (int i = 0; i < n; i++) {
            double kii = inv[i * n + i];
            double var = 1 / kii;
            double resid = alpha[i] / kii;   // y_i − LOO mean
            double lp = -0.5 * (LOG_2PI + Math.log(var) + resid * resid / var) - logScale;
            if (transform != OutcomeTransform.NONE) {
                double original = transform.inverse(shift + scale * yModel[i]);
                lp += Math.log(Math.abs(transform.derivative(original)));
            }
            out[i] = lp;
        }
        return out;
    }

    /** Packed log-space parameters (usable as {@link GpOptions#warmStart()}). A copy. */
    public double[] hyperparameterVector() {
        return params.clone();
    }

    /** Names of the entries of {@link #hyperparameterVector()}. */
    public List<String> hyperparameterNames() {
        List<String> names = new ArrayList<>();
        kernel.hyperparameterNames().forEach(s -> names.add("log_" + s));
        if (inferNoise) {
            names.add("log_noise");
        }
        names.add("mean_constant");
        return Collections.unmodifiableList(names);
    }

    /**
     * Natural-unit hyperparameters in model (standardised) units: kernel lengthscales and outputscales, "noise"
     * (inferred noise variance; absent for fixed noise), "mean_constant", and the standardisation "outcome_shift",
     * "outcome_scale".
     */
    public Map<String, Double> hyperparameterSummary() {
        Map<String, Double> m = new LinkedHashMap<>();
        double[] t = kernel.hyperparameters();
        List<String> names = kernel.hyperparameterNames();
        for (int i = 0; i < t.length; i++) {
            m.put(names.get(i), Math.exp(t[i]));
        }
        if (inferNoise) {
            m.put("noise", noiseVar.length > 0 ? noiseVar[0] : Math.exp(params[kernel.numHyperparameters()]));
        }
        m.put("mean_constant", meanConstant);
        m.put("outcome_shift", shift);
        m.put("outcome_scale", scale);
        return m;
    }

    /** Lower Cholesky factor of K(X, X) + diag(noise) (+ jitter) in model units, n×n row-major (a copy). */
    public double[] choleskyFactor() {
        return chol.clone();
    }

    /** α = (K(X, X) + diag(noise))⁻¹ (y_model − c), model units, length n (a copy). */
    public double[] weights() {
        return alpha.clone();
    }

    /** Training outcomes in model (standardised) units, length n (a copy). */
    public double[] standardisedY() {
        return yModel.clone();
    }

    /**
     * This GP in its model units: the same data, hyperparameters and factorisation (nothing is refactored), with
     * outcome shift 0, scale 1 and no outcome transform, so that posteriors and {@link #condition} work in the
     * standardised units the acquisition functions use.
     */
    public GaussianProcess standardised() {
        if (shift == 0 && scale == 1 && transform == OutcomeTransform.NONE) {
            return this;
        }
        return new GaussianProcess(x, n, d, yModel, noiseVar, inferNoise, kernel, meanConstant, params, chol, alpha,
                jitter, 0, 1, OutcomeTransform.NONE, la);
    }

    public Kernel kernel() {
        return kernel;
    }

    public double meanConstant() {
        return meanConstant;
    }

    /** Per-point noise variances in model units (a copy). */
    public double[] noiseVariances() {
        return noiseVar.clone();
    }

    /** Jitter added to the diagonal of the training covariance (0 when none was needed). */
    public double jitter() {
        return jitter;
    }

    public OutcomeTransform transform() {
        return transform;
    }

    public double outcomeShift() {
        return shift;
    }

    public double outcomeScale() {
        return scale;
    }

    public int n() {
        return n;
    }

    public int dimension() {
        return d;
    }

    /** Training inputs n×d (a copy). */
    public double[] trainX() {
        return x.clone();
    }

    /** Training outcomes in original (transformed) units (a copy). */
    public double[] trainY() {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = shift + scale * yModel[i];
        }
        return y;
    }

    public LinearAlgebra backend() {
        return la;
    }

    /** Default bounds used when fitting, for the packed vector. */
    static double[][] bounds(Kernel kernel, boolean infer) {
        int nk = kernel.numHyperparameters();
        int np = nk + (infer ? 1 : 0) + 1;
        double[] lo = new double[np];
        double[] hi = new double[np];
        List<HyperparameterKind> kinds = kernel.hyperparameterKinds();
        for (int i = 0; i < nk; i++) {
            if (kinds.get(i) == HyperparameterKind.LENGTHSCALE) {
                lo[i] = Math.log(1e-2);
                hi[i] = Math.log(1e3);
            } else if (kinds.get(i) == HyperparameterKind.WARP) {
                lo[i] = Math.log(0.1);
                hi[i] = Math.log(10.0);
            } else {
                lo[i] = Math.log(1e-3);
                hi[i] = Math.log(1e2);
            }
        }
        if (infer) {
            lo[nk] = Math.log(1e-6);
            hi[nk] = Math.log(10.0);
        }
        lo[np - 1] = -10;
        hi[np - 1] = 10;
        return new double[][] {lo, hi};
    }

    @Override
    public String toString() {
        return "GaussianProcess(n=" + n + ", d=" + d + ", " + kernel + ", noise=" + (noiseVar.length > 0 ? noiseVar[0] : 0)
                + ", mean=" + meanConstant + ", mll=" + mll + ")";
    }

}

package dev.sextant.surrogate.gp;

import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.linalg.Jitter;
import dev.sextant.surrogate.linalg.LinearAlgebra;

import java.util.Arrays;

/**
 * Exact log marginal likelihood log N(y; c, K_θ + Σ) and its gradient with respect to the packed parameter vector
 * p = [kernel log-hyperparameters…, log noise (only when noise is inferred), mean constant].
 *
 * <p>Gradient: ∂/∂θ = ½ Σ_ij W_ij ∂K_ij/∂θ with W = ααᵀ − K⁻¹, α = K⁻¹(y − c); the kernel contracts W itself,
 * so no ∂K matrices are formed. Workspaces (three n×n arrays) are allocated once per instance; not thread-safe.
 */
final class MarginalLikelihood {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    final double[] x;
    final int n;
    final int d;
    final double[] y;
    final double[] fixedNoise;   // per-point noise variances, or null when a homoskedastic noise is inferred
    final Kernel template;
    final LinearAlgebra la;
    final int nk;
    // workspaces
    final double[] k;       // K, then its Cholesky factor L
    final double[] kinv;    // jitter backup, then K⁻¹, then W
    final double[] work;
    final double[] alpha;
    final double[] ones;
    /** Per-pair kernel terms shared by K and the gradient (n ≥ {@value #PAIR_CACHE_MIN_N}), allocated on first use. */
    double[] pairCache;
    boolean pairCacheValid;
    /** From this n the kernel's pair cache is used (fewer transcendental evaluations); below, the plain path. */
    static final int PAIR_CACHE_MIN_N = 64;
    double lastJitter;
    Kernel lastKernel;
    /**
     * When true the mean constant in p is ignored and replaced by its maximiser for the other parameters, the
     * generalised-least-squares estimate c = 1ᵀK⁻¹y / 1ᵀK⁻¹1 (exact when the mean has a flat prior); its gradient
     * entry is then 0 and {@link #lastMean} holds the estimate. Speeds up fitting (one fewer, badly scaled direction).
     */
    boolean profileMean;
    double lastMean;

    MarginalLikelihood(double[] x, int n, int d, double[] y, double[] fixedNoise, Kernel template, LinearAlgebra la) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.y = y;
        this.fixedNoise = fixedNoise;
        this.template = template;
        this.la = la;
        this.nk = template.numHyperparameters();
        this.k = new double[n * n];
        this.kinv = new double[n * n];
        this.work = new double[n * n];
        this.alpha = new double[n];
        this.ones = new double[n];
    }

    int numParameters() {
        return nk + (fixedNoise == null ? 1 : 0) + 1;
    }

    int noiseIndex() {
        return fixedNoise == null ? nk : -1;
    }

    int meanIndex() {
        return numParameters() - 1;
    }

    /**
     * Returns the log marginal likelihood at p and, when grad is not null, writes its gradient there. Afterwards
     * {@link #k} holds the Cholesky factor and {@link #alpha} = K⁻¹(y − c).
     *
     * @throws dev.sextant.surrogate.linalg.NotPositiveDefiniteException when K stays non-PD after jitter
     */
    double evaluate(double[] p, double[] grad) {
        Kernel kern = template.withHyperparameters(Arrays.copyOf(p, nk));
        lastKernel = kern;
        if (n >= PAIR_CACHE_MIN_N) {
            if (pairCache == null) {
                pairCache = new double[n * n];
            }
            pairCacheValid = kern.symmetricMatrix(x, n, k, pairCache);
        } else {
            kern.symmetricMatrix(x, n, k);
        }
        if (fixedNoise == null) {
            double noise = Math.exp(p[nk]);
            for (int i = 0; i < n; i++) {
                k[i * n + i] += noise;
            }
        } else {
            for (int i = 0; i < n; i++) {
                k[i * n + i] += fixedNoise[i];
            }
        }
        lastJitter = Jitter.cholesky(la, k, n, kinv, "training covariance");
        double c = p[meanIndex()];
        if (profileMean) {
            // c = 1ᵀK⁻¹y / 1ᵀK⁻¹1 via v = L⁻¹1, w = L⁻¹y
            java.util.Arrays.fill(ones, 1.0);
            System.arraycopy(y, 0, alpha, 0, n);
            la.solveLower(k, n, ones, 1);
            la.solveLower(k, n, alpha, 1);
            double num = 0;
            double den = 0;
            for (int i = 0; i < n; i++) {
                num += ones[i] * alpha[i];
                den += ones[i] * ones[i];
            }
            c = num / den;
        }
        lastMean = c;
        if (profileMean && n >= PAIR_CACHE_MIN_N) {   // L⁻¹(y − c·1) = L⁻¹y − c·L⁻¹1, both at hand: no third solve
            for (int i = 0; i < n; i++) {
                alpha[i] -= c * ones[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                alpha[i] = y[i] - c;
            }
            la.solveLower(k, n, alpha, 1);
        }
        double quad = 0;
        for (int i = 0; i < n; i++) {
            quad += alpha[i] * alpha[i];
        }
        la.solveLowerTransposed(k, n, alpha, 1);
        double mll = -0.5 * quad - 0.5 * la.logDetFromCholesky(k, n) - 0.5 * n * LOG_2PI;
        if (grad != null) {
            gradient(p, grad);
        }
        return mll;
    }

    /**
     * The gradient at p, completing an {@link #evaluate}(p, null) call that was the last call on this instance (it
     * left L in {@link #k}, α and the kernel).
     */
    void gradient(double[] p, double[] grad) {
        Kernel kern = lastKernel;
        la.inverseLowerFromCholesky(k, n, kinv, work);   // only the lower triangle of W is used
        // W = ααᵀ − K⁻¹ (lower triangle and diagonal)
        double diagW = 0;
        double sumAlpha = 0;
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            double ai = alpha[i];
            sumAlpha += ai;
            for (int j = 0; j <= i; j++) {
                kinv[ri + j] = ai * alpha[j] - kinv[ri + j];
            }
            diagW += kinv[ri + i];
        }
        Arrays.fill(grad, 0, numParameters(), 0.0);
        if (pairCacheValid && n >= PAIR_CACHE_MIN_N) {
            kern.gradientWrtHyperparameters(x, n, kinv, grad, pairCache);
        } else {
            kern.gradientWrtHyperparameters(x, n, kinv, grad);
        }
        for (int m = 0; m < nk; m++) {
            grad[m] *= 0.5;
        }
        if (fixedNoise == null) {
            grad[nk] = 0.5 * Math.exp(p[nk]) * diagW;
        }
        grad[meanIndex()] = profileMean ? 0 : sumAlpha;
    }
}

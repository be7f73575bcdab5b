package dev.sextant.acquisition.model;

import java.util.Arrays;

/**
 * An exact GP regression model with fixed hyperparameters: y ~ N(c, K + diag(noise)), K = outputscale·base(r).
 * Inputs are unit-cube points; outcomes are in whatever units the caller uses (the generator standardises them).
 * Immutable and thread-safe after construction; the training Cholesky factor is computed once.
 */
public final class GpModel {
    final KernelKind kind;
    final int n, d;
    final double[] x;          // n×d, original unit-cube coordinates
    final double[] invLs2;     // 1/ℓ_i²
    final double[] lengthscales;
    final double outputscale;
    final double meanConstant;
    final double[] noise;      // n
    final double[] chol;       // n×n lower of K + diag(noise)
    final double[] cholT;      // its transpose (upper), row-major, for contiguous backward substitution
    final double[] alpha;      // K⁻¹ (y − c)
    final double[] y;

    private GpModel(KernelKind kind, double[] x, int n, int d, double[] y, double[] lengthscales, double outputscale,
                    double[] noise, double meanConstant) {
        if (lengthscales.length != d) {
            throw new IllegalArgumentException("need " + d + " lengthscales, got " + lengthscales.length);
        }
        if (x.length < n * d || y.length < n) {
            throw new IllegalArgumentException("x must be n×d = " + n + "×" + d + " and y of length n");
        }
        if (!(outputscale > 0)) throw new IllegalArgumentException("outputscale must be > 0, got " + outputscale);
        this.kind = kind;
        this.n = n;
        this.d = d;
        this.x = Arrays.copyOf(x, n * d);
        this.y = Arrays.copyOf(y, n);
        this.lengthscales = lengthscales.clone();
        this.invLs2 = new double[d];
        for (int i = 0; i < d; i++) {
            if (!(lengthscales[i] > 0)) throw new IllegalArgumentException("lengthscale " + i + " must be > 0");
            invLs2[i] = 1 / (lengthscales[i] * lengthscales[i]);
        }
        this.outputscale = outputscale;
        this.noise = noise.clone();
        this.meanConstant = meanConstant;
        double[] k = new double[n * n];
        matrix(this.x, n, this.x, n, k);
        for (int i = 0; i < n; i++) k[i * n + i] += noise[i];
        Dense.choleskyWithJitter(k, n);
        this.chol = k;
        this.cholT = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) cholT[j * n + i] = k[i * n + j];
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = y[i] - meanConstant;
        Dense.solveLower(chol, n, a, 1);
        Dense.solveLowerTransposed(chol, n, a, 1);
        this.alpha = a;
    }

    /**
     * @param x n×d training inputs (unit cube), not modified
     * @param y n training outcomes, not modified
     * @param noise homoscedastic noise variance (&gt; 0 recommended)
     */
    public static GpModel of(KernelKind kind, double[] x, int n, int d, double[] y, double[] lengthscales,
                             double outputscale, double noise, double meanConstant) {
        double[] nv = new double[n];
        Arrays.fill(nv, noise);
        return new GpModel(kind, x, n, d, y, lengthscales, outputscale, nv, meanConstant);
    }

    /** As {@link #of} with a per-point noise variance vector (length n). */
    public static GpModel withNoise(KernelKind kind, double[] x, int n, int d, double[] y, double[] lengthscales,
                                    double outputscale, double[] noise, double meanConstant) {
        if (noise.length != n) throw new IllegalArgumentException("need " + n + " noise variances");
        return new GpModel(kind, x, n, d, y, lengthscales, outputscale, noise, meanConstant);
    }

    public int n() { return n; }
    public int dimension() { return d; }
    public KernelKind kernel() { return kind; }
    public double[] lengthscales() { return lengthscales.clone(); }
    public double outputscale() { return outputscale; }
    public double meanConstant() { return meanConstant; }
    public double[] noise() { return noise.clone(); }
    /** Training inputs n×d (copy). */
    public double[] trainX() { return x.clone(); }
    public double[] trainY() { return y.clone(); }

    /** Solves L·v = b in place for one contiguous vector b[off..off+n) (dot-product form). */
    void solveL(double[] b, int off) {
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            double t = b[off + i];
            for (int k = 0; k < i; k++) t -= chol[ri + k] * b[off + k];
            b[off + i] = t / chol[ri + i];
        }
    }

    /** Solves Lᵀ·v = b in place for one contiguous vector b[off..off+n). */
    void solveLT(double[] b, int off) {
        for (int i = n - 1; i >= 0; i--) {
            int ri = i * n;
            double t = b[off + i];
            for (int k = i + 1; k < n; k++) t -= cholT[ri + k] * b[off + k];
            b[off + i] = t / cholT[ri + i];
        }
    }

    /** k(a_i, b_j) into out (na×nb row-major). */
    void matrix(double[] a, int na, double[] b, int nb, double[] out) {
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                out[i * nb + j] = k(a, i, b, j);
            }
        }
    }

    double k(double[] a, int i, double[] b, int j) {
        double r2 = 0;
        int ai = i * d, bj = j * d;
        for (int l = 0; l < d; l++) {
            double t = a[ai + l] - b[bj + l];
            r2 += t * t * invLs2[l];
        }
        return outputscale * kind.base(r2);
    }

    /** Adds w·∂k(a_i, c_j)/∂c_j to grad[gOff .. gOff+d). */
    void addGradWrtSecond(double[] a, int i, double[] c, int j, double w, double[] grad, int gOff) {
        if (w == 0) return;
        double r2 = 0;
        int ai = i * d, cj = j * d;
        for (int l = 0; l < d; l++) {
            double t = a[ai + l] - c[cj + l];
            r2 += t * t * invLs2[l];
        }
        double g = w * outputscale * kind.dBase2(r2);
        for (int l = 0; l < d; l++) {
            grad[gOff + l] += g * (c[cj + l] - a[ai + l]) * invLs2[l];
        }
    }

    /**
     * Writes the posterior mean at xq (q×d, not modified) into {@code mean} (length q) and returns L⁻¹·K(X, xq)
     * (n×q, a new array), the whitened cross-covariance both predictions need.
     */
    private double[] meanAndWhitenedCross(double[] xq, int q, double[] mean) {
        double[] kx = new double[n * q];
        matrix(x, n, xq, q, kx);
        for (int j = 0; j < q; j++) {
            double m = meanConstant;
            for (int i = 0; i < n; i++) m += kx[i * q + j] * alpha[i];
            mean[j] = m;
        }
        Dense.solveLower(chol, n, kx, q);
        return kx;
    }

    /**
     * Marginal posterior of the latent f at xq (q×d, not modified): mean and variance written into the given
     * arrays (length q). Thread-safe.
     */
    public void predict(double[] xq, int q, double[] mean, double[] variance) {
        double[] kx = meanAndWhitenedCross(xq, q, mean);
        for (int j = 0; j < q; j++) {
            double v = outputscale * kind.base(0);
            for (int i = 0; i < n; i++) v -= kx[i * q + j] * kx[i * q + j];
            variance[j] = Math.max(v, 1e-30 * outputscale);
        }
    }

    /** Joint latent posterior at xq (q×d): mean (q) and covariance (q×q) into the given arrays. */
    public void predictJoint(double[] xq, int q, double[] mean, double[] cov) {
        double[] kx = meanAndWhitenedCross(xq, q, mean);
        matrix(xq, q, xq, q, cov);
        for (int a = 0; a < q; a++) {
            for (int b = 0; b < q; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) s += kx[i * q + a] * kx[i * q + b];
                cov[a * q + b] -= s;
            }
        }
    }

    /**
     * Gradient of Σ_j dMean_j·mean_j + Σ_j dStd_j·std_j wrt xq, added into gradX (q×d), for the marginal posterior
     * at xq (used by analytic acquisitions).
     */
    public void backpropagateMeanStd(double[] xq, int q, double[] dMean, double[] dStd, double[] gradX) {
        double[] kx = new double[n * q];
        matrix(x, n, xq, q, kx);
        double[] v = kx.clone();
        Dense.solveLower(chol, n, v, q);
        double[] kinvk = v.clone();
        Dense.solveLowerTransposed(chol, n, kinvk, q);
        for (int j = 0; j < q; j++) {
            double var = outputscale * kind.base(0);
            for (int i = 0; i < n; i++) var -= v[i * q + j] * v[i * q + j];
            var = Math.max(var, 1e-30 * outputscale);
            double std = Math.sqrt(var);
            // dstd = dvar / (2 std); dvar/dk_i = −2 (K⁻¹k)_i
            double wVar = dStd == null ? 0 : dStd[j] / (2 * std);
            for (int i = 0; i < n; i++) {
                double w = (dMean == null ? 0 : dMean[j] * alpha[i]) - 2 * wVar * kinvk[i * q + j];
                addGradWrtSecond(x, i, xq, j, w, gradX, j * d);
            }
        }
    }

    /** Total log marginal likelihood of the training data under these hyperparameters. */
    public double logMarginalLikelihood() {
        double quad = 0, logDet = 0;
        for (int i = 0; i < n; i++) {
            quad += (y[i] - meanConstant) * alpha[i];
            logDet += 2 * Math.log(chol[i * n + i]);
        }
        return -0.5 * quad - 0.5 * logDet - 0.5 * n * Math.log(2 * Math.PI);
    }

    /** The joint posterior over baseline rows b (nb×d, not modified) plus moving candidates. */
    public JointPosterior jointPosterior(double[] baseline, int nb) {
        return new JointPosterior(this, baseline, nb);
    }
}

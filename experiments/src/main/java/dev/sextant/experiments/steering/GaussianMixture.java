package dev.sextant.experiments.steering;

import java.util.Random;

/**
 * A Gaussian mixture with diagonal covariances in d dimensions: K weights (summing to 1), means K×d row-major,
 * variances K×d row-major (all > 0). Immutable (arrays are copied in and never exposed).
 * Its noised marginals under a VP diffusion ({@link #noised}) and its tilt by a Gaussian bump reward ({@link #tilted})
 * are again Gaussian mixtures, which is what makes every score in the steering workload exact.
 */
public final class GaussianMixture {
    private final int k;
    private final int d;
    private final double[] weights;
    private final double[] logWeights;
    private final double[] means;
    private final double[] variances;

    public GaussianMixture(double[] weights, double[] means, double[] variances, int d) {
        this.k = weights.length;
        this.d = d;
        if (k == 0 || d <= 0 || means.length != k * d || variances.length != k * d) {
            throw new IllegalArgumentException("mixture shapes: " + k + " weights, d=" + d + ", means " + means.length
                    + ", variances " + variances.length + " (expected K*d each)");
        }
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("mixture weights must be finite and >= 0");
            }
            total += w;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("mixture weights sum to 0");
        }
        this.weights = new double[k];
        this.logWeights = new double[k];
        for (int i = 0; i < k; i++) {
            this.weights[i] = weights[i] / total;
            this.logWeights[i] = Math.log(this.weights[i]);
        }
        for (double v : variances) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("mixture variances must be finite and > 0, got " + v);
            }
        }
        this.means = means.clone();
        this.variances = variances.clone();
    }

    public int components() { return k; }
    public int dimension() { return d; }
    public double weight(int i) { return weights[i]; }
    public double mean(int i, int j) { return means[i * d + j]; }
    public double variance(int i, int j) { return variances[i * d + j]; }

    /** Log density at x (length d). */
    public double logDensity(double[] x) {
        double[] lp = new double[k];
        componentLogDensities(x, lp);
        return logSumExp(lp);
    }

    private void componentLogDensities(double[] x, double[] out) {
        for (int i = 0; i < k; i++) {
            double s = logWeights[i];
            for (int j = 0; j < d; j++) {
                double v = variances[i * d + j];
                double r = x[j] - means[i * d + j];
                s += -0.5 * (r * r / v + Math.log(2 * Math.PI * v));
            }
            out[i] = s;
        }
    }

    /**
     * Score ∇ log p(x) into {@code out} (length d). x not modified. {@code work} has length ≥ K (scratch).
     */
    public void score(double[] x, double[] out, double[] work) {
        componentLogDensities(x, work);
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            m = Math.max(m, work[i]);
        }
        double z = 0;
        for (int i = 0; i < k; i++) {
            work[i] = Math.exp(work[i] - m);
            z += work[i];
        }
        java.util.Arrays.fill(out, 0, d, 0.0);
        for (int i = 0; i < k; i++) {
            double g = work[i] / z;
            for (int j = 0; j < d; j++) {
                out[j] -= g * (x[j] - means[i * d + j]) / variances[i * d + j];
            }
        }
    }

    /** Marginal of α·X + σ·ε (X ~ this, ε standard normal): means α·μ, variances α²·v + σ². */
    public GaussianMixture noised(double alpha, double sigma2) {
        double[] m = new double[k * d];
        double[] v = new double[k * d];
        for (int i = 0; i < k * d; i++) {
            m[i] = alpha * means[i];
            v[i] = alpha * alpha * variances[i] + sigma2;
        }
        return new GaussianMixture(weights, m, v, d);
    }

    /**
     * The tilted distribution ∝ p(x)·r(x)^β for the Gaussian bump r(x) = exp(−|x − c|²/(2s²)); β ≥ 0 (β = 0 gives
     * this mixture). Exact: each component becomes a Gaussian and its weight is multiplied by N(c; μ, v + s²/β).
     */
    public GaussianMixture tilted(double[] center, double width, double beta) {
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
        }
        if (beta == 0) {
            return this;
        }
        double lam = beta / (width * width);
        double[] m = new double[k * d];
        double[] v = new double[k * d];
        double[] lw = new double[k];
        for (int i = 0; i < k; i++) {
            double s = logWeights[i];
            for (int j = 0; j < d; j++) {
                double vi = variances[i * d + j];
                double prec = 1 / vi + lam;
                v[i * d + j] = 1 / prec;
                m[i * d + j] = (means[i * d + j] / vi + lam * center[j]) / prec;
                double tv = vi + 1 / lam;
                double r = center[j] - means[i * d + j];
                s += -0.5 * (r * r / tv + Math.log(tv));
            }
            lw[i] = s;
        }
        double mx = Double.NEGATIVE_INFINITY;
        for (double x : lw) {
            mx = Math.max(mx, x);
        }
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            w[i] = Math.exp(lw[i] - mx);
        }
        return new GaussianMixture(w, m, v, d);
    }

    /** n independent draws, n×d row-major. */
    public double[] sample(int n, Random rnd) {
        double[] out = new double[n * d];
        for (int s = 0; s < n; s++) {
            double u = rnd.nextDouble();
            int c = 0;
            double acc = weights[0];
            while (u > acc && c < k - 1) {
                c++;
                acc += weights[c];
            }
            for (int j = 0; j < d; j++) {
                out[s * d + j] = means[c * d + j] + Math.sqrt(variances[c * d + j]) * rnd.nextGaussian();
            }
        }
        return out;
    }

    /** E_{y ~ this} k(x, y) for the Gaussian kernel k(x, y) = exp(−|x − y|²/(2h²)); x length d. */
    public double expectedKernel(double[] x, int offset, double h) {
        double h2 = h * h;
        double total = 0;
        for (int i = 0; i < k; i++) {
            double s = 0;
            double f = 1;
            for (int j = 0; j < d; j++) {
                double t = h2 + variances[i * d + j];
                double r = x[offset + j] - means[i * d + j];
                s += r * r / t;
                f *= h2 / t;
            }
            total += weights[i] * Math.sqrt(f) * Math.exp(-0.5 * s);
        }
        return total;
    }

    /** E_{y, y' ~ this, independent} k(y, y') for the Gaussian kernel of bandwidth h. */
    public double expectedKernelSelf(double h) {
        double h2 = h * h;
        double total = 0;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double s = 0;
                double f = 1;
                for (int j = 0; j < d; j++) {
                    double t = h2 + variances[a * d + j] + variances[b * d + j];
                    double r = means[a * d + j] - means[b * d + j];
                    s += r * r / t;
                    f *= h2 / t;
                }
                total += weights[a] * weights[b] * Math.sqrt(f) * Math.exp(-0.5 * s);
            }
        }
        return total;
    }

    static double logSumExp(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : a) {
            m = Math.max(m, x);
        }
        double s = 0;
        for (double x : a) {
            s += Math.exp(x - m);
        }
        return m + Math.log(s);
    }
}

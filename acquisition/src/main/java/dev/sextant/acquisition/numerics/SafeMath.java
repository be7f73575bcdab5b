package dev.sextant.acquisition.numerics;

import org.apache.commons.math3.special.Erf;

/**
 * Scalar functions that stay accurate far into their tails. All are pure; arrays passed in are not modified
 * unless stated.
 */
public final class SafeMath {
    private SafeMath() {}

    public static final double LOG_2PI_HALF = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double INV_SQRT_PI = 1.0 / Math.sqrt(Math.PI);
    private static final double LOG_SQRT_PI_DIV_2 = 0.5 * Math.log(Math.PI / 2);
    /** Weight of the Cauchy term in the fat-tailed softplus; keeps it monotone and convex. */
    public static final double FAT_ALPHA = 0.1;
    private static final double INV_SQRT3 = Math.sqrt(1.0 / 3.0);

    /** Standard normal density φ(z). */
    public static double phi(double z) {
        return Math.exp(-0.5 * z * z - LOG_2PI_HALF);
    }

    /** log φ(z). */
    public static double logPhi(double z) {
        return -0.5 * z * z - LOG_2PI_HALF;
    }

    /** Standard normal CDF Φ(z), accurate in the lower tail (relative) through erfc. */
    public static double cdf(double z) {
        return 0.5 * Erf.erfc(-z / SQRT2);
    }

    /** log Φ(z), accurate for very negative z (uses erfcx) and for z near +∞ (log1p). */
    public static double logCdf(double z) {
        if (z > -1) {
            return Math.log1p(-0.5 * Erf.erfc(z / SQRT2));
        }
        double x = -z / SQRT2;
        return Math.log(0.5 * erfcx(x)) - x * x;
    }

    /**
     * Scaled complementary error function erfcx(x) = exp(x²)·erfc(x) with full relative accuracy for x ≥ 0
     * (erfc through the incomplete gamma function below 10, the asymptotic series above).
     * For negative x it uses 2·exp(x²) − erfcx(−x), which overflows for x &lt; −26.6.
     */
    public static double erfcx(double x) {
        if (x < 0) {
            return 2 * Math.exp(x * x) - erfcx(-x);
        }
        if (x < 10) {
            return Math.exp(x * x) * Erf.erfc(x);
        }
        // asymptotic series: 1/(x√π) Σ_k (−1)^k (2k−1)!! / (2x²)^k (terms < 1e-19 by k = 16 for x ≥ 10)
        double t = 1.0 / (2 * x * x);
        double term = 1, sum = 1;
        for (int k = 1; k < 18; k++) {
            term *= -(2 * k - 1) * t;
            sum += term;
        }
        return sum * INV_SQRT_PI / x;
    }

    /** h(z) = φ(z) + zΦ(z), the standardised expected improvement. Underflows for z below ~−38. */
    public static double eiHelper(double z) {
        return phi(z) + z * cdf(z);
    }

    /**
     * log h(z) for all finite z: direct for z > −1, else log φ(z) + log(1 − |z|Φ(z)/φ(z)) with the ratio
     * written through erfcx, and the −2·log|z| asymptote below −1e6.
     */
    public static double logEiHelper(double z) {
        if (z > -1) {
            return Math.log(eiHelper(z));
        }
        if (z < -1e6) {
            return logPhi(z) - 2 * Math.log(-z);
        }
        double w = Math.log(erfcx(-z / SQRT2) * -z) + LOG_SQRT_PI_DIV_2; // log(|z|Φ(z)/φ(z)) < 0
        return logPhi(z) + log1mexp(w);
    }

    /** log(1 − exp(x)) for x < 0 (Mächler 2012). */
    public static double log1mexp(double x) {
        return x > -Math.log(2) ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
    }

    /** log(1 + exp(x)). */
    public static double log1pexp(double x) {
        if (x <= -37) return Math.exp(x);
        if (x <= 18) return Math.log1p(Math.exp(x));
        if (x <= 33.3) return x + Math.exp(-x);
        return x;
    }

    /** Logistic sigmoid 1/(1+exp(−x)). */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** log sigmoid(x) = −log1pexp(−x). */
    public static double logSigmoid(double x) {
        return -log1pexp(-x);
    }

    /** Unnormalised Cauchy density 1/(1+x²). */
    public static double cauchy(double x) {
        return 1 / (1 + x * x);
    }

    /** Softplus log(1+exp(x)) (unit temperature). */
    public static double softplus(double x) {
        return log1pexp(x);
    }

    /**
     * Fat-tailed softplus τ·(softplus(x/τ) + α/(1+(x/τ)²)), a smooth ReLU whose left tail decays like 1/x²
     * so its logarithm keeps useful gradients far from the incumbent.
     */
    public static double fatplus(double x, double tau) {
        double u = x / tau;
        return tau * (softplus(u) + FAT_ALPHA * cauchy(u));
    }

    /** log of {@link #fatplus}. */
    public static double logFatplus(double x, double tau) {
        return Math.log(fatplus(x, tau));
    }

    /** d/dx log fatplus(x, τ). */
    public static double logFatplusDerivative(double x, double tau) {
        double u = x / tau;
        double c = cauchy(u);
        double value = softplus(u) + FAT_ALPHA * c;
        double dValue = sigmoid(u) - FAT_ALPHA * 2 * u * c * c; // d/du
        return dValue / value / tau;
    }

    /**
     * Fat-tailed sigmoid (fatmoid) at x/τ: 2/3·cauchy(x−m) for x &lt; 0 and 1 − 2/3·cauchy(x+m) otherwise,
     * m = 1/√3; C² and O(1/x²) in the left tail.
     */
    public static double fatmoid(double x, double tau) {
        double u = x / tau;
        return u < 0 ? 2.0 / 3.0 * cauchy(u - INV_SQRT3) : 1 - 2.0 / 3.0 * cauchy(u + INV_SQRT3);
    }

    /** d/dx fatmoid(x, τ). */
    public static double fatmoidDerivative(double x, double tau) {
        double u = x / tau;
        double v = u < 0 ? u - INV_SQRT3 : u + INV_SQRT3;
        double c = cauchy(v);
        double d = -2 * v * c * c; // d cauchy / dv
        return (u < 0 ? 2.0 / 3.0 * d : -2.0 / 3.0 * d) / tau;
    }

    /**
     * Fat-tailed smooth maximum M + τ·log Σ_j cauchy((x_j − M)/τ), M = max_j x_j; equals x_0 when n = 1.
     * If grad is non-null, writes ∂/∂x_j into grad[gOff + j].
     */
    public static double fatmax(double[] x, int off, int n, double tau, double[] grad, int gOff) {
        if (n == 1) {
            if (grad != null) grad[gOff] = 1;
            return x[off];
        }
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) m = Math.max(m, x[off + j]);
        double sum = 0;
        for (int j = 0; j < n; j++) sum += cauchy((x[off + j] - m) / tau);
        if (grad != null) {
            // d/dx_j [τ log Σ c(y_k)] with y_k = (x_k − M)/τ; the M terms cancel (Σ_j d/dx_j shifts) except via
            // the explicit M, whose total derivative is exactly compensated: treat M as constant.
            for (int j = 0; j < n; j++) {
                double y = (x[off + j] - m) / tau;
                double c = cauchy(y);
                grad[gOff + j] = -2 * y * c * c / sum;
            }
            // Account for M: value = M + τ log Σ c((x−M)/τ); ∂/∂M = 1 + Σ_k 2 y_k c_k²/sum. Add to argmax index.
            int arg = 0;
            for (int j = 1; j < n; j++) if (x[off + j] > x[off + arg]) arg = j;
            double dm = 1;
            for (int j = 0; j < n; j++) dm -= grad[gOff + j];
            grad[gOff + arg] += dm;
        }
        return m + tau * Math.log(sum);
    }

    /** log Σ exp(x_j) over x[off..off+n). If grad non-null, writes softmax weights into grad[gOff + j]. */
    public static double logSumExp(double[] x, int off, int n, double[] grad, int gOff) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) m = Math.max(m, x[off + j]);
        if (m == Double.NEGATIVE_INFINITY) {
            if (grad != null) for (int j = 0; j < n; j++) grad[gOff + j] = 1.0 / n;
            return m;
        }
        double sum = 0;
        for (int j = 0; j < n; j++) sum += Math.exp(x[off + j] - m);
        if (grad != null) {
            for (int j = 0; j < n; j++) grad[gOff + j] = Math.exp(x[off + j] - m) / sum;
        }
        return m + Math.log(sum);
    }

    /**
     * Standard normal quantile Φ⁻¹(p), p in (0,1): Acklam's rational approximation refined by one Halley step
     * (relative error ~1e-15).
     */
    public static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            if (p == 0) return Double.NEGATIVE_INFINITY;
            if (p == 1) return Double.POSITIVE_INFINITY;
            throw new IllegalArgumentException("probability must lie in [0, 1], got " + p);
        }
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        double x;
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else if (p <= 1 - 0.02425) {
            double q = p - 0.5, r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        } else {
            double q = Math.sqrt(-2 * Math.log1p(-p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        // Halley refinement on the tail that is represented accurately.
        double e = (x < 0 ? cdf(x) - p : -(0.5 * Erf.erfc(x / SQRT2) - (1 - p)));
        double u = e * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
        return x - u / (1 + 0.5 * x * u);
    }

    private static final double LOG_EI_SERIES_THRESHOLD = -2.0;

    /** Continued-fraction depth for 10⁻¹⁵ relative accuracy (checked against commons-math for u >= 2). */
    private static int continuedFractionTerms(double u) {
        return u >= 3 ? 40 : 90;
    }

    /** Φ(z) given pdf = φ(z) (series / continued fraction: no special-function call; the tree's hot loop). */
    public static double cdf(double z, double pdf) {
        if (z > 2) {
            return 1 - pdf * millsRatio(z);
        }
        if (z < -2) {
            return pdf * millsRatio(-z);
        }
        // erf(x) = (2/√π) e^{−x²} Σ 2ⁿ x^{2n+1} / (2n+1)!!, x = |z|/√2; (2/√π)e^{−x²} = 2√2·φ(z)
        double x = Math.abs(z) * 0.7071067811865476;
        double x2 = 2 * x * x;
        double term = x;
        double sum = x;
        for (int k = 1; k < 200; k++) {
            term *= x2 / (2 * k + 1);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        double erf = 2 * Math.sqrt(2) * pdf * sum;
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    /** R(u) = Φ(−u)/φ(u) by the continued fraction (u >= 2). */
    private static double millsRatio(double u) {
        double tail = u;
        for (int k = continuedFractionTerms(u); k >= 1; k--) {
            tail = u + k / tail;
        }
        return 1.0 / tail;
    }

    /**
     * out[0] = log h(z), out[1] = d log h(z)/dz = Φ(z)/h(z), for h(z) = φ(z) + zΦ(z) (so log EI(μ, σ; best) =
     * log σ + log h((μ − best)/σ)). For z &lt; −2 both come from continued fractions with no cancellation: with
     * u = −z, R(u) = Φ(−u)/φ(u) (Mills ratio) and T(u) = 1/R(u) − u, h(z) = φ(u)·R(u)·T(u) and the derivative is
     * 1/T(u); Φ comes from the positive-term erf series for |z| ≤ 2. A few hundred nanoseconds (commons-math's erfc
     * costs microseconds), 1e-15 relative accuracy.
     */
    public static void logEiHelperAndDerivative(double z, double[] out) {
        if (z >= LOG_EI_SERIES_THRESHOLD) {
            double pdf = Math.exp(-0.5 * z * z - LOG_2PI_HALF);
            double cdf = cdf(z, pdf);
            double g = pdf + z * cdf;
            out[0] = Math.log(g);
            out[1] = cdf / g;
            return;
        }
        double u = -z;
        // R(u) = 1/(u + 1/(u + 2/(u + 3/(u + ...)))); T(u) = 1/(u + 2/(u + 3/(u + ...)))
        double tail = u;
        for (int k = continuedFractionTerms(u); k >= 2; k--) {
            tail = u + k / tail;
        }
        double t = 1.0 / tail;
        double r = 1.0 / (u + t);
        out[0] = -0.5 * u * u - LOG_2PI_HALF + Math.log(r) + Math.log(t);
        out[1] = 1.0 / t;
    }
}

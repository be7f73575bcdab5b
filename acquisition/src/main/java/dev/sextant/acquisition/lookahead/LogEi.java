package dev.sextant.acquisition.lookahead;

import org.apache.commons.math3.special.Erf;

/**
 * h(z) = log(φ(z) + zΦ(z)), so that log EI(μ, σ; best) = log σ + h((μ − best)/σ), and h'(z) = Φ(z)/(φ(z) + zΦ(z)).
 * For z < −4 both come from continued fractions with no cancellation: with u = −z, R(u) = Φ(−u)/φ(u) (Mills ratio)
 * and T(u) = 1/R(u) − u, φ(z) + zΦ(z) = φ(u)·R(u)·T(u) and h'(z) = 1/T(u).
 */
final class LogEi {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double THRESHOLD = -4.0;
    private static final int TERMS = 90;

    private LogEi() {
    }

    /** out[0] = h(z), out[1] = h'(z). */
    static void evaluate(double z, double[] out) {
        if (z >= THRESHOLD) {
            double pdf = Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
            double cdf = 0.5 * Erf.erfc(-z / Math.sqrt(2));
            double g = pdf + z * cdf;
            out[0] = Math.log(g);
            out[1] = cdf / g;
            return;
        }
        double u = -z;
        // R(u) = 1/(u + 1/(u + 2/(u + 3/(u + ...)))); T(u) = 1/(u + 2/(u + 3/(u + ...)))
        double tail = u;
        for (int k = TERMS; k >= 2; k--) {
            tail = u + k / tail;
        }
        double t = 1.0 / tail;
        double r = 1.0 / (u + t);
        out[0] = -0.5 * u * u - LOG_SQRT_2PI + Math.log(r) + Math.log(t);
        out[1] = 1.0 / t;
    }
}

package dev.sextant.acquisition.lookahead;

import dev.sextant.acquisition.model.KernelKind;

/**
 * k(a, b) and ∂k(a, b)/∂a for an ARD stationary kernel with output scale s² and length scales ℓ (d).
 * Immutable; arrays are copied in.
 */
final class StationaryKernel {
    private static final double SQRT5 = Math.sqrt(5.0);

    private final KernelKind kind;
    private final double outputScale;
    private final double[] invLengthSq;
    final int d;

    StationaryKernel(KernelKind kind, double outputScale, double[] lengthscales) {
        if (!(outputScale > 0) || !Double.isFinite(outputScale)) {
            throw new IllegalArgumentException("output scale must be positive and finite, got " + outputScale);
        }
        this.kind = kind;
        this.outputScale = outputScale;
        this.d = lengthscales.length;
        this.invLengthSq = new double[d];
        for (int i = 0; i < d; i++) {
            double l = lengthscales[i];
            if (!(l > 0) || !Double.isFinite(l)) {
                throw new IllegalArgumentException("length scale " + i + " must be positive and finite, got " + l);
            }
            invLengthSq[i] = 1.0 / (l * l);
        }
    }

    double outputScale() {
        return outputScale;
    }

    /** k(a[ao..ao+d), b[bo..bo+d)). */
    double value(double[] a, int ao, double[] b, int bo) {
        double r2 = 0;
        for (int i = 0; i < d; i++) {
            double t = a[ao + i] - b[bo + i];
            r2 += t * t * invLengthSq[i];
        }
        if (kind == KernelKind.RBF) {
            return outputScale * Math.exp(-0.5 * r2);
        }
        double r = Math.sqrt(r2);
        return outputScale * (1 + SQRT5 * r + 5.0 / 3.0 * r2) * Math.exp(-SQRT5 * r);
    }

    /** grad[go..go+d) += w · ∂k(a, b)/∂a. Smooth at a = b (the derivative is 0 there). */
    void addGradientWrtFirst(double[] a, int ao, double[] b, int bo, double w, double[] grad, int go) {
        double r2 = 0;
        for (int i = 0; i < d; i++) {
            double t = a[ao + i] - b[bo + i];
            r2 += t * t * invLengthSq[i];
        }
        double f; // ∂k/∂a_i = f · (a_i − b_i)/ℓ_i²
        if (kind == KernelKind.RBF) {
            f = -outputScale * Math.exp(-0.5 * r2);
        } else {
            double r = Math.sqrt(r2);
            f = -outputScale * (5.0 / 3.0) * (1 + SQRT5 * r) * Math.exp(-SQRT5 * r);
        }
        f *= w;
        for (int i = 0; i < d; i++) {
            grad[go + i] += f * (a[ao + i] - b[bo + i]) * invLengthSq[i];
        }
    }
}

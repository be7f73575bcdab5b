package dev.sextant.surrogate.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Input warping: k(x, x') = k₀(w(x), w(x')) with w applied to each coordinate of the unit cube,
 * w_m(x) = 1 − (1 − z^{a_m})^{b_m}, the Kumaraswamy CDF, where z = ε + (1 − 2ε)·x keeps z inside (0, 1) so that
 * every derivative stays finite at the cube's faces. a_m = b_m = 1 is the identity (up to ε); a &lt; 1 stretches the
 * low end of a coordinate, b &lt; 1 the high end, so a stationary k₀ can follow a function whose length scale changes
 * across the cube (e.g. a log-scaled parameter given on a linear scale).
 *
 * <p>Hyperparameters: the inner kernel's, then log a_0..log a_{d−1}, then log b_0..log b_{d−1} (kind
 * {@link HyperparameterKind#WARP}). Gradients with respect to them go through the inner kernel's input gradient:
 * Σ_ij W_ij ∂k/∂θ = 2 Σ_i (Σ_j W_ij ∂k₀(u_i, u_j)/∂u_i) · ∂u_i/∂θ for symmetric W. Immutable.
 */
final class WarpedKernel implements Kernel {
    /** Offset keeping warped coordinates away from 0 and 1. */
    static final double EPS = 1e-6;

    private final Kernel inner;
    private final int d;
    private final double[] logA;
    private final double[] logB;
    private final double[] a;
    private final double[] b;
    private final ThreadLocal<double[][]> scratch;

    WarpedKernel(Kernel inner, double[] logA, double[] logB) {
        this.inner = inner;
        this.d = inner.dimension();
        if (logA.length != d || logB.length != d) {
            throw new IllegalArgumentException("warping needs " + d + " values of log a and of log b");
        }
        this.logA = logA.clone();
        this.logB = logB.clone();
        this.a = new double[d];
        this.b = new double[d];
        for (int m = 0; m < d; m++) {
            a[m] = Math.exp(logA[m]);
            b[m] = Math.exp(logB[m]);
        }
        this.scratch = ThreadLocal.withInitial(() -> new double[][] {new double[d], new double[d], new double[d]});
    }

    /** The unwarped kernel. */
    Kernel inner() {
        return inner;
    }

    @Override
    public boolean isWarped() {
        return true;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int numHyperparameters() {
        return inner.numHyperparameters() + 2 * d;
    }

    @Override
    public double[] hyperparameters() {
        int ni = inner.numHyperparameters();
        double[] t = new double[ni + 2 * d];
        System.arraycopy(inner.hyperparameters(), 0, t, 0, ni);
        System.arraycopy(logA, 0, t, ni, d);
        System.arraycopy(logB, 0, t, ni + d, d);
        return t;
    }

    @Override
    public List<String> hyperparameterNames() {
        List<String> names = new ArrayList<>(inner.hyperparameterNames());
        for (int m = 0; m < d; m++) {
            names.add("warp_a[" + m + "]");
        }
        for (int m = 0; m < d; m++) {
            names.add("warp_b[" + m + "]");
        }
        return Collections.unmodifiableList(names);
    }

    @Override
    public List<HyperparameterKind> hyperparameterKinds() {
        List<HyperparameterKind> kinds = new ArrayList<>(inner.hyperparameterKinds());
        for (int m = 0; m < 2 * d; m++) {
            kinds.add(HyperparameterKind.WARP);
        }
        return Collections.unmodifiableList(kinds);
    }

    @Override
    public Kernel withHyperparameters(double[] t) {
        if (t.length != numHyperparameters()) {
            throw new IllegalArgumentException("expected " + numHyperparameters() + " log hyperparameters, got " + t.length);
        }
        int ni = inner.numHyperparameters();
        return new WarpedKernel(inner.withHyperparameters(java.util.Arrays.copyOf(t, ni)),
                java.util.Arrays.copyOfRange(t, ni, ni + d), java.util.Arrays.copyOfRange(t, ni + d, ni + 2 * d));
    }

    /** w(x) of coordinate m. */
    private double warp(double x, int m) {
        double z = EPS + (1 - 2 * EPS) * x;
        double p = Math.exp(a[m] * Math.log(z));
        return -Math.expm1(b[m] * Math.log1p(-p));
    }

    /** dw/dx of coordinate m. */
    private double warpDerivative(double x, int m) {
        double z = EPS + (1 - 2 * EPS) * x;
        double lz = Math.log(z);
        double p = Math.exp(a[m] * lz);
        return (1 - 2 * EPS) * a[m] * b[m] * Math.exp((a[m] - 1) * lz + (b[m] - 1) * Math.log1p(-p));
    }

    /** Warped rows: out (n×d) = w(x). */
    private double[] warpAll(double[] x, int n) {
        double[] u = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < d; m++) {
                u[i * d + m] = warp(x[i * d + m], m);
            }
        }
        return u;
    }

    private void warpRow(double[] x, int o, double[] out) {
        for (int m = 0; m < d; m++) {
            out[m] = warp(x[o + m], m);
        }
    }

    @Override
    public void matrix(double[] x1, int n1, double[] x2, int n2, int dd, double[] out) {
        double[] u1 = warpAll(x1, n1);
        inner.matrix(u1, n1, x2 == x1 ? u1 : warpAll(x2, n2), n2, dd, out);
    }

    @Override
    public void symmetricMatrix(double[] x, int n, double[] out) {
        inner.symmetricMatrix(warpAll(x, n), n, out);
    }

    @Override
    public void diagonal(double[] x, int n, double[] out) {
        inner.diagonal(warpAll(x, n), n, out);
    }

    @Override
    public void gradientWrtHyperparameters(double[] x, int n, double[] w, double[] grad) {
        double[] u = warpAll(x, n);
        int ni = inner.numHyperparameters();
        double[] gi = new double[ni];
        inner.gradientWrtHyperparameters(u, n, w, gi);
        for (int i = 0; i < ni; i++) {
            grad[i] += gi[i];
        }
        double[] full = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                full[i * n + j] = w[i * n + j];
                full[j * n + i] = w[i * n + j];
            }
        }
        double[] gu = new double[n * d];
        inner.gradientWrtX1(u, n, u, n, full, gu);
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < d; m++) {
                double z = EPS + (1 - 2 * EPS) * x[i * d + m];
                double lz = Math.log(z);
                double p = Math.exp(a[m] * lz);
                double l1p = Math.log1p(-p);
                double q = Math.exp(b[m] * l1p);                        // (1 − z^a)^b
                double dLogA = b[m] * Math.exp((b[m] - 1) * l1p) * p * lz * a[m];
                double dLogB = -q * l1p * b[m];
                double g = 2 * gu[i * d + m];
                grad[ni + m] += g * dLogA;
                grad[ni + d + m] += g * dLogB;
            }
        }
    }

    @Override
    public double value(double[] x1, int o1, double[] x2, int o2) {
        double[][] s = scratch.get();
        warpRow(x1, o1, s[0]);
        warpRow(x2, o2, s[1]);
        return inner.value(s[0], 0, s[1], 0);
    }

    @Override
    public void addGradientWrtFirst(double[] x1, int o1, double[] x2, int o2, double w, double[] grad, int go) {
        if (w == 0) {
            return;
        }
        double[][] s = scratch.get();
        warpRow(x1, o1, s[0]);
        warpRow(x2, o2, s[1]);
        double[] g = s[2];
        java.util.Arrays.fill(g, 0);
        inner.addGradientWrtFirst(s[0], 0, s[1], 0, w, g, 0);
        for (int m = 0; m < d; m++) {
            grad[go + m] += g[m] * warpDerivative(x1[o1 + m], m);
        }
    }

    @Override
    public void gradientWrtX1(double[] x1, int n1, double[] x2, int n2, double[] w, double[] gradX1) {
        double[] u1 = warpAll(x1, n1);
        double[] u2 = x2 == x1 ? u1 : warpAll(x2, n2);
        double[] gu = new double[n1 * d];
        inner.gradientWrtX1(u1, n1, u2, n2, w, gu);
        for (int i = 0; i < n1; i++) {
            for (int m = 0; m < d; m++) {
                gradX1[i * d + m] += gu[i * d + m] * warpDerivative(x1[i * d + m], m);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("warped(").append(inner).append(", a=[");
        for (int m = 0; m < d; m++) {
            sb.append(m > 0 ? ", " : "").append(String.format("%.3g", a[m]));
        }
        sb.append("], b=[");
        for (int m = 0; m < d; m++) {
            sb.append(m > 0 ? ", " : "").append(String.format("%.3g", b[m]));
        }
        return sb.append("])").toString();
    }
}

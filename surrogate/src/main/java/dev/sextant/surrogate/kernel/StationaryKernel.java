package dev.sextant.surrogate.kernel;

import dev.sextant.surrogate.linalg.Parallel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * k(x,x') = s · g(u), u = Σ_m (x_m − x'_m)² / ℓ_m². The base functions are written in u = r² so that
 * g'(u) is finite at r = 0 for all three types (no 0/0 in the Matérn derivatives).
 */
final class StationaryKernel implements Kernel {
    private static final double SQRT5 = Math.sqrt(5.0);
    private static final double SQRT3 = Math.sqrt(3.0);

    private final KernelType type;
    private final int d;
    private final double[] logTheta;   // d log lengthscales, log outputscale
    private final double[] invL2;      // 1/ℓ_m²
    private final double outputscale;

    StationaryKernel(KernelType type, int d) {
        this(type, d, new double[d + 1]);
    }

    private StationaryKernel(KernelType type, int d, double[] logTheta) {
        if (d < 1) {
            throw new IllegalArgumentException("kernel dimension must be ≥ 1, got " + d);
        }
        this.type = type;
        this.d = d;
        this.logTheta = logTheta;
        this.invL2 = new double[d];
        for (int m = 0; m < d; m++) {
            invL2[m] = Math.exp(-2 * logTheta[m]);
        }
        this.outputscale = Math.exp(logTheta[d]);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int numHyperparameters() {
        return d + 1;
    }

    @Override
    public double[] hyperparameters() {
        return logTheta.clone();
    }

    @Override
    public List<String> hyperparameterNames() {
        List<String> names = new ArrayList<>(d + 1);
        for (int m = 0; m < d; m++) {
            names.add("lengthscale[" + m + "]");
        }
        names.add("outputscale");
        return Collections.unmodifiableList(names);
    }

    @Override
    public List<HyperparameterKind> hyperparameterKinds() {
        List<HyperparameterKind> kinds = new ArrayList<>(d + 1);
        for (int m = 0; m < d; m++) {
            kinds.add(HyperparameterKind.LENGTHSCALE);
        }
        kinds.add(HyperparameterKind.OUTPUTSCALE);
        return Collections.unmodifiableList(kinds);
    }

    @Override
    public Kernel withHyperparameters(double[] theta) {
        if (theta.length != d + 1) {
            throw new IllegalArgumentException("expected " + (d + 1) + " log hyperparameters, got " + theta.length);
        }
        for (int i = 0; i < theta.length; i++) {
            if (!Double.isFinite(theta[i])) {
                throw new IllegalArgumentException("log hyperparameter " + hyperparameterNames().get(i) + " is " + theta[i]);
            }
        }
        return new StationaryKernel(type, d, theta.clone());
    }

    @Override
    public java.util.Optional<KernelType> stationaryType() {
        return java.util.Optional.of(type);
    }

    /** g(u). */
    private double g(double u) {
        switch (type) {
            case MATERN52: {
                double r = Math.sqrt(u);
                return (1 + SQRT5 * r + (5.0 / 3.0) * u) * Math.exp(-SQRT5 * r);
            }
            case MATERN32: {
                double r = Math.sqrt(u);
                return (1 + SQRT3 * r) * Math.exp(-SQRT3 * r);
            }
            default:
                return Math.exp(-0.5 * u);
        }
    }

    /** g'(u) = dg/du. */
    private double dg(double u) {
        switch (type) {
            case MATERN52: {
                double r = Math.sqrt(u);
                return -(5.0 / 6.0) * (1 + SQRT5 * r) * Math.exp(-SQRT5 * r);
            }
            case MATERN32:
                return -1.5 * Math.exp(-SQRT3 * Math.sqrt(u));
            default:
                return -0.5 * Math.exp(-0.5 * u);
        }
    }

    private double u(double[] x1, int o1, double[] x2, int o2) {
        double u = 0;
        for (int m = 0; m < d; m++) {
            double t = x1[o1 + m] - x2[o2 + m];
            u += t * t * invL2[m];
        }
        return u;
    }

    private void checkD(int dd) {
        if (dd != d) {
            throw new IllegalArgumentException("points have dimension " + dd + " but the kernel has dimension " + d);
        }
    }

    @Override
    public void matrix(double[] x1, int n1, double[] x2, int n2, int dd, double[] out) {
        checkD(dd);
        for (int i = 0; i < n1; i++) {
            int o = i * n2;
            for (int j = 0; j < n2; j++) {
                out[o + j] = outputscale * g(u(x1, i * d, x2, j * d));
            }
        }
    }

    @Override
    public void symmetricMatrix(double[] x, int n, double[] out) {
        if (Parallel.worthIt(n)) {
            int mid = Parallel.lowerTriangleSplit(n);
            Parallel.runPair(() -> symmetricRows(x, n, out, 0, mid), () -> symmetricRows(x, n, out, mid, n));
        } else {
            symmetricRows(x, n, out, 0, n);
        }
    }

    @Override
    public boolean symmetricMatrix(double[] x, int n, double[] out, double[] cache) {
        if (Parallel.worthIt(n)) {
            int mid = Parallel.lowerTriangleSplit(n);
            Parallel.runPair(() -> symmetricRowsCached(x, n, out, cache, 0, mid),
                    () -> symmetricRowsCached(x, n, out, cache, mid, n));
        } else {
            symmetricRowsCached(x, n, out, cache, 0, n);
        }
        return true;
    }

    /**
     * Rows [i0, i1) of the lower triangle, mirrored, with g(u) and g'(u) of pair (i, j), j &lt; i, at
     * cache[i(i−1) + 2j] and cache[i(i−1) + 2j + 1] (packed lower triangle, n(n−1) ≤ n² entries).
     */
    private void symmetricRowsCached(double[] x, int n, double[] out, double[] cache, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            out[i * n + i] = outputscale;
            int oi = i * d;
            int base = i * (i - 1);
            for (int j = 0; j < i; j++) {
                double u = u(x, oi, x, j * d);
                double gu;
                double dgu;
                switch (type) {
                    case MATERN52: {
                        double r = Math.sqrt(u);
                        double e = Math.exp(-SQRT5 * r);
                        gu = (1 + SQRT5 * r + (5.0 / 3.0) * u) * e;
                        dgu = -(5.0 / 6.0) * (1 + SQRT5 * r) * e;
                        break;
                    }
                    case MATERN32: {
                        double r = Math.sqrt(u);
                        double e = Math.exp(-SQRT3 * r);
                        gu = (1 + SQRT3 * r) * e;
                        dgu = -1.5 * e;
                        break;
                    }
                    default: {
                        gu = Math.exp(-0.5 * u);
                        dgu = -0.5 * gu;
                    }
                }
                double k = outputscale * gu;
                out[i * n + j] = k;
                out[j * n + i] = k;
                cache[base + 2 * j] = gu;
                cache[base + 2 * j + 1] = dgu;
            }
        }
    }

    @Override
    public void gradientWrtHyperparameters(double[] x, int n, double[] w, double[] grad, double[] cache) {
        double[] acc = new double[d + 1];
        if (Parallel.worthIt(n)) {
            int mid = Parallel.lowerTriangleSplit(n);
            double[] acc2 = new double[d + 1];
            Parallel.runPair(() -> gradientRowsCached(x, n, w, cache, acc, 0, mid),
                    () -> gradientRowsCached(x, n, w, cache, acc2, mid, n));
            for (int m = 0; m <= d; m++) {
                acc[m] += acc2[m];
            }
        } else {
            gradientRowsCached(x, n, w, cache, acc, 0, n);
        }
        for (int m = 0; m < d; m++) {
            grad[m] += acc[m] * invL2[m];
        }
        grad[d] += acc[d];
    }

    /** {@link #gradientRows} with g and g' read from the cache of {@link #symmetricRowsCached}. */
    private void gradientRowsCached(double[] x, int n, double[] w, double[] cache, double[] acc, int i0, int i1) {
        double sOut = 0;
        for (int i = i0; i < i1; i++) {
            int oi = i * d;
            int base = i * (i - 1);
            sOut += w[i * n + i] * outputscale;
            for (int j = 0; j < i; j++) {
                double wij = 2 * w[i * n + j];
                if (wij == 0) {
                    continue;
                }
                int oj = j * d;
                sOut += wij * outputscale * cache[base + 2 * j];
                double f = wij * outputscale * cache[base + 2 * j + 1] * -2.0;
                for (int m = 0; m < d; m++) {
                    double t = x[oi + m] - x[oj + m];
                    acc[m] += f * t * t;
                }
            }
        }
        acc[d] += sOut;
    }

    /** Rows [i0, i1) of the lower triangle, mirrored. */
    private void symmetricRows(double[] x, int n, double[] out, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            out[i * n + i] = outputscale;
            for (int j = 0; j < i; j++) {
                double k = outputscale * g(u(x, i * d, x, j * d));
                out[i * n + j] = k;
                out[j * n + i] = k;
            }
        }
    }

    @Override
    public void diagonal(double[] x, int n, double[] out) {
        java.util.Arrays.fill(out, 0, n, outputscale);
    }

    @Override
    public void gradientWrtHyperparameters(double[] x, int n, double[] w, double[] grad) {
        double[] acc = new double[d + 1];   // lengthscale sums, then the outputscale term
        if (Parallel.worthIt(n)) {
            int mid = Parallel.lowerTriangleSplit(n);
            double[] acc2 = new double[d + 1];
            Parallel.runPair(() -> gradientRows(x, n, w, acc, 0, mid), () -> gradientRows(x, n, w, acc2, mid, n));
            for (int m = 0; m <= d; m++) {
                acc[m] += acc2[m];
            }
        } else {
            gradientRows(x, n, w, acc, 0, n);
        }
        for (int m = 0; m < d; m++) {
            grad[m] += acc[m] * invL2[m];
        }
        grad[d] += acc[d];
    }

    /** Rows [i0, i1) of the contraction: acc[m] += Σ 2w_ij ∂k_ij/∂logℓ_m·ℓ_m², acc[d] += Σ w_ij k_ij. */
    private void gradientRows(double[] x, int n, double[] w, double[] acc, int i0, int i1) {
        double sOut = 0;
        for (int i = i0; i < i1; i++) {
            int oi = i * d;
            sOut += w[i * n + i] * outputscale;
            for (int j = 0; j < i; j++) {
                int oj = j * d;
                double wij = 2 * w[i * n + j];   // symmetric: pair (i,j) and (j,i)
                if (wij == 0) {
                    continue;
                }
                double u = u(x, oi, x, oj);
                double gu;
                double dgu;
                // fused g and g' evaluation (one exp)
                switch (type) {
                    case MATERN52: {
                        double r = Math.sqrt(u);
                        double e = Math.exp(-SQRT5 * r);
                        gu = (1 + SQRT5 * r + (5.0 / 3.0) * u) * e;
                        dgu = -(5.0 / 6.0) * (1 + SQRT5 * r) * e;
                        break;
                    }
                    case MATERN32: {
                        double r = Math.sqrt(u);
                        double e = Math.exp(-SQRT3 * r);
                        gu = (1 + SQRT3 * r) * e;
                        dgu = -1.5 * e;
                        break;
                    }
                    default: {
                        gu = Math.exp(-0.5 * u);
                        dgu = -0.5 * gu;
                    }
                }
                sOut += wij * outputscale * gu;
                // ∂k/∂logℓ_m = s g'(u) (−2 Δ_m²/ℓ_m²)
                double f = wij * outputscale * dgu * -2.0;
                for (int m = 0; m < d; m++) {
                    double t = x[oi + m] - x[oj + m];
                    acc[m] += f * t * t;
                }
            }
        }
        acc[d] += sOut;
    }

    @Override
    public void gradientWrtX1(double[] x1, int n1, double[] x2, int n2, double[] w, double[] gradX1) {
        for (int i = 0; i < n1; i++) {
            int oi = i * d;
            for (int j = 0; j < n2; j++) {
                double wij = w[i * n2 + j];
                if (wij == 0) {
                    continue;
                }
                int oj = j * d;
                double f = wij * outputscale * dg(u(x1, oi, x2, oj)) * 2.0;
                for (int m = 0; m < d; m++) {
                    gradX1[oi + m] += f * (x1[oi + m] - x2[oj + m]) * invL2[m];
                }
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.name().toLowerCase()).append("(lengthscales=[");
        for (int m = 0; m < d; m++) {
            sb.append(m > 0 ? ", " : "").append(String.format("%.4g", Math.exp(logTheta[m])));
        }
        return sb.append("], outputscale=").append(String.format("%.4g", outputscale)).append(')').toString();
    }
}

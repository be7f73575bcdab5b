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
        double[][] xt = columns(x, n);
        if (Parallel.worthIt(n)) {
            int mid = Parallel.lowerTriangleSplit(n);
            Parallel.runPair(() -> symmetricRowsCached(xt, n, out, cache, 0, mid),
                    () -> symmetricRowsCached(xt, n, out, cache, mid, n));
        } else {
            symmetricRowsCached(xt, n, out, cache, 0, n);
        }
        return true;
    }

    /** The inputs by dimension: xt[m][i] = x[i·d + m] (contiguous loops over points vectorise). */
    private double[][] columns(double[] x, int n) {
        double[][] xt = new double[d][n];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < d; m++) {
                xt[m][i] = x[i * d + m];
            }
        }
        return xt;
    }

    /**
     * Rows [i0, i1) of the lower triangle, mirrored, with g(u) and g'(u) of pair (i, j), j &lt; i, at
     * cache[i(i−1)/2 + j] and cache[n(n−1)/2 + i(i−1)/2 + j] (packed lower triangles, n(n−1) ≤ n² entries). The
     * squared distances, square roots and polynomial factors run as vectorisable loops over j; only exp is scalar.
     */
    private void symmetricRowsCached(double[][] xt, int n, double[] out, double[] cache, int i0, int i1) {
        int half = n * (n - 1) / 2;
        double[] ub = new double[n];
        double[] rb = new double[n];
        double[] eb = new double[n];
        double[] gb = new double[n];
        double[] db = new double[n];
        for (int i = i0; i < i1; i++) {
            out[i * n + i] = outputscale;
            if (i == 0) {
                continue;
            }
            java.util.Arrays.fill(ub, 0, i, 0.0);
            for (int m = 0; m < d; m++) {
                double[] c = xt[m];
                double xim = c[i];
                double il = invL2[m];
                for (int j = 0; j < i; j++) {
                    double t = xim - c[j];
                    ub[j] += t * t * il;
                }
            }
            switch (type) {
                case MATERN52: {
                    for (int j = 0; j < i; j++) {
                        rb[j] = Math.sqrt(ub[j]);
                    }
                    for (int j = 0; j < i; j++) {
                        eb[j] = Math.exp(-SQRT5 * rb[j]);
                    }
                    for (int j = 0; j < i; j++) {
                        double r = rb[j];
                        double e = eb[j];
                        gb[j] = (1 + SQRT5 * r + (5.0 / 3.0) * ub[j]) * e;
                        db[j] = -(5.0 / 6.0) * (1 + SQRT5 * r) * e;
                    }
                    break;
                }
                case MATERN32: {
                    for (int j = 0; j < i; j++) {
                        rb[j] = Math.sqrt(ub[j]);
                    }
                    for (int j = 0; j < i; j++) {
                        eb[j] = Math.exp(-SQRT3 * rb[j]);
                    }
                    for (int j = 0; j < i; j++) {
                        gb[j] = (1 + SQRT3 * rb[j]) * eb[j];
                        db[j] = -1.5 * eb[j];
                    }
                    break;
                }
                default: {
                    for (int j = 0; j < i; j++) {
                        gb[j] = Math.exp(-0.5 * ub[j]);
                    }
                    for (int j = 0; j < i; j++) {
                        db[j] = -0.5 * gb[j];
                    }
                }
            }
            int base = i * (i - 1) / 2;
            System.arraycopy(gb, 0, cache, base, i);
            System.arraycopy(db, 0, cache, half + base, i);
            int ri = i * n;
            for (int j = 0; j < i; j++) {
                double k = outputscale * gb[j];
                out[ri + j] = k;
                out[j * n + i] = k;
            }
        }
    }

    @Override
    public void gradientWrtHyperparameters(double[] x, int n, double[] w, double[] grad, double[] cache) {
        double[][] xt = columns(x, n);
        double[] acc = new double[d + 1];
        if (Parallel.worthIt(n)) {
            int mid = Parallel.lowerTriangleSplit(n);
            double[] acc2 = new double[d + 1];
            Parallel.runPair(() -> gradientRowsCached(xt, n, w, cache, acc, 0, mid),
                    () -> gradientRowsCached(xt, n, w, cache, acc2, mid, n));
            for (int m = 0; m <= d; m++) {
                acc[m] += acc2[m];
            }
        } else {
            gradientRowsCached(xt, n, w, cache, acc, 0, n);
        }
        for (int m = 0; m < d; m++) {
            grad[m] += acc[m] * invL2[m];
        }
        grad[d] += acc[d];
    }

    /**
     * {@link #gradientRows} with g and g' read from the cache of {@link #symmetricRowsCached}: per row, vectorisable
     * loops over j accumulate into per-point buffers (one per lengthscale, one for the outputscale), summed at the end.
     */
    private void gradientRowsCached(double[][] xt, int n, double[] w, double[] cache, double[] acc, int i0, int i1) {
        int half = n * (n - 1) / 2;
        double[] wb = new double[n];
        double[] gb = new double[n];
        double[] fb = new double[n];
        double[] so = new double[n];
        double[][] am = new double[d][n];
        double diag = 0;
        for (int i = i0; i < i1; i++) {
            diag += w[i * n + i];
            if (i == 0) {
                continue;
            }
            int base = i * (i - 1) / 2;
            System.arraycopy(w, i * n, wb, 0, i);
            System.arraycopy(cache, base, gb, 0, i);
            System.arraycopy(cache, half + base, fb, 0, i);
            for (int j = 0; j < i; j++) {
                so[j] += wb[j] * gb[j];
                fb[j] *= wb[j];
            }
            for (int m = 0; m < d; m++) {
                double[] c = xt[m];
                double[] a = am[m];
                double xim = c[i];
                for (int j = 0; j < i; j++) {
                    double t = xim - c[j];
                    a[j] += fb[j] * (t * t);
                }
            }
        }
        // pairs (i, j) and (j, i): factor 2; ∂k/∂logℓ_m = s g'(u) (−2 Δ_m²/ℓ_m²)
        double sOut = 0;
        for (int j = 0; j < n; j++) {
            sOut += so[j];
        }
        acc[d] += outputscale * (diag + 2 * sOut);
        for (int m = 0; m < d; m++) {
            double s = 0;
            double[] a = am[m];
            for (int j = 0; j < n; j++) {
                s += a[j];
            }
            acc[m] += -4.0 * outputscale * s;
        }
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
    public double value(double[] a, int ao, double[] b, int bo) {
        return outputscale * g(u(a, ao, b, bo));
    }

    @Override
    public void addGradientWrtFirst(double[] a, int ao, double[] b, int bo, double w, double[] grad, int go) {
        if (w == 0) {
            return;
        }
        double f = w * outputscale * dg(u(a, ao, b, bo)) * 2.0;
        for (int m = 0; m < d; m++) {
            grad[go + m] += f * (a[ao + m] - b[bo + m]) * invL2[m];
        }
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

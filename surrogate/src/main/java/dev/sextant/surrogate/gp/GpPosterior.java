package dev.sextant.surrogate.gp;

import dev.sextant.surrogate.linalg.Jitter;
import dev.sextant.surrogate.posterior.CholeskyAdjoint;
import dev.sextant.surrogate.posterior.Posterior;

/**
 * Posterior of a {@link GaussianProcess} at q points. Model-unit quantities are computed eagerly (mean,
 * covariance), the Cholesky factor and K⁻¹K(X, xq) lazily. Not thread-safe.
 */
final class GpPosterior implements Posterior {
    private final GaussianProcess gp;
    private final double[] xq;
    private final int q;
    private final double[] meanModel;
    private final double[] covModel;
    private final double[] v;       // L⁻¹ K(X, xq), n×q
    private double[] lOrig;         // cholesky of covariance, original units
    private double[] b;             // K⁻¹ K(X, xq), n×q

    GpPosterior(GaussianProcess gp, double[] xq, int q) {
        this.gp = gp;
        this.xq = xq;
        this.q = q;
        int n = gp.n;
        v = new double[n * q];
        gp.kernel.matrix(gp.x, n, xq, q, gp.d, v);
        meanModel = new double[q];
        for (int i = 0; i < n; i++) {
            double a = gp.alpha[i];
            int ri = i * q;
            for (int j = 0; j < q; j++) {
                meanModel[j] += v[ri + j] * a;
            }
        }
        for (int j = 0; j < q; j++) {
            meanModel[j] += gp.meanConstant;
        }
        gp.la.solveLower(gp.chol, n, v, q);
        covModel = new double[q * q];
        gp.kernel.symmetricMatrix(xq, q, covModel);
        for (int k = 0; k < n; k++) {
            int rk = k * q;
            for (int i = 0; i < q; i++) {
                double vki = v[rk + i];
                for (int j = 0; j <= i; j++) {
                    covModel[i * q + j] -= vki * v[rk + j];
                }
            }
        }
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < i; j++) {
                covModel[j * q + i] = covModel[i * q + j];
            }
        }
    }

    @Override
    public int q() {
        return q;
    }

    @Override
    public int dimension() {
        return gp.d;
    }

    @Override
    public double[] points() {
        return xq.clone();
    }

    @Override
    public double[] mean() {
        double[] m = new double[q];
        for (int j = 0; j < q; j++) {
            m[j] = gp.shift + gp.scale * meanModel[j];
        }
        return m;
    }

    @Override
    public double[] covariance() {
        double s2 = gp.scale * gp.scale;
        double[] c = new double[q * q];
        for (int i = 0; i < q * q; i++) {
            c[i] = s2 * covModel[i];
        }
        return c;
    }

    @Override
    public double[] variance() {
        double s2 = gp.scale * gp.scale;
        double[] v2 = new double[q];
        for (int j = 0; j < q; j++) {
            v2[j] = Math.max(0, s2 * covModel[j * q + j]);
        }
        return v2;
    }

    private double[] lower() {
        if (lOrig == null) {
            double[] l = covModel.clone();
            Jitter.cholesky(gp.la, l, q, new double[q * q], "posterior covariance");
            for (int i = 0; i < q * q; i++) {
                l[i] *= gp.scale;
            }
            lOrig = l;
        }
        return lOrig;
    }

    @Override
    public double[] choleskyFactor() {
        return lower().clone();
    }

    @Override
    public double[] sample(double[] z, int s) {
        double[] l = lower();
        double[] y = new double[s * q];
        double[] m = mean();
        for (int r = 0; r < s; r++) {
            int o = r * q;
            for (int j = 0; j < q; j++) {
                double acc = m[j];
                int lj = j * q;
                for (int k = 0; k <= j; k++) {
                    acc += z[o + k] * l[lj + k];
                }
                y[o + j] = acc;
            }
        }
        return y;
    }

    @Override
    public void backpropagateSamples(double[] z, int s, double[] dY, double[] gradX) {
        double[] l = lower();
        double[] dMean = new double[q];
        double[] dL = new double[q * q];
        for (int r = 0; r < s; r++) {
            int o = r * q;
            for (int j = 0; j < q; j++) {
                double g = dY[o + j];
                if (g == 0) {
                    continue;
                }
                dMean[j] += g;
                for (int k = 0; k <= j; k++) {
                    dL[j * q + k] += g * z[o + k];
                }
            }
        }
        double[] dCov = CholeskyAdjoint.covarianceGradient(l, dL, q);
        backpropagateMeanCovariance(dMean, dCov, gradX);
    }

    @Override
    public void backpropagateMeanStd(double[] dMean, double[] dStd, double[] gradX) {
        double[] dCov = null;
        if (dStd != null) {
            dCov = new double[q * q];
            double s2 = gp.scale * gp.scale;
            for (int j = 0; j < q; j++) {
                double var = s2 * covModel[j * q + j];
                dCov[j * q + j] = var > 0 ? dStd[j] / (2 * Math.sqrt(var)) : 0;
            }
        }
        backpropagateMeanCovariance(dMean, dCov, gradX);
    }

    @Override
    public void backpropagateMeanCovariance(double[] dMean, double[] dCov, double[] gradX) {
        int n = gp.n;
        double[] w = new double[q * n];   // weights for ∂k(xq_j, x_i)/∂xq_j
        if (dMean != null) {
            for (int j = 0; j < q; j++) {
                double mj = gp.scale * dMean[j];
                if (mj == 0) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    w[j * n + i] = mj * gp.alpha[i];
                }
            }
        }
        if (dCov != null) {
            double s2 = gp.scale * gp.scale;
            double[] sym = new double[q * q];
            boolean any = false;
            for (int i = 0; i < q; i++) {
                for (int j = 0; j < q; j++) {
                    sym[i * q + j] = 0.5 * s2 * (dCov[i * q + j] + dCov[j * q + i]);
                    any |= sym[i * q + j] != 0;
                }
            }
            if (any) {
                if (b == null) {
                    b = v.clone();
                    gp.la.solveLowerTransposed(gp.chol, n, b, q);
                }
                // w[a, i] -= 2 (B S)[i, a]
                for (int i = 0; i < n; i++) {
                    int ri = i * q;
                    for (int a = 0; a < q; a++) {
                        double acc = 0;
                        for (int k = 0; k < q; k++) {
                            acc += b[ri + k] * sym[k * q + a];
                        }
                        w[a * n + i] -= 2 * acc;
                    }
                }
                double[] two = new double[q * q];
                for (int i = 0; i < q * q; i++) {
                    two[i] = 2 * sym[i];
                }
                gp.kernel.gradientWrtX1(xq, q, xq, q, two, gradX);
            }
        }
        gp.kernel.gradientWrtX1(xq, q, gp.x, n, w, gradX);
    }
}

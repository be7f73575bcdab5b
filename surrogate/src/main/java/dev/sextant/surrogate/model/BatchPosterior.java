package dev.sextant.surrogate.model;

import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.linalg.Jitter;
import dev.sextant.surrogate.linalg.LinearAlgebra;
import dev.sextant.surrogate.posterior.CholeskyAdjoint;
import java.util.Arrays;

/**
 * Joint latent posterior of a {@link GpModel} over [baseline B (nb×d); candidates C (q×d)], in that order, with
 * the baseline part cached. The joint lower Cholesky factor is [[L_BB, 0], [L_CB, L_CC]]; L_BB is computed once
 * here, L_CB and L_CC per candidate set by a block update (O(n²q + n·nb·q + nb²q) instead of O((nb+q)³)).
 * Samples are Y = mean + z·Lᵀ for given base samples z, rows of width stride ≥ nb + q laid out [z_B, z_C]; the
 * gradients are pathwise, wrt the candidates.
 *
 * <p>The baseline block (n×nb solves, the nb×nb factorisation) runs on the model's {@link LinearAlgebra} backend;
 * the per-evaluation work (q×q factorisation, solves against L_BB and L for q candidates) runs on the CPU backend,
 * where such small operations belong.
 *
 * <p>Immutable and thread-safe; per-thread workspaces live in {@link Evaluator}.
 */
public final class BatchPosterior {
    private static final LinearAlgebra SMALL = LinearAlgebra.cpu();

    final GpModel gp;
    final Kernel kernel;
    final int nb;
    final double[] b;        // nb×d
    final double[] meanB;    // nb
    final double[] lBB;      // nb×nb lower
    final double[] aBt;      // nb×n: (K⁻¹ k(X,B))ᵀ

    BatchPosterior(GpModel gp, double[] baseline, int nb) {
        this.gp = gp;
        this.kernel = gp.kernel;
        this.nb = nb;
        int n = gp.n;
        int d = gp.d;
        this.b = Arrays.copyOf(baseline, nb * d);
        double[] kXB = new double[n * nb];
        kernel.matrix(gp.x, n, b, nb, d, kXB);
        meanB = new double[nb];
        for (int j = 0; j < nb; j++) {
            double m = gp.mean;
            for (int i = 0; i < n; i++) {
                m += kXB[i * nb + j] * gp.alpha[i];
            }
            meanB[j] = m;
        }
        double[] v = kXB;
        gp.la.solveLower(gp.chol, n, v, nb);
        double[] sBB = new double[nb * nb];
        kernel.symmetricMatrix(b, nb, sBB);
        for (int a = 0; a < nb; a++) {
            for (int c = 0; c <= a; c++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += v[i * nb + a] * v[i * nb + c];
                }
                sBB[a * nb + c] -= s;
                sBB[c * nb + a] = sBB[a * nb + c];
            }
        }
        if (nb > 0) {
            Jitter.cholesky(gp.la, sBB, nb, new double[nb * nb], "baseline posterior covariance", gp.priorVariance);
        }
        lBB = sBB;
        double[] aB = v; // K⁻¹ k(X, B) = L⁻ᵀ V
        gp.la.solveLowerTransposed(gp.chol, n, aB, nb);
        aBt = new double[nb * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < nb; j++) {
                aBt[j * n + i] = aB[i * nb + j];
            }
        }
    }

    public GpModel model() {
        return gp;
    }

    public int dimension() {
        return gp.d;
    }

    public int baselineSize() {
        return nb;
    }

    /** Baseline posterior mean (copy). */
    public double[] baselineMean() {
        return meanB.clone();
    }

    /** Baseline Cholesky factor nb×nb (copy). */
    public double[] baselineCholesky() {
        return lBB.clone();
    }

    /** Baseline samples out (s×nb) = mean_B + z_B·L_BBᵀ; z is s×stride (first nb columns used), not modified. */
    public void baselineSamples(double[] z, int s, int stride, double[] out) {
        for (int r = 0; r < s; r++) {
            int zr = r * stride;
            int o = r * nb;
            for (int a = 0; a < nb; a++) {
                double v = meanB[a];
                int la = a * nb;
                for (int c = 0; c <= a; c++) {
                    v += lBB[la + c] * z[zr + c];
                }
                out[o + a] = v;
            }
        }
    }

    /** A new per-thread evaluator for candidate sets of q points. */
    public Evaluator evaluator(int q) {
        return new Evaluator(q);
    }

    /** Workspaces for one thread and one q (allocated once, nothing allocated per call). Not thread-safe. */
    public final class Evaluator {
        final int q;
        final double[] c;      // q×d candidates (copy of last forward)
        final double[] kct;    // q×n: row j = k(X, c_j)
        final double[] vt;     // q×n: row j = L⁻¹ k(X, c_j)
        final double[] meanC;  // q
        final double[] w;      // nb×q: L_BB⁻¹ Σ_BC
        final double[] lCC;    // q×q
        final double[] backup; // q×q jitter-ladder scratch
        final double[] gW;
        final double[] gL;
        final double[] gSigBC;
        final double[] gK;
        final double[] kinvk;
        final double[] mBar;
        int s;
        int stride;
        double[] z;

        Evaluator(int q) {
            this.q = q;
            int n = gp.n;
            int d = gp.d;
            c = new double[q * d];
            kct = new double[q * n];
            vt = new double[q * n];
            meanC = new double[q];
            w = new double[nb * q];
            lCC = new double[q * q];
            backup = new double[q * q];
            gW = new double[nb * q];
            gL = new double[q * q];
            gSigBC = new double[nb * q];
            gK = new double[q * n];
            kinvk = new double[q * n];
            mBar = new double[q];
        }

        public int q() {
            return q;
        }

        /** Posterior mean at the candidates of the last forward (not a copy; do not modify). */
        public double[] mean() {
            return meanC;
        }

        /** L_CC of the last forward (q×q, not a copy). */
        public double[] candidateCholesky() {
            return lCC;
        }

        /** L_CB = Wᵀ: w is nb×q (not a copy). */
        public double[] crossFactor() {
            return w;
        }

        /**
         * Candidate samples out (s×q) for candidates xc (q×d, not modified) and base samples z (s×stride, columns
         * [nb baseline | q candidates], not modified, kept by reference for {@link #backward}).
         */
        public void forward(double[] xc, double[] z, int s, int stride, double[] out) {
            int n = gp.n;
            int d = gp.d;
            double[] x = gp.x;
            System.arraycopy(xc, 0, c, 0, q * d);
            this.z = z;
            this.s = s;
            this.stride = stride;
            double[] alpha = gp.alpha;
            for (int j = 0; j < q; j++) {
                int o = j * n;
                double m = gp.mean;
                for (int i = 0; i < n; i++) {
                    double kv = kernel.value(x, i * d, c, j * d);
                    kct[o + i] = kv;
                    vt[o + i] = kv;
                    m += kv * alpha[i];
                }
                meanC[j] = m;
                gp.solveLower(vt, o);
            }
            double[] sCC = lCC;
            for (int a = 0; a < q; a++) {
                for (int e = 0; e <= a; e++) {
                    double t = kernel.value(c, a * d, c, e * d);
                    int oa = a * n;
                    int oe = e * n;
                    for (int i = 0; i < n; i++) {
                        t -= vt[oa + i] * vt[oe + i];
                    }
                    sCC[a * q + e] = t;
                }
            }
            // Σ_BC = k(B,C) − A_Bᵀ k(X,C);  W = L_BB⁻¹ Σ_BC
            for (int bb = 0; bb < nb; bb++) {
                int ra = bb * n;
                for (int j = 0; j < q; j++) {
                    double t = kernel.value(b, bb * d, c, j * d);
                    int oj = j * n;
                    for (int i = 0; i < n; i++) {
                        t -= aBt[ra + i] * kct[oj + i];
                    }
                    w[bb * q + j] = t;
                }
            }
            if (nb > 0) {
                SMALL.solveLower(lBB, nb, w, q);
            }
            for (int a = 0; a < q; a++) {
                for (int e = 0; e <= a; e++) {
                    double t = 0;
                    for (int bb = 0; bb < nb; bb++) {
                        t += w[bb * q + a] * w[bb * q + e];
                    }
                    sCC[a * q + e] -= t;
                    sCC[e * q + a] = sCC[a * q + e];
                }
            }
            double floor = 1e-12 * gp.priorVariance;
            for (int a = 0; a < q; a++) {
                // floor tiny/negative variances (points on top of noiseless data) before factorising
                if (sCC[a * q + a] < floor) {
                    sCC[a * q + a] = floor;
                }
            }
            // conditioned on the baseline (and the training data), a candidate next to a baseline point or to another
            // row (a pending point of another worker) has almost no variance left: the entries are then rounding
            // errors of terms of the prior variance's size, which the jitter must exceed (second ladder)
            Jitter.cholesky(SMALL, sCC, q, backup, "candidate posterior covariance", gp.priorVariance);
            for (int r = 0; r < s; r++) {
                int zr = r * stride;
                int o = r * q;
                for (int j = 0; j < q; j++) {
                    double val = meanC[j];
                    for (int bb = 0; bb < nb; bb++) {
                        val += w[bb * q + j] * z[zr + bb];
                    }
                    int lj = j * q;
                    for (int e = 0; e <= j; e++) {
                        val += lCC[lj + e] * z[zr + nb + e];
                    }
                    out[o + j] = val;
                }
            }
        }

        /**
         * Adds to gradX (q×d) the gradient of V given dV/dY (gY, s×q, not modified) for the samples of the last
         * forward, plus gMean (q, may be null) as a direct gradient wrt the posterior mean.
         */
        public void backward(double[] gY, double[] gMean, double[] gradX) {
            int n = gp.n;
            int d = gp.d;
            double[] x = gp.x;
            Arrays.fill(mBar, 0);
            Arrays.fill(gW, 0);
            Arrays.fill(gL, 0);
            for (int r = 0; r < s; r++) {
                int zr = r * stride;
                int o = r * q;
                for (int j = 0; j < q; j++) {
                    double g = gY[o + j];
                    if (g == 0) {
                        continue;
                    }
                    mBar[j] += g;
                    for (int bb = 0; bb < nb; bb++) {
                        gW[bb * q + j] += g * z[zr + bb];
                    }
                    int lj = j * q;
                    for (int e = 0; e <= j; e++) {
                        gL[lj + e] += g * z[zr + nb + e];
                    }
                }
            }
            if (gMean != null) {
                for (int j = 0; j < q; j++) {
                    mBar[j] += gMean[j];
                }
            }
            double[] sBar = CholeskyAdjoint.covarianceGradient(lCC, gL, q);
            for (int bb = 0; bb < nb; bb++) {
                for (int j = 0; j < q; j++) {
                    double t = 0;
                    for (int e = 0; e < q; e++) {
                        t += w[bb * q + e] * sBar[e * q + j];
                    }
                    gSigBC[bb * q + j] = gW[bb * q + j] - 2 * t;
                }
            }
            if (nb > 0) {
                SMALL.solveLowerTransposed(lBB, nb, gSigBC, q);
            }
            System.arraycopy(vt, 0, kinvk, 0, q * n);
            for (int j = 0; j < q; j++) {
                gp.solveLowerTransposed(kinvk, j * n);
            }
            // k̄C_j = α m̄_j − Σ_b A_B[:,b] Σ̄_BC[b,j] − 2 Σ_e K⁻¹kC_e S̄[e,j]
            double[] alpha = gp.alpha;
            for (int j = 0; j < q; j++) {
                int oj = j * n;
                double mb = mBar[j];
                for (int i = 0; i < n; i++) {
                    gK[oj + i] = alpha[i] * mb;
                }
                for (int bb = 0; bb < nb; bb++) {
                    double f = gSigBC[bb * q + j];
                    if (f == 0) {
                        continue;
                    }
                    int ra = bb * n;
                    for (int i = 0; i < n; i++) {
                        gK[oj + i] -= aBt[ra + i] * f;
                    }
                }
                for (int e = 0; e < q; e++) {
                    double f = 2 * sBar[e * q + j];
                    if (f == 0) {
                        continue;
                    }
                    int oe = e * n;
                    for (int i = 0; i < n; i++) {
                        gK[oj + i] -= kinvk[oe + i] * f;
                    }
                }
            }
            for (int j = 0; j < q; j++) {
                int go = j * d;
                int cj = j * d;
                for (int i = 0; i < n; i++) {
                    kernel.addGradientWrtFirst(c, cj, x, i * d, gK[j * n + i], gradX, go);
                }
                for (int bb = 0; bb < nb; bb++) {
                    kernel.addGradientWrtFirst(c, cj, b, bb * d, gSigBC[bb * q + j], gradX, go);
                }
                for (int e = 0; e < q; e++) {
                    if (e != j) {
                        kernel.addGradientWrtFirst(c, cj, c, e * d, 2 * sBar[j * q + e], gradX, go);
                    }
                }
            }
        }
    }
}

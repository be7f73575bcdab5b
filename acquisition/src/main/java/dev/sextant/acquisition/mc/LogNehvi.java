package dev.sextant.acquisition.mc;

import dev.sextant.acquisition.multi.BoxDecomposition;
import dev.sextant.acquisition.numerics.SafeMath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * qLogNEHVI, the log noisy expected hypervolume improvement (Daulton et al. 2021, with the smoothing of Ament et al.
 * 2023). For every MC sample r the feasible baseline samples form a front whose non-dominated region above the
 * reference point is split into boxes once ({@link BoxDecomposition}); the improvement of a batch in that sample is
 * the volume its points add to the front, by inclusion–exclusion over the non-empty subsets S of the q candidates:
 * Σ_boxes Σ_S (−1)^{|S|+1} Π_k [min(min_{j∈S} y_jk, u_k) − l_k]₊ · Π_{j∈S} feasible_j. In log space each side length
 * is fatmin(fatmin_{j∈S} log fatplus(y_jk − l_k; τ_relu), log(u_k − l_k); τ_max) (upper bounds capped at 1e10), the
 * feasibility is the log fatmoid of the constraints' slack, the signed sum is a log-sum-exp of the odd minus that of
 * the even subsets, and the samples are averaged by log-mean-exp. As the temperatures go to 0 this tends to the log of
 * the plain MC qNEHVI.
 */
final class LogNehvi extends MultiObjectiveAcquisition {
    /**
     * Most boxes over all samples (2 doubles per box and objective: 64 MB at 4 objectives); only large fronts
     * with 4 or more objectives come near it ({@link TooManyBoxesException}).
     */
    static final int MAX_BOXES = 1_000_000;

    /** Upper bounds of unbounded boxes are capped here (BoTorch's cap in double precision). */
    static final double UPPER_CAP = 1e10;

    private final double tauRelu, tauMax;
    private final int[] cellStart; // s + 1 offsets into the flat cell arrays
    private final double[] cellLower; // (cells)×mo
    private final double[] cellLogLength; // (cells)×mo: log(min(u, cap) − l)
    private final int maxCells;
    private final int[][] subsets; // members of each non-empty subset of the q candidates
    private final boolean[] odd;

    LogNehvi(MultiObjectiveContext ctx, double tauRelu, double tauMax) {
        super(ctx);
        if (!(tauRelu > 0) || !(tauMax > 0)) throw new IllegalArgumentException("temperatures must be > 0");
        if (q > 10) throw new IllegalArgumentException("qLogNEHVI takes at most 10 joint candidates (inclusion–exclusion"
            + " over 2^q subsets), got q = " + q + "; use sequential generation");
        this.tauRelu = tauRelu;
        this.tauMax = tauMax;
        double[] ref = ctx.reference();
        cellStart = new int[s + 1];
        List<BoxDecomposition> parts = new ArrayList<>(s);
        double[] front = new double[nb * mo];
        int total = 0, most = 0;
        for (int r = 0; r < s; r++) {
            int n = 0;
            for (int a = 0; a < nb; a++) {
                if (!baselineFeasible(r, a)) continue;
                for (int k = 0; k < mo; k++) front[n * mo + k] = baselineSamples[k][r * nb + a];
                n++;
            }
            BoxDecomposition b = BoxDecomposition.nonDominated(front, n, ref);
            if (total + b.size() > MAX_BOXES) {
                throw new TooManyBoxesException("qLogNEHVI needs more than " + MAX_BOXES + " boxes for the fronts of its "
                    + s + " samples (" + mo + " objectives, " + n + " front candidates in sample " + r + "); use "
                    + "qnparego, or fewer mc_samples");
            }
            parts.add(b);
            cellStart[r] = total;
            total += b.size();
            most = Math.max(most, b.size());
        }
        cellStart[s] = total;
        maxCells = most;
        cellLower = new double[total * mo];
        cellLogLength = new double[total * mo];
        for (int r = 0; r < s; r++) {
            BoxDecomposition b = parts.get(r);
            for (int c = 0; c < b.size(); c++) {
                int o = (cellStart[r] + c) * mo;
                for (int k = 0; k < mo; k++) {
                    double lo = b.lower(c, k);
                    cellLower[o + k] = lo;
                    cellLogLength[o + k] = Math.log(Math.min(b.upper(c, k), UPPER_CAP) - lo);
                }
            }
        }
        int ns = (1 << q) - 1;
        subsets = new int[ns][];
        odd = new boolean[ns];
        for (int mask = 1; mask <= ns; mask++) {
            int[] mem = new int[Integer.bitCount(mask)];
            int t = 0;
            for (int j = 0; j < q; j++) if ((mask & (1 << j)) != 0) mem[t++] = j;
            subsets[mask - 1] = mem;
            odd[mask - 1] = mem.length % 2 == 1;
        }
    }

    /** Number of boxes of sample r's non-dominated region (for tests and diagnostics). */
    int boxes(int r) {
        return cellStart[r + 1] - cellStart[r];
    }

    private final class Scratch {
        final int cells = Math.max(1, maxCells);
        final double[] logImp = new double[q * mo * cells]; // [j][k][c]
        final double[] dLogImp = new double[q * mo * cells];
        final double[] area = new double[cells * subsets.length];
        final double[] pos = new double[s];
        final double[] neg = new double[s];
        final double[] perSample = new double[s];
        final double[] dSample = new double[s];
        final double[] in = new double[q];
        final double[] negated = new double[q + 2];
        final double[] gMin = new double[q];
        final double[] gTwo = new double[2];
    }

    @Override
    protected Object newScratch() {
        return new Scratch();
    }

    @Override
    protected double reduce(double[][] y, double[] logFeas, int s, double[][] gy, double[] gFeas) {
        Scratch w = (Scratch) scratch();
        for (int r = 0; r < s; r++) {
            int nc = forwardSample(w, y, logFeas, r, false);
            int ns = subsets.length;
            double pos = logSumExp(w.area, nc * ns, true), neg = logSumExp(w.area, nc * ns, false);
            w.pos[r] = pos;
            w.neg[r] = neg;
            w.perSample[r] = logDiff(pos, neg);
        }
        double value = SafeMath.logSumExp(w.perSample, 0, s, gy == null ? null : w.dSample, 0) - Math.log(s);
        if (gy == null) return value;
        int ns = subsets.length;
        for (int r = 0; r < s; r++) {
            double g = w.dSample[r];
            if (g == 0 || w.perSample[r] == Double.NEGATIVE_INFINITY) continue;
            double pos = w.pos[r], neg = w.neg[r];
            // v = log(e^pos − e^neg): ∂v/∂pos = 1/(1 − ρ), ∂v/∂neg = −ρ/(1 − ρ), ρ = e^{neg−pos}
            double ratio = neg == Double.NEGATIVE_INFINITY ? 0 : Math.min(Math.exp(neg - pos), MAX_RATIO);
            double gPos = g / (1 - ratio), gNeg = -g * ratio / (1 - ratio);
            int nc = forwardSample(w, y, logFeas, r, true);
            int c0 = cellStart[r];
            for (int c = 0; c < nc; c++) {
                for (int t = 0; t < ns; t++) {
                    double a = w.area[c * ns + t];
                    double ga = odd[t] ? gPos * Math.exp(a - pos) : gNeg * Math.exp(a - neg);
                    if (ga != 0 && Double.isFinite(ga)) area(w, r, c0, nc, c, t, logFeas, ga, gy, gFeas);
                }
            }
        }
        return value;
    }

    /** Fills the log improvements (and their derivatives) and the log areas of sample r; returns its box count. */
    private int forwardSample(Scratch w, double[][] y, double[] logFeas, int r, boolean derivatives) {
        int c0 = cellStart[r], nc = cellStart[r + 1] - c0;
        for (int j = 0; j < q; j++) {
            for (int k = 0; k < mo; k++) {
                double v = y[k][r * q + j];
                int o = (j * mo + k) * nc;
                for (int c = 0; c < nc; c++) {
                    double z = v - cellLower[(c0 + c) * mo + k];
                    w.logImp[o + c] = SafeMath.logFatplus(z, tauRelu);
                    if (derivatives) w.dLogImp[o + c] = SafeMath.logFatplusDerivative(z, tauRelu);
                }
            }
        }
        int ns = subsets.length;
        for (int c = 0; c < nc; c++) {
            for (int t = 0; t < ns; t++) w.area[c * ns + t] = area(w, r, c0, nc, c, t, logFeas, 0, null, null);
        }
        return nc;
    }

    /**
     * Log area of box c of sample r for subset t, plus the subset's log feasibility; when gy is non-null, adds ga
     * times the gradient of that value to gy (objective samples) and gFeas (log feasibilities).
     */
    private double area(Scratch w, int r, int c0, int nc, int c, int t, double[] logFeas, double ga, double[][] gy,
                        double[] gFeas) {
        int[] mem = subsets[t];
        int len = mem.length;
        boolean grad = gy != null;
        double a = 0;
        for (int k = 0; k < mo; k++) {
            double lmin;
            if (len == 1) {
                lmin = w.logImp[(mem[0] * mo + k) * nc + c];
                w.gMin[0] = 1;
            } else {
                for (int i = 0; i < len; i++) w.in[i] = w.logImp[(mem[i] * mo + k) * nc + c];
                lmin = fatmin(w.in, 0, len, tauMax, grad ? w.gMin : null, 0, w.negated);
            }
            a += fatmin2(lmin, cellLogLength[(c0 + c) * mo + k], tauMax, w.gTwo);
            if (grad) {
                double gs = ga * w.gTwo[0];
                for (int i = 0; i < len; i++) {
                    int j = mem[i];
                    gy[k][r * q + j] += gs * w.gMin[i] * w.dLogImp[(j * mo + k) * nc + c];
                }
            }
        }
        for (int i = 0; i < len; i++) {
            int j = mem[i];
            a += logFeas[r * q + j];
            if (grad) gFeas[r * q + j] += ga;
        }
        return a;
    }

    /**
     * The fat-tailed smooth minimum of two values, −fatmax(−a, −b) = min − τ·log(1 + cauchy(|a − b|/τ)) (as
     * {@link MultiObjectiveAcquisition#fatmin}, without its buffers); writes ∂/∂a and ∂/∂b into grad[0], grad[1].
     */
    static double fatmin2(double a, double b, double tau, double[] grad) {
        double y = Math.abs(a - b) / tau;
        double c = 1 / (1 + y * y);
        double dOther = 2 * y * c * c / (1 + c); // ∂/∂ the larger one; the smaller gets 1 − dOther
        if (a <= b) {
            grad[0] = 1 - dOther;
            grad[1] = dOther;
            return a - tau * log1pSmall(c);
        }
        grad[0] = dOther;
        grad[1] = 1 - dOther;
        return b - tau * log1pSmall(c);
    }

    /** log(1 + c) for 0 ≤ c ≤ 1; c − c²/2 below 1e-8 (exact in double there), where it usually is. */
    private static double log1pSmall(double c) {
        return c < 1e-8 ? c - 0.5 * c * c : Math.log1p(c);
    }

    /** e^{neg−pos} is kept below this so that the log difference stays finite where smoothing breaks the order. */
    private static final double MAX_RATIO = 1 - 1e-12;

    /** log Σ exp(area[i]) over the i &lt; n whose subset (i mod the subset count) has the given parity; −∞ if none. */
    private double logSumExp(double[] area, int n, boolean ofOdd) {
        int ns = subsets.length;
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) if (odd[i % ns] == ofOdd) m = Math.max(m, area[i]);
        if (m == Double.NEGATIVE_INFINITY) return m;
        double sum = 0;
        for (int i = 0; i < n; i++) if (odd[i % ns] == ofOdd) sum += Math.exp(area[i] - m);
        return m + Math.log(sum);
    }

    private static double logDiff(double pos, double neg) {
        if (neg == Double.NEGATIVE_INFINITY) return pos;
        double ratio = Math.min(Math.exp(neg - pos), MAX_RATIO);
        return pos + Math.log1p(-ratio);
    }
}

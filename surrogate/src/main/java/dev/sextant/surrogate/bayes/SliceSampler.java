package dev.sextant.surrogate.bayes;

import java.util.SplittableRandom;

/**
 * Univariate slice sampling with stepping out and shrinkage (Neal 2003, "Slice sampling", §4), one coordinate at a
 * time in a fixed order per sweep, over any {@link LogDensity} on a box (the density is taken as zero outside).
 *
 * <p>Why slice sampling rather than NUTS: it needs only density evaluations (a Cholesky factor each, no O(n³)
 * inverse for a gradient), it has no step size or mass matrix that can be mistuned and make a short chain useless,
 * and every update is accepted; a GP's hyperparameter posterior in log space is low-dimensional (d + 2 or d + 3)
 * and close to axis-aligned, which is where coordinate-wise updates mix well. The one tuning parameter, each
 * coordinate's bracket width w, only affects the cost, never the stationary distribution (any fixed w leaves the
 * target invariant): it starts at {@value #INITIAL_WIDTH} (log units) or at the widths given (a chain continued from
 * an earlier one) and, at the end of a warm-up of at least {@value #MIN_ADAPT_SWEEPS} sweeps, is set to twice the
 * standard deviation of the coordinate's draws in the warm-up's second half, clamped to [{@value #MIN_WIDTH},
 * {@value #MAX_WIDTH}]; the widths are then fixed while draws are kept. The widths suggested for a continuation
 * ({@link Draws#nextWidths}) come the same way from the kept draws (at least 4 of them; not below half the widths in
 * use). Deterministic per seed. Not thread-safe.
 */
public final class SliceSampler {
    /** Initial bracket width of every coordinate. */
    public static final double INITIAL_WIDTH = 1.0;
    /** Largest number of stepping-out steps on each side. */
    static final int MAX_STEPS = 8;
    /** Bounds of an adapted bracket width. */
    static final double MIN_WIDTH = 0.05, MAX_WIDTH = 5;
    /** Shortest warm-up (sweeps) whose second half adapts the widths. */
    public static final int MIN_ADAPT_SWEEPS = 8;

    private final LogDensity density;
    private final double[] lo;
    private final double[] hi;
    private final int dim;
    private long evaluations;

    /**
     * @param density the target (unnormalised) log density
     * @param lo      lower bounds per coordinate (may be −∞), not modified
     * @param hi      upper bounds per coordinate (may be +∞), not modified
     */
    public SliceSampler(LogDensity density, double[] lo, double[] hi) {
        if (lo.length != hi.length) throw new IllegalArgumentException("bounds must have equal lengths");
        for (int j = 0; j < lo.length; j++) {
            if (!(lo[j] < hi[j])) throw new IllegalArgumentException("lower bound " + lo[j] + " is not below upper bound "
                + hi[j] + " for coordinate " + j);
        }
        this.density = density;
        this.lo = lo.clone();
        this.hi = hi.clone();
        this.dim = lo.length;
    }

    /**
     * Runs a chain from start (inside the bounds, with a finite density; not modified) with the initial bracket width
     * {@value #INITIAL_WIDTH} for every coordinate.
     *
     * @throws IllegalArgumentException when the start is outside the bounds or has zero density
     */
    public Draws run(double[] start, SamplerOptions options) {
        return run(start, null, options);
    }

    /**
     * Runs a chain from start (inside the bounds, with a finite density; not modified) with the given initial bracket
     * widths (one per coordinate, &gt; 0, not modified; null: {@value #INITIAL_WIDTH} each), e.g. the
     * {@link Draws#nextWidths} of an earlier chain on a similar density.
     *
     * @throws IllegalArgumentException when the start is outside the bounds or has zero density
     */
    public Draws run(double[] start, double[] widths, SamplerOptions options) {
        if (start.length != dim) throw new IllegalArgumentException("start has " + start.length + " values, expected " + dim);
        if (widths != null && widths.length != dim) {
            throw new IllegalArgumentException("widths has " + widths.length + " values, expected " + dim);
        }
        double[] x = start.clone();
        for (int j = 0; j < dim; j++) {
            if (!(x[j] >= lo[j] && x[j] <= hi[j])) {
                throw new IllegalArgumentException("start coordinate " + j + " = " + x[j] + " is outside [" + lo[j] + ", "
                    + hi[j] + "]");
            }
        }
        double fx = eval(x);
        if (!(fx > Double.NEGATIVE_INFINITY) || Double.isNaN(fx)) {
            throw new IllegalArgumentException("the start has zero density; start the chain at a valid point");
        }
        SplittableRandom rnd = new SplittableRandom(options.seed());
        double[] w = new double[dim];
        for (int j = 0; j < dim; j++) {
            w[j] = widths == null ? INITIAL_WIDTH : widths[j];
            if (!(w[j] > 0) || Double.isInfinite(w[j])) {
                throw new IllegalArgumentException("bracket width " + w[j] + " of coordinate " + j + " must be finite and > 0");
            }
        }
        int warm = options.warmup();
        int half = warm / 2;
        double[] sum = new double[dim], sumSq = new double[dim];
        int count = 0;
        double[] out = new double[options.samples() * dim];
        double[] lp = new double[options.samples()];
        int kept = 0;
        for (int sweep = 0; sweep < options.sweeps(); sweep++) {
            for (int j = 0; j < dim; j++) fx = update(x, fx, j, w[j], rnd);
            if (sweep < warm) {
                if (sweep >= half) {
                    for (int j = 0; j < dim; j++) {
                        sum[j] += x[j];
                        sumSq[j] += x[j] * x[j];
                    }
                    count++;
                }
                if (sweep == warm - 1 && warm >= MIN_ADAPT_SWEEPS) {
                    for (int j = 0; j < dim; j++) w[j] = adaptedWidth(sum[j], sumSq[j], count);
                }
            } else if ((sweep - warm + 1) % options.thin() == 0) {
                System.arraycopy(x, 0, out, kept * dim, dim);
                lp[kept++] = fx;
            }
        }
        double[] next = w.clone();
        int k = options.samples();
        if (k >= 4) {
            for (int j = 0; j < dim; j++) {
                double s1 = 0, s2 = 0;
                for (int r = 0; r < k; r++) {
                    double v = out[r * dim + j];
                    s1 += v;
                    s2 += v * v;
                }
                next[j] = Math.max(0.5 * w[j], adaptedWidth(s1, s2, k));
            }
        }
        return new Draws(out, k, dim, lp, evaluations, next);
    }

    /** Twice the sample standard deviation of count values with sum s1 and sum of squares s2, clamped. */
    private static double adaptedWidth(double s1, double s2, int count) {
        double var = Math.max(0, (s2 - s1 * s1 / count) / (count - 1));
        return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, 2 * Math.sqrt(var)));
    }

    /** One slice update of coordinate j; x updated in place; returns the new log density. */
    private double update(double[] x, double fx, int j, double w, SplittableRandom rnd) {
        double x0 = x[j];
        double level = fx + Math.log(rnd.nextDouble() + Double.MIN_VALUE) ;   // log of a uniform height under p(x)
        double left = x0 - w * rnd.nextDouble();
        double right = left + w;
        int jLeft = rnd.nextInt(MAX_STEPS + 1);
        int jRight = MAX_STEPS - jLeft;
        while (jLeft-- > 0 && left > lo[j] && evalAt(x, j, left) > level) left -= w;
        while (jRight-- > 0 && right < hi[j] && evalAt(x, j, right) > level) right += w;
        left = Math.max(left, lo[j]);
        right = Math.min(right, hi[j]);
        while (true) {
            double cand = left + rnd.nextDouble() * (right - left);
            double fc = evalAt(x, j, cand);
            if (fc > level) {
                x[j] = cand;
                return fc;
            }
            if (cand < x0) left = cand; else right = cand;
            if (right - left < 1e-12) {   // numerically collapsed on the current point
                x[j] = x0;
                return fx;
            }
        }
    }

    private double evalAt(double[] x, int j, double v) {
        double old = x[j];
        x[j] = v;
        double f = eval(x);
        x[j] = old;
        return f;
    }

    private double eval(double[] x) {
        evaluations++;
        double f = density.at(x);
        return Double.isNaN(f) ? Double.NEGATIVE_INFINITY : f;
    }
}

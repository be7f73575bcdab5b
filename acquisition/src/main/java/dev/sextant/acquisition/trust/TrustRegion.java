package dev.sextant.acquisition.trust;

import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.acquisition.optim.AcquisitionOptimizer;
import dev.sextant.acquisition.optim.DiscreteStructure;
import dev.sextant.acquisition.optim.OptimizerOptions;
import dev.sextant.acquisition.mc.BaselinePruning;
import dev.sextant.acquisition.sampling.NormalBaseSamples;
import dev.sextant.acquisition.sampling.UnitSobol;
import dev.sextant.surrogate.model.Model;
import dev.sextant.surrogate.posterior.Posterior;
import java.util.SplittableRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A TuRBO trust region in the unit cube: the hyper-rectangle centred at the incumbent with side
 * {@code length · weight_i} along dimension i, the weights being the model's lengthscales divided by their
 * geometric mean (so their product is 1), intersected with the unit cube; a dimension that is not continuous
 * (integer, ordinal, category) keeps its full range. Immutable (the arrays are copied in and out).
 *
 * @param centre  the incumbent, length d, unit cube
 * @param lower   lower corner, length d
 * @param upper   upper corner, length d
 * @param state   the replayed state the region was built from
 * @param batch   the batch key recorded with the proposals (the number of completed trials it was derived from)
 */
public record TrustRegion(double[] centre, double[] lower, double[] upper, TrustRegionState state, long batch) {
    /** Narrowest side kept, so that the map from the optimiser's cube stays invertible. */
    static final double MIN_WIDTH = 1e-12;

    public TrustRegion {
        int d = centre.length;
        if (lower.length != d || upper.length != d) {
            throw new IllegalArgumentException("trust region corners have lengths " + lower.length + " and "
                + upper.length + "; the centre has " + d);
        }
        centre = centre.clone();
        lower = lower.clone();
        upper = upper.clone();
        for (int i = 0; i < d; i++) {
            if (!(lower[i] >= 0 && upper[i] <= 1 && upper[i] - lower[i] >= MIN_WIDTH)) {
                throw new IllegalArgumentException("trust region side " + i + " [" + lower[i] + ", " + upper[i]
                    + "] is not a non-empty interval of [0, 1]");
            }
        }
    }

    @Override
    public double[] centre() {
        return centre.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    /**
     * The region of a state around a centre.
     *
     * @param centre       incumbent, length d, unit cube; not modified
     * @param lengthscales the objective model's lengthscales per dimension (length d, &gt; 0); not modified
     * @param continuous   which dimensions are continuous (the others keep [0, 1]); not modified
     */
    public static TrustRegion around(double[] centre, double[] lengthscales, boolean[] continuous,
                                     TrustRegionState state, long batch) {
        int d = centre.length;
        double[] w = weights(lengthscales);
        double[] lo = new double[d], hi = new double[d];
        for (int i = 0; i < d; i++) {
            if (!continuous[i]) {
                lo[i] = 0;
                hi[i] = 1;
                continue;
            }
            double half = w[i] * state.length() / 2;
            lo[i] = Math.max(0, centre[i] - half);
            hi[i] = Math.min(1, centre[i] + half);
            if (hi[i] - lo[i] < MIN_WIDTH) {
                hi[i] = Math.min(1, lo[i] + MIN_WIDTH);
                lo[i] = hi[i] - MIN_WIDTH;
            }
        }
        return new TrustRegion(centre, lo, hi, state, batch);
    }

    /** Lengthscales (length d, &gt; 0, not modified) divided by their geometric mean; a new array. */
    public static double[] weights(double[] lengthscales) {
        int d = lengthscales.length;
        double logMean = 0;
        for (double l : lengthscales) {
            if (!(l > 0) || !Double.isFinite(l)) {
                throw new IllegalArgumentException("lengthscale " + l + " is not a positive finite number");
            }
            logMean += Math.log(l) / d;
        }
        double g = Math.exp(logMean);
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            w[i] = lengthscales[i] / g;
        }
        return w;
    }

    /** Whether row {@code x[off .. off+d)} lies in the region (within 1e-9). Not modified. */
    public boolean contains(double[] x, int off) {
        for (int i = 0; i < centre.length; i++) {
            if (x[off + i] < lower[i] - 1e-9 || x[off + i] > upper[i] + 1e-9) {
                return false;
            }
        }
        return true;
    }

    /**
     * Maximises {@code f} (q×d batches in the unit cube) over batches whose rows lie in this region and satisfy the
     * space's constraints: the optimiser works on the unit cube mapped affinely onto the region (values and
     * gradients through the map, linear constraints and the row test mapped too), and the result is mapped back.
     *
     * @param a linear constraints (m×d, unit-cube units, rows A·x ≤ b) or null; not modified
     * @param b their bounds (m) or null; not modified
     * @param rowFeasible test of a unit-cube row against non-linear constraints, or null
     * @param discrete the space's discrete structure or null
     * @return the best batch found, q×d in the unit cube, and its value
     */
    public AcquisitionOptimizer.Result maximize(AcquisitionFunction f, double[][] a, double[] b,
                                                Predicate<double[]> rowFeasible, DiscreteStructure discrete,
                                                OptimizerOptions o) {
        int d = centre.length;
        double[][] am = null;
        double[] bm = null;
        if (a != null) {
            am = new double[a.length][d];
            bm = new double[a.length];
            for (int k = 0; k < a.length; k++) {
                double shift = 0;
                for (int i = 0; i < d; i++) {
                    am[k][i] = a[k][i] * (upper[i] - lower[i]);
                    shift += a[k][i] * lower[i];
                }
                bm[k] = b[k] - shift;
            }
        }
        Predicate<double[]> rf = rowFeasible == null ? null : u -> rowFeasible.test(toCube(u, 0, d));
        DiscreteStructure ds = discrete == null ? null : new DiscreteStructure() {
            @Override public double[] snap(double[] u) {
                return fromCube(discrete.snap(toCube(u, 0, d)));
            }

            @Override public List<double[]> neighbours(double[] s) {
                List<double[]> out = new ArrayList<>();
                for (double[] nb : discrete.neighbours(toCube(s, 0, d))) out.add(fromCube(nb));
                return out;
            }
        };
        AcquisitionOptimizer.Result r = AcquisitionOptimizer.maximize(new Mapped(f), am, bm, rf, ds, null, o);
        double[] x = r.x();
        double[] out = new double[x.length];
        for (int j = 0; j < x.length / d; j++) System.arraycopy(toCube(x, j * d, d), 0, out, j * d, d);
        return new AcquisitionOptimizer.Result(out, r.value());
    }

    /** Most candidates of a Thompson-sampling step (TuRBO: min(100·d, 5000); fewer here, the joint draw is O(n³)). */
    public static final int MAX_THOMPSON_CANDIDATES = 2000;

    /**
     * count points by Thompson sampling as in TuRBO-1: min(100·d, {@value #MAX_THOMPSON_CANDIDATES}) candidates, each
     * the centre with every coordinate replaced, with probability min(1, 20/d) (at least one), by the coordinate of a
     * scrambled Sobol point in the region; one joint posterior draw of the objective (and of every constraint) over
     * the candidates per point; the point is the best candidate of its draw among those its draw calls feasible (the
     * least violating one when none is), without repeats.
     *
     * @param objective   the objective's model, maximisation sign
     * @param constraints outcome constraints in the models' units (empty for none); not modified
     * @param continuous  which dimensions are continuous (only those are perturbed); not modified
     * @param accept      test of a unit-cube row against the parameter constraints (null: all pass); candidates that
     *                    fail it are dropped
     * @return count×d points in the unit cube, row-major, and each one's sampled objective value
     */
    public Thompson thompson(Model objective, List<BaselinePruning.Constraint> constraints, boolean[] continuous,
                             Predicate<double[]> accept, int count, long seed) {
        int d = centre.length;
        int n = Math.min(100 * d, MAX_THOMPSON_CANDIDATES);
        double[] sob = UnitSobol.points(n, d, seed);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x7E57L);
        double p = Math.min(1.0, 20.0 / d);
        List<double[]> rows = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double[] x = centre.clone();
            boolean any = false;
            for (int i = 0; i < d; i++) {
                if (continuous[i] && rng.nextDouble() < p) {
                    x[i] = lower[i] + (upper[i] - lower[i]) * sob[k * d + i];
                    any = true;
                }
            }
            if (!any) {
                int[] cont = java.util.stream.IntStream.range(0, d).filter(i -> continuous[i]).toArray();
                if (cont.length > 0) {
                    int i = cont[rng.nextInt(cont.length)];
                    x[i] = lower[i] + (upper[i] - lower[i]) * sob[k * d + i];
                }
            }
            if (accept == null || accept.test(x)) rows.add(x);
        }
        if (rows.isEmpty()) rows.add(centre.clone());
        int m = rows.size();
        double[] cand = new double[m * d];
        for (int k = 0; k < m; k++) System.arraycopy(rows.get(k), 0, cand, k * d, d);
        double[] z = NormalBaseSamples.iid(count, m, seed ^ 0x5A4DL);
        double[] f = objective.posterior(cand, m).sample(z, count);
        double[][] c = new double[constraints.size()][];
        for (int j = 0; j < constraints.size(); j++) {
            Posterior cp = constraints.get(j).model().posterior(cand, m);
            c[j] = cp.sample(NormalBaseSamples.iid(count, m, seed ^ (0xC0L + j)), count);
        }
        double[] out = new double[count * d];
        double[] values = new double[count];
        boolean[] taken = new boolean[m];
        for (int s = 0; s < count; s++) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY, bestViolation = Double.POSITIVE_INFINITY;
            for (int k = 0; k < m; k++) {
                if (taken[k] && count <= m) continue;
                double violation = 0;
                for (int j = 0; j < c.length; j++) {
                    BaselinePruning.Constraint con = constraints.get(j);
                    double v = c[j][s * m + k];
                    violation += Math.max(0, con.upper() ? v - con.bound() : con.bound() - v);
                }
                double v = f[s * m + k];
                if (violation < bestViolation || (violation == bestViolation && v > bestValue)) {
                    best = k;
                    bestValue = v;
                    bestViolation = violation;
                }
            }
            taken[best] = true;
            System.arraycopy(cand, best * d, out, s * d, d);
            values[s] = bestValue;
        }
        return new Thompson(out, values);
    }

    /** Points chosen by {@link #thompson}: x count×d (unit cube), each one's sampled objective value. */
    public record Thompson(double[] x, double[] values) {
    }

    /** The unit-cube row for the optimiser's row u[off .. off+d) (not modified); a new array. */
    double[] toCube(double[] u, int off, int d) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) x[i] = lower[i] + (upper[i] - lower[i]) * u[off + i];
        return x;
    }

    /** The optimiser's row for a unit-cube row x (not modified); a new array. */
    double[] fromCube(double[] x) {
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) u[i] = (x[i] - lower[i]) / (upper[i] - lower[i]);
        return u;
    }

    /** f seen through the map from the optimiser's cube onto the region (rows mapped, gradients scaled). */
    private final class Mapped implements AcquisitionFunction {
        private final AcquisitionFunction f;

        Mapped(AcquisitionFunction f) {
            this.f = f;
        }

        @Override public int q() {
            return f.q();
        }

        @Override public int dimension() {
            return f.dimension();
        }

        private double[] map(double[] u) {
            int d = centre.length;
            double[] x = new double[u.length];
            for (int j = 0; j < u.length / d; j++) System.arraycopy(toCube(u, j * d, d), 0, x, j * d, d);
            return x;
        }

        @Override public double evaluate(double[] u, double[] grad) {
            double v = f.evaluate(map(u), grad);
            if (grad != null) {
                int d = centre.length;
                for (int k = 0; k < grad.length; k++) grad[k] *= upper[k % d] - lower[k % d];
            }
            return v;
        }

        @Override public double screen(double[] u) {
            return f.screen(map(u));
        }
    }

    /**
     * What the proposals record ({@code generation.trust_region}): phase "step", batch, centre, lower, upper, length,
     * successes, failures, restarts and the steps since the last restart.
     */
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", "step");
        m.put("batch", batch);
        m.put("length", state.length());
        m.put("successes", state.successes());
        m.put("failures", state.failures());
        m.put("restarts", state.restarts());
        m.put("steps", state.steps());
        m.put("centre", list(centre));
        m.put("lower", list(lower));
        m.put("upper", list(upper));
        return m;
    }

    private static List<Double> list(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) out.add(x);
        return out;
    }

    @Override
    public String toString() {
        return "TrustRegion[length " + state.length() + ", centre " + Arrays.toString(centre) + ", lower "
            + Arrays.toString(lower) + ", upper " + Arrays.toString(upper) + "]";
    }
}

package dev.sextant.acquisition.optim;

import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.acquisition.sampling.UnitSobol;
import dev.sextant.surrogate.optim.BoundedObjective;
import dev.sextant.surrogate.optim.Lbfgsb;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;

/**
 * Maximises an acquisition function jointly over its q×d batch in the unit cube: raw Sobol q-batches (feasible
 * for the linear constraints) → Boltzmann selection of starts on their values → multi-start bounded L-BFGS with
 * the analytic gradient (restarts in parallel threads; linear constraints by a quadratic penalty then exact
 * projection) → for mixed spaces, snap and a greedy local search over the discrete neighbours of each row.
 */
public final class AcquisitionOptimizer {
    /** Best batch found: x q×d row-major, value the acquisition at x. */
    public record Result(double[] x, double value) {}

    private static final ExecutorService POOL = Executors.newCachedThreadPool(new ThreadFactory() {
        @Override public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "sextant-acqopt");
            t.setDaemon(true);
            return t;
        }
    });

    private static final boolean DEBUG = Boolean.getBoolean("sextant.debug");

    private AcquisitionOptimizer() {}

    /**
     * @param a linear constraints A (m×d, per candidate row, unit-cube units) or null
     * @param b their bounds (m) or null
     * @param discrete discrete structure or null for purely continuous spaces
     * @param fixedStarts optional extra starting batches (each q×d), e.g. the previous optimum; may be null
     */
    public static Result maximize(AcquisitionFunction f, double[][] a, double[] b, DiscreteStructure discrete,
                                  List<double[]> fixedStarts, OptimizerOptions o) {
        return maximize(f, a, b, null, discrete, fixedStarts, o);
    }

    /**
     * As {@link #maximize(AcquisitionFunction, double[][], double[], DiscreteStructure, List, OptimizerOptions)} with
     * constraints that are not linear in the unit cube (e.g. a linear constraint over a log-scale parameter):
     * {@code rowFeasible} tests one candidate row (length d, not modified; null = no such constraints). Raw samples
     * and discrete moves keep to feasible rows, and a local optimum with an infeasible row is discarded, so the result
     * is feasible whenever a feasible raw sample exists.
     */
    public static Result maximize(AcquisitionFunction f, double[][] a, double[] b, Predicate<double[]> rowFeasible,
                                  DiscreteStructure discrete, List<double[]> fixedStarts, OptimizerOptions o) {
        int q = f.q(), d = f.dimension(), dim = q * d;
        boolean constrained = a != null && a.length > 0;
        long tStart = System.nanoTime();
        // 1. raw samples
        double[] raw = rawSamples(q, d, a, b, rowFeasible, o.rawSamples(), o.seed());
        int nRaw = raw.length / dim;
        double[] values = new double[nRaw];
        parallelFor(nRaw, o.threads(), i -> values[i] = safe(f.screen(Arrays.copyOfRange(raw, i * dim, (i + 1) * dim))));
        long tRaw = System.nanoTime();
        // 2. Boltzmann starts
        int[] starts = boltzmann(values, Math.min(o.restarts(), nRaw), o.boltzmannEta(), o.seed() ^ 0x5DEECE66DL);
        List<double[]> x0 = new ArrayList<>();
        for (int i : starts) x0.add(Arrays.copyOfRange(raw, i * dim, (i + 1) * dim));
        if (fixedStarts != null) for (double[] s : fixedStarts) if (s.length == dim) x0.add(s.clone());
        // 3. local optimisation
        double[] lo = new double[dim], hi = new double[dim];
        Arrays.fill(hi, 1.0);
        Result[] results = new Result[x0.size()];
        // the platform's one L-BFGS-B; steps of at most the unit cube's width, at most 30 evaluations per iteration
        Lbfgsb.Options lbfgs = new Lbfgsb.Options(10, o.maxIterations(), 30 * o.maxIterations(), 1e-6, 1e-10, 1.0);
        parallelFor(x0.size(), o.threads(), k -> {
            BoundedObjective obj = (x, g) -> {
                double v = f.evaluate(x, g);
                for (int i = 0; i < dim; i++) g[i] = -g[i];
                double pen = constrained ? penalty(x, q, d, a, b, o.penalty(), g) : 0;
                return -v + pen;
            };
            Lbfgsb.Result r = Lbfgsb.minimize(obj, x0.get(k), lo, hi, lbfgs);
            if (DEBUG) System.err.printf("  restart %d: %d iterations, %d evaluations, value %.5g%n", k, r.iterations(), r.evaluations(), -r.value());
            double[] x = r.x();
            if (constrained) for (int j = 0; j < q; j++) projectRow(x, j * d, d, a, b);
            if (discrete != null) x = localSearch(f, x, q, d, discrete, a, b, rowFeasible);
            results[k] = new Result(x, rowsFeasible(x, q, d, rowFeasible) ? safe(f.evaluate(x, null))
                    : Double.NEGATIVE_INFINITY);
        });
        if (DEBUG) System.err.printf("raw %d in %.1f ms, local %.1f ms%n", nRaw, (tRaw - tStart) / 1e6, (System.nanoTime() - tRaw) / 1e6);
        Result best = null;
        for (Result r : results) if (best == null || r.value() > best.value()) best = r;
        // the best raw sample (snapped) as a fallback
        int bi = 0;
        for (int i = 1; i < nRaw; i++) if (values[i] > values[bi]) bi = i;
        if (discrete == null || best == null || best.value() == Double.NEGATIVE_INFINITY) {
            double[] xb = Arrays.copyOfRange(raw, bi * dim, (bi + 1) * dim);
            if (discrete != null) {
                for (int j = 0; j < q; j++) System.arraycopy(discrete.snap(Arrays.copyOfRange(xb, j * d, (j + 1) * d)), 0, xb, j * d, d);
            }
            double vb = rowsFeasible(xb, q, d, rowFeasible) ? safe(f.evaluate(xb, null)) : Double.NEGATIVE_INFINITY;
            if (best == null || vb > best.value()) best = new Result(xb, vb);
        }
        return best;
    }

    private static double safe(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    /** n raw q-batches (n·q·d) from a scrambled Sobol sequence in q·d dimensions, keeping feasible rows only. */
    static double[] rawSamples(int q, int d, double[][] a, double[] b, int n, long seed) {
        return rawSamples(q, d, a, b, null, n, seed);
    }

    /** As above, keeping only rows that also pass {@code rowFeasible} (null = all). */
    static double[] rawSamples(int q, int d, double[][] a, double[] b, Predicate<double[]> rowFeasible, int n,
                               long seed) {
        int dim = q * d;
        boolean linear = a != null && a.length > 0;
        if (!linear && rowFeasible == null) return UnitSobol.points(n, dim, seed);
        // per-row feasible points from d-dimensional Sobol, then grouped into batches
        List<double[]> rows = new ArrayList<>();
        long s = seed;
        for (int round = 0; round < 20 && rows.size() < n * q; round++) {
            double[] pts = UnitSobol.points(4 * n * q, d, s++);
            for (int i = 0; i < 4 * n * q && rows.size() < n * q; i++) {
                double[] row = Arrays.copyOfRange(pts, i * d, (i + 1) * d);
                if ((!linear || feasible(row, 0, d, a, b, 0)) && (rowFeasible == null || rowFeasible.test(row))) {
                    rows.add(row);
                }
            }
        }
        if (rows.size() < q) { // tiny feasible region: project random points instead
            double[] pts = UnitSobol.points(n * q, d, s);
            for (int i = 0; i < n * q; i++) {
                double[] row = Arrays.copyOfRange(pts, i * d, (i + 1) * d);
                if (linear) projectRow(row, 0, d, a, b);
                rows.add(row);
            }
        }
        int batches = rows.size() / q;
        double[] out = new double[batches * dim];
        for (int i = 0; i < batches * q; i++) System.arraycopy(rows.get(i), 0, out, i * d, d);
        return out;
    }

    static boolean feasible(double[] x, int off, int d, double[][] a, double[] b, double tol) {
        for (int k = 0; k < a.length; k++) {
            double t = 0;
            for (int i = 0; i < d; i++) t += a[k][i] * x[off + i];
            if (t > b[k] + tol) return false;
        }
        return true;
    }

    /** Adds the gradient of ρ Σ max(0, a·x − b)² into g and returns the penalty. */
    static double penalty(double[] x, int q, int d, double[][] a, double[] b, double rho, double[] g) {
        double pen = 0;
        for (int j = 0; j < q; j++) {
            for (int k = 0; k < a.length; k++) {
                double t = -b[k];
                for (int i = 0; i < d; i++) t += a[k][i] * x[j * d + i];
                if (t > 0) {
                    pen += rho * t * t;
                    for (int i = 0; i < d; i++) g[j * d + i] += 2 * rho * t * a[k][i];
                }
            }
        }
        return pen;
    }

    /**
     * Projects row x[off..off+d) onto {A u ≤ b − margin} ∩ [0,1]^d (Dykstra's alternating projections), in place.
     */
    static void projectRow(double[] x, int off, int d, double[][] a, double[] b) {
        if (feasible(x, off, d, a, b, -1e-9) && inBox(x, off, d)) return;
        int m = a.length;
        double[] u = Arrays.copyOfRange(x, off, off + d);
        double[][] inc = new double[m + 1][d];
        for (int it = 0; it < 500; it++) {
            for (int k = 0; k <= m; k++) {
                double[] y = new double[d];
                for (int i = 0; i < d; i++) y[i] = u[i] + inc[k][i];
                double[] pr = y.clone();
                if (k < m) {
                    double t = -(b[k] - 1e-9), nn = 0;
                    for (int i = 0; i < d; i++) { t += a[k][i] * y[i]; nn += a[k][i] * a[k][i]; }
                    if (t > 0 && nn > 0) for (int i = 0; i < d; i++) pr[i] -= t / nn * a[k][i];
                } else {
                    for (int i = 0; i < d; i++) pr[i] = Math.min(1, Math.max(0, pr[i]));
                }
                for (int i = 0; i < d; i++) inc[k][i] = y[i] - pr[i];
                u = pr;
            }
            if (feasible(u, 0, d, a, b, 0) && inBox(u, 0, d)) break;
        }
        for (int i = 0; i < d; i++) u[i] = Math.min(1, Math.max(0, u[i]));
        System.arraycopy(u, 0, x, off, d);
    }

    private static boolean inBox(double[] x, int off, int d) {
        for (int i = 0; i < d; i++) if (x[off + i] < 0 || x[off + i] > 1) return false;
        return true;
    }

    /** Snap every row, then greedy hill-climbing over each row's discrete neighbours (feasible ones only). */
    static double[] localSearch(AcquisitionFunction f, double[] x, int q, int d, DiscreteStructure ds,
                                double[][] a, double[] b) {
        return localSearch(f, x, q, d, ds, a, b, null);
    }

    /** Whether every row of the q×d batch x passes {@code rowFeasible} (true when it is null). */
    static boolean rowsFeasible(double[] x, int q, int d, Predicate<double[]> rowFeasible) {
        if (rowFeasible == null) return true;
        for (int j = 0; j < q; j++) if (!rowFeasible.test(Arrays.copyOfRange(x, j * d, (j + 1) * d))) return false;
        return true;
    }

    static double[] localSearch(AcquisitionFunction f, double[] x, int q, int d, DiscreteStructure ds,
                                double[][] a, double[] b, Predicate<double[]> rowFeasible) {
        double[] cur = x.clone();
        for (int j = 0; j < q; j++) {
            double[] s = ds.snap(Arrays.copyOfRange(cur, j * d, (j + 1) * d));
            System.arraycopy(s, 0, cur, j * d, d);
        }
        double best = safe(f.evaluate(cur, null));
        boolean constrained = a != null && a.length > 0;
        for (int step = 0; step < 100; step++) {
            double[] bestCand = null;
            for (int j = 0; j < q; j++) {
                for (double[] nb : ds.neighbours(Arrays.copyOfRange(cur, j * d, (j + 1) * d))) {
                    if (constrained && !feasible(nb, 0, d, a, b, 1e-12)) continue;
                    if (rowFeasible != null && !rowFeasible.test(nb)) continue;
                    double[] cand = cur.clone();
                    System.arraycopy(nb, 0, cand, j * d, d);
                    double v = safe(f.evaluate(cand, null));
                    if (v > best + 1e-12 * Math.max(1, Math.abs(best))) {
                        best = v;
                        bestCand = cand;
                    }
                }
            }
            if (bestCand == null) break;
            cur = bestCand;
        }
        return cur;
    }

    /**
     * Indices of n starts drawn without replacement with probability ∝ exp(eta·z), z the standardised values;
     * the arg-max is always included (BoTorch's initialize_q_batch rule).
     */
    static int[] boltzmann(double[] values, int n, double eta, long seed) {
        int total = values.length;
        double mean = 0, var = 0;
        int finite = 0;
        for (double v : values) if (Double.isFinite(v)) { mean += v; finite++; }
        mean = finite > 0 ? mean / finite : 0;
        for (double v : values) if (Double.isFinite(v)) var += (v - mean) * (v - mean);
        double std = finite > 1 ? Math.sqrt(var / (finite - 1)) : 0;
        double[] w = new double[total];
        int arg = 0;
        for (int i = 0; i < total; i++) {
            if (values[i] > values[arg]) arg = i;
            if (!Double.isFinite(values[i])) { w[i] = 0; continue; }
            double z = std > 0 ? (values[i] - mean) / std : 0;
            w[i] = Math.exp(eta * Math.min(z, 50));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] out = new int[n];
        boolean[] used = new boolean[total];
        out[0] = arg;
        used[arg] = true;
        for (int k = 1; k < n; k++) {
            double sum = 0;
            for (int i = 0; i < total; i++) if (!used[i]) sum += w[i];
            int pick = -1;
            if (sum > 0) {
                double u = rng.nextDouble() * sum;
                for (int i = 0; i < total; i++) {
                    if (used[i]) continue;
                    u -= w[i];
                    if (u <= 0) { pick = i; break; }
                }
            }
            if (pick < 0) {
                for (int i = 0; i < total; i++) if (!used[i]) { pick = i; break; }
            }
            out[k] = pick;
            used[pick] = true;
        }
        return out;
    }

    interface IntTask { void run(int i) throws Exception; }

    static void parallelFor(int n, int threads, IntTask task) {
        int t = Math.min(threads, n);
        if (t <= 1) {
            for (int i = 0; i < n; i++) {
                try { task.run(i); } catch (Exception e) { throw new RuntimeException(e); }
            }
            return;
        }
        List<Future<?>> fs = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        for (int w = 0; w < t; w++) {
            fs.add(POOL.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) task.run(i);
                return null;
            }));
        }
        try {
            for (Future<?> fu : fs) fu.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            throw new RuntimeException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }
}

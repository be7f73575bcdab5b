package dev.sextant.surrogate.gp;

import dev.sextant.surrogate.kernel.HyperparameterKind;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.linalg.LinearAlgebra;
import dev.sextant.surrogate.linalg.NotPositiveDefiniteException;
import dev.sextant.surrogate.optim.LazyGradientObjective;
import dev.sextant.surrogate.optim.Lbfgsb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * MAP fitting: maximises log p(y|θ) + log p(θ) over the packed log-parameters with bounded L-BFGS from several
 * starts. Starts: the warm start when given, otherwise the default (lengthscales at the prior's log-space mode,
 * outputscale 1, noise at its prior's mode, mean 0); plus {@code restarts} random starts (seeded; log-uniform
 * lengthscales in [0.05, 5], outputscale in [0.3, 3], noise in [1e-4, 0.1]). With n ≥ 2m,
 * m = {@link GpOptions#prefitSize()}, the starts other than a warm start are first optimised on nested random subsets
 * (the pre-fit, {@link #prefit}), and only the best (and the warm start) are optimised on all the data, seeded with
 * the subset run's curvature pairs. From n = {@value #LARGE_MEMORY_MIN_N} the L-BFGS keeps 20 pairs instead of 10.
 * The mean constant (flat prior) is profiled out: at each θ it is the generalised-least-squares estimate, which is
 * exact for the joint optimum and removes a badly scaled direction. The objective is a {@link LazyGradientObjective}:
 * rejected line-search points cost the Cholesky factorisation only.
 */
final class Fitter {
    static final boolean DEBUG = Boolean.getBoolean("sextant.gp.debug");
    private Fitter() {
    }

    /** From this n the L-BFGS keeps 20 curvature pairs instead of 10 (smaller fits are unchanged). */
    static final int LARGE_MEMORY_MIN_N = 256;

    static GaussianProcess fit(double[] x, int n, int d, double[] y, double[] sem, GpOptions opt) {
        Validation.data(x, n, d, y);
        boolean infer = sem == null || allNaN(sem, n);
        if (!infer) {
            if (sem.length < n) {
                throw new IllegalArgumentException("expected " + n + " standard errors, got " + sem.length);
            }
            for (int i = 0; i < n; i++) {
                if (!(sem[i] >= 0) || Double.isInfinite(sem[i])) {
                    throw new IllegalArgumentException("sem[" + i + "] is " + sem[i] + "; standard errors must be finite "
                            + "and ≥ 0, all known or all unknown (NaN)");
                }
            }
        }
        OutcomeTransform tr = opt.transform();
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = tr.apply(y[i]);
        }
        double mean = 0;
        for (double v : t) {
            mean += v / n;
        }
        double ss = 0;
        for (double v : t) {
            ss += (v - mean) * (v - mean);
        }
        double std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        double scale;
        if (std > 1e-12 * Math.abs(mean) && std > Double.MIN_NORMAL) {
            scale = std;
        } else {   // constant outcomes (or a single one): unit-free scale from the magnitude
            scale = mean != 0 ? Math.abs(mean) : 1.0;
        }
        double[] ym = new double[n];
        for (int i = 0; i < n; i++) {
            ym[i] = (t[i] - mean) / scale;
        }
        double[] fixedNoise = null;
        if (!infer) {
            fixedNoise = new double[n];
            for (int i = 0; i < n; i++) {
                double s = sem[i] * Math.abs(tr.derivative(y[i])) / scale;
                fixedNoise[i] = s * s;
            }
        }
        Kernel template = opt.customKernel() != null ? opt.customKernel() : Kernel.of(opt.kernel(), d);
        if (template.dimension() != d) {
            throw new IllegalArgumentException("kernel dimension " + template.dimension() + " ≠ data dimension " + d);
        }
        LinearAlgebra la = opt.backend() != null ? opt.backend() : LinearAlgebra.select(n);
        double[] xc = Arrays.copyOf(x, n * d);
        MarginalLikelihood ml = new MarginalLikelihood(xc, n, d, ym, fixedNoise, template, la);
        double[][] bounds = GaussianProcess.bounds(template, infer);
        ml.profileMean = true;
        MllEvaluator external = null;
        if (la instanceof MllEvaluatorFactory factory) {
            MllEvaluatorFactory.Problem problem = new MllEvaluatorFactory.Problem(xc, n, d, ym, fixedNoise, template);
            external = factory.create(problem).orElse(null);
        }
        MapObjective objective = new MapObjective(ml, opt.prior(), d, external);

        List<double[]> starts = new ArrayList<>();
        double[] warm = opt.warmStart();
        boolean useWarm = warm != null && warm.length == ml.numParameters() && allFinite(warm);
        if (useWarm) {   // the previous fit replaces the default start
            starts.add(warm);
        } else {
            starts.add(defaultStart(template, infer, opt.prior(), d, opt.customKernel() != null));
        }
        SplittableRandom rnd = new SplittableRandom(opt.seed());
        for (int r = 0; r < opt.restarts(); r++) {
            starts.add(randomStart(template, infer, rnd));
        }
        // stopping rule of scipy's L-BFGS-B as BoTorch uses it on the per-observation MLL: pgtol 1e-5 (scaled by n
        // here, as our objective is the total), factr 1e7 (relative decrease 2.2e-9)
        // L-BFGS memory: 10 pairs (scipy's default); 20 from n = LARGE_MEMORY_MIN_N, where every evaluation is costly:
        // with 8 parameters the longer memory saves 10–20 % of the evaluations (and the pre-fit hands over more pairs)
        int memory = n >= LARGE_MEMORY_MIN_N ? 20 : 10;
        Lbfgsb.Options lopt = new Lbfgsb.Options(memory, opt.maxIterations(), 2 * opt.maxIterations() + 20, 1e-5 * n,
                2.2e-9, 5.0);
        // full-data L-BFGS runs: (start, initial memory)
        List<double[]> fullStarts = new ArrayList<>();
        List<Lbfgsb.Memory> fullMemory = new ArrayList<>();
        int m = opt.prefitSize();
        List<double[]> subsetStarts = new ArrayList<>(useWarm ? starts.subList(1, starts.size()) : starts);
        if (!prefitSizes(n, m).isEmpty() && !subsetStarts.isEmpty()) {
            // Pre-fit: every start is optimised on nested random subsets (cheap); only the best is optimised on all
            // the data, from the last subset run's curvature pairs scaled to n points. The default start stays as a
            // fallback (below); a warm start (usually already near the optimum) is polished on all the data too.
            Lbfgsb.Result sub = prefit(xc, n, d, ym, fixedNoise, template, opt, subsetStarts, bounds, lopt);
            fullStarts.add(sub.x());
            fullMemory.add(sub.memory());
            if (useWarm) {
                fullStarts.add(warm);
                fullMemory.add(null);
            }
        } else {
            for (double[] s0 : starts) {
                fullStarts.add(s0);
                fullMemory.add(null);
            }
        }
        double[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int si = 0; si < fullStarts.size(); si++) {
            long t0 = System.nanoTime();
            int e0 = objective.evaluations;
            Lbfgsb.Result r = Lbfgsb.minimize(objective, fullStarts.get(si), bounds[0], bounds[1], lopt,
                    fullMemory.get(si));
            if (fullMemory.get(si) != null && !useWarm) {
                // the pre-fit's result competes with the default start: when it ends no better than the default
                // start's objective (or failed), the plain fit from the default start is run as well
                double atDefault = objective.value(starts.get(0));
                if (DEBUG) {
                    System.err.printf("prefit: full fit ended at %.6f, default start %.6f%n", r.value(), atDefault);
                }
                if (!(r.value() < atDefault)) {
                    Lbfgsb.Result plain = Lbfgsb.minimize(objective, starts.get(0), bounds[0], bounds[1], lopt);
                    if (!(r.value() <= plain.value())) {
                        r = plain;
                    }
                }
            }
            if (DEBUG) {
                System.err.printf("fit n=%d evals=%d iters=%d status=%s value=%.6f time=%.3fs%n", n,
                        objective.evaluations - e0, r.iterations(), r.status(), r.value(), (System.nanoTime() - t0) / 1e9);
            }
            if (Double.isFinite(r.value()) && r.value() < bestValue) {
                bestValue = r.value();
                best = r.x();
            }
        }
        if (external != null) {
            external.close();
        }
        if (best == null) {
            throw new NotPositiveDefiniteException("GP fit failed: the training covariance was not positive definite "
                    + "at any start (n = " + n + ", d = " + d + "); check for NaN-producing inputs or extreme outcomes",
                    n, 0);
        }
        if (external == null) {   // the profiled mean constant at the optimum
            ml.evaluate(best, null);
            best = best.clone();
            best[best.length - 1] = ml.lastMean;
        }
        int nk = template.numHyperparameters();
        Kernel kernel = template.withHyperparameters(Arrays.copyOf(best, nk));
        double[] nv;
        if (infer) {
            nv = new double[n];
            Arrays.fill(nv, Math.exp(best[nk]));
        } else {
            nv = fixedNoise;
        }
        return GaussianProcess.build(xc, n, d, ym, nv, infer, kernel, best[best.length - 1], best, mean, scale, tr, la);
    }

    /**
     * The pre-fit: nested random subsets of sizes m·2^k &lt; n (the first points of one seeded permutation), smallest
     * first. The smallest level optimises every start and keeps the best; each larger level starts from the previous
     * optimum with its curvature pairs scaled by the size ratio. Returns the last level's result, its memory scaled
     * to n points.
     */
    static Lbfgsb.Result prefit(double[] x, int n, int d, double[] ym, double[] fixedNoise, Kernel template,
                                GpOptions opt, List<double[]> starts, double[][] bounds, Lbfgsb.Options lopt) {
        List<Integer> sizes = prefitSizes(n, opt.prefitSize());
        int top = sizes.get(sizes.size() - 1);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(opt.seed() ^ 0x5DEECE66DL);
        for (int i = 0; i < top; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        Lbfgsb.Result best = null;
        int previous = 0;
        for (int m : sizes) {
            double[] xs = new double[m * d];
            double[] ys = new double[m];
            double[] ns = fixedNoise == null ? null : new double[m];
            for (int i = 0; i < m; i++) {
                System.arraycopy(x, perm[i] * d, xs, i * d, d);
                ys[i] = ym[perm[i]];
                if (ns != null) {
                    ns[i] = fixedNoise[perm[i]];
                }
            }
            MarginalLikelihood sub = new MarginalLikelihood(xs, m, d, ys, ns, template, LinearAlgebra.cpu());
            sub.profileMean = true;
            MapObjective objective = new MapObjective(sub, opt.prior(), d, null);
            // the same stopping rule, its gradient tolerance (per observation) scaled to the subset
            Lbfgsb.Options subOpt = new Lbfgsb.Options(lopt.memory(), lopt.maxIterations(), lopt.maxEvaluations(),
                    lopt.gradientTolerance() * m / n, lopt.valueTolerance(), lopt.maxStep());
            if (best == null) {
                for (double[] s0 : starts) {
                    Lbfgsb.Result r = Lbfgsb.minimize(objective, s0, bounds[0], bounds[1], subOpt);
                    if (Double.isFinite(r.value()) && (best == null || r.value() < best.value())) {
                        best = r;
                    }
                }
                if (best == null) {   // no start worked on the subset: the first start, no memory
                    return new Lbfgsb.Result(starts.get(0), Double.NaN, null, 0, 0, Lbfgsb.Status.NON_FINITE_START,
                            new Lbfgsb.Memory(new double[0][], new double[0][]));
                }
            } else {
                Lbfgsb.Result r = Lbfgsb.minimize(objective, best.x(), bounds[0], bounds[1], subOpt,
                        best.memory().scaled((double) m / previous));
                if (Double.isFinite(r.value())) {
                    best = r;
                }
            }
            if (DEBUG) {
                System.err.printf("prefit m=%d evals=%d value=%.6f%n", m, objective.evaluations, best.value());
            }
            previous = m;
        }
        return new Lbfgsb.Result(best.x(), best.value(), best.gradient(), best.iterations(), best.evaluations(),
                best.status(), best.memory().scaled((double) n / previous));
    }

    /** Pre-fit subset sizes m0·2^k &lt; n with m0 = n/2^j ≥ prefitSize, ascending; empty when n &lt; 2·prefitSize. */
    static List<Integer> prefitSizes(int n, int prefitSize) {
        List<Integer> sizes = new ArrayList<>();
        if (prefitSize <= 0) {
            return sizes;
        }
        for (int s = n / 2; s >= prefitSize; s /= 2) {
            sizes.add(0, s);
        }
        return sizes;
    }

    static double[] defaultStart(Kernel template, boolean infer, Prior prior, int d, boolean custom) {
        int nk = template.numHyperparameters();
        double[] p = new double[nk + (infer ? 1 : 0) + 1];
        double[] th = template.hyperparameters();
        List<HyperparameterKind> kinds = template.hyperparameterKinds();
        double lsMode = prior.enabled()
                ? prior.lengthscaleLoc(d) - prior.lengthscaleScale() * prior.lengthscaleScale()
                : Math.log(0.5);
        for (int i = 0; i < nk; i++) {
            if (custom) {
                p[i] = th[i];
            } else {
                p[i] = kinds.get(i) == HyperparameterKind.LENGTHSCALE ? lsMode : 0.0;
            }
        }
        double[][] b = GaussianProcess.bounds(template, infer);
        if (infer) {
            p[nk] = prior.enabled() ? prior.noiseLoc() - prior.noiseScale() * prior.noiseScale() : Math.log(1e-2);
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.min(Math.max(p[i], b[0][i]), b[1][i]);
        }
        return p;
    }

    static double[] randomStart(Kernel template, boolean infer, SplittableRandom rnd) {
        int nk = template.numHyperparameters();
        double[] p = new double[nk + (infer ? 1 : 0) + 1];
        List<HyperparameterKind> kinds = template.hyperparameterKinds();
        for (int i = 0; i < nk; i++) {
            p[i] = switch (kinds.get(i)) {
                case LENGTHSCALE -> rnd.nextDouble(Math.log(0.05), Math.log(5));
                case WARP -> rnd.nextDouble(-Prior.WARP_SCALE, Prior.WARP_SCALE);
                default -> rnd.nextDouble(Math.log(0.3), Math.log(3));
            };
        }
        if (infer) {
            p[nk] = rnd.nextDouble(Math.log(1e-4), Math.log(0.1));
        }
        return p;
    }

    private static boolean allNaN(double[] a, int n) {
        for (int i = 0; i < Math.min(n, a.length); i++) {
            if (!Double.isNaN(a[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Negative MAP objective −(log p(y|θ) + log p(θ)) with gradient; +∞ where K is not PD. */
    static final class MapObjective implements LazyGradientObjective {
        private final MarginalLikelihood ml;
        private final Prior prior;
        private final int d;
        private final HyperparameterKind[] kinds;
        private final double[] der = new double[1];
        private final MllEvaluator external;
        int evaluations;

        MapObjective(MarginalLikelihood ml, Prior prior, int d, MllEvaluator external) {
            this.ml = ml;
            this.external = external;
            this.prior = prior;
            this.d = d;
            this.kinds = ml.template.hyperparameterKinds().toArray(new HyperparameterKind[0]);
        }

        @Override
        public double valueAndGradient(double[] p, double[] grad) {
            evaluations++;
            double v;
            try {
                v = external != null ? external.evaluate(p, grad) : ml.evaluate(p, grad);
            } catch (NotPositiveDefiniteException e) {
                Arrays.fill(grad, 0);
                return Double.POSITIVE_INFINITY;
            }
            if (prior.enabled()) {
                v += logPrior(p, grad);
            }
            for (int i = 0; i < grad.length; i++) {
                grad[i] = -grad[i];
            }
            return -v;
        }

        // state of the last value() call, for gradientAtLastValue()
        private double[] lastPoint;
        private double[] lastExternalGradient;
        private boolean lastFinite;

        /** The objective without its gradient (only the Cholesky factorisation on the CPU path); +∞ where not PD. */
        @Override
        public double value(double[] p) {
            evaluations++;
            lastPoint = p.clone();
            lastFinite = false;
            double[] grad = new double[p.length];
            double v;
            try {
                v = external != null ? external.evaluate(p, grad) : ml.evaluate(p, null);
            } catch (NotPositiveDefiniteException e) {
                return Double.POSITIVE_INFINITY;
            }
            lastExternalGradient = external != null ? grad.clone() : null;
            lastFinite = true;
            if (prior.enabled()) {
                v += logPrior(p, grad);
            }
            return -v;
        }

        @Override
        public void gradientAtLastValue(double[] grad) {
            if (!lastFinite) {
                Arrays.fill(grad, Double.NaN);
                return;
            }
            if (lastExternalGradient != null) {
                System.arraycopy(lastExternalGradient, 0, grad, 0, grad.length);
            } else {
                Arrays.fill(grad, 0);
                ml.gradient(lastPoint, grad);
            }
            if (prior.enabled()) {
                logPrior(lastPoint, grad);
            }
            for (int i = 0; i < grad.length; i++) {
                grad[i] = -grad[i];
            }
        }

        /** Adds log p(θ) and adds its gradient into grad. */
        double logPrior(double[] p, double[] grad) {
            double lp = 0;
            double lsLoc = prior.lengthscaleLoc(d);
            for (int i = 0; i < kinds.length; i++) {
                if (kinds[i] == HyperparameterKind.LENGTHSCALE) {
                    lp += Prior.logDensity(p[i], lsLoc, prior.lengthscaleScale(), der);
                } else if (kinds[i] == HyperparameterKind.WARP) {
                    lp += Prior.warpLogDensity(p[i], der);
                } else {
                    lp += Prior.logDensity(p[i], prior.outputscaleLoc(), prior.outputscaleScale(), der);
                }
                grad[i] += der[0];
            }
            int ni = ml.noiseIndex();
            if (ni >= 0) {
                lp += Prior.logDensity(p[ni], prior.noiseLoc(), prior.noiseScale(), der);
                grad[ni] += der[0];
            }
            return lp;
        }
    }
}

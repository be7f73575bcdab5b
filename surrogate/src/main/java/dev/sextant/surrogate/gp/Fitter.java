package dev.sextant.surrogate.gp;

import dev.sextant.surrogate.kernel.HyperparameterKind;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.linalg.LinearAlgebra;
import dev.sextant.surrogate.linalg.NotPositiveDefiniteException;
import dev.sextant.surrogate.optim.BoundedObjective;
import dev.sextant.surrogate.optim.Lbfgsb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * MAP fitting: maximises log p(y|θ) + log p(θ) over the packed log-parameters with bounded L-BFGS from several
 * starts. Starts: the warm start when given, otherwise the default (lengthscales at the prior's log-space mode,
 * outputscale 1, noise at its prior's mode, mean 0); plus {@code restarts} random starts (seeded; log-uniform
 * lengthscales in [0.05, 5], outputscale in [0.3, 3], noise in [1e-4, 0.1]). With n ≥ {@value #SUBSET_MIN_N} and
 * several starts, the starts are compared on a random subset of {@value #SUBSET_SIZE} points and only the best (and
 * the warm start) are optimised on all the data. The mean constant (flat prior) is profiled out: at each θ it is the
 * generalised-least-squares estimate, which is exact for the joint optimum and removes a badly scaled direction.
 */
final class Fitter {
    static final boolean DEBUG = Boolean.getBoolean("sextant.gp.debug");
    private Fitter() {
    }

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
        Lbfgsb.Options lopt = new Lbfgsb.Options(10, opt.maxIterations(), 2 * opt.maxIterations() + 20, 1e-5 * n,
                2.2e-9, 5.0);
        if (n >= SUBSET_MIN_N && starts.size() > 1) {
            // Large n, several starts: search from every start on a random subset (cheap), then polish only the subset's best
            // (and the warm start, usually already near the optimum) on all the data.
            double[] fromSubset = bestOnSubset(xc, n, d, ym, fixedNoise, template, opt, starts, bounds, lopt);
            starts.clear();
            starts.add(fromSubset);
            if (useWarm && fromSubset != warm) {
                starts.add(warm);
            }
        }
        double[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        for (double[] s0 : starts) {
            long t0 = System.nanoTime();
            Lbfgsb.Result r = Lbfgsb.minimize(objective, s0, bounds[0], bounds[1], lopt);
            if (DEBUG) {
                System.err.printf("fit n=%d evals=%d iters=%d status=%s value=%.4f time=%.3fs%n", n, r.evaluations(),
                        r.iterations(), r.status(), r.value(), (System.nanoTime() - t0) / 1e9);
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

    /** Below this n every start is optimised on all the data. */
    static final int SUBSET_MIN_N = 300;
    /** Size of the random subset used to choose the start at large n. */
    static final int SUBSET_SIZE = 150;

    private static double[] bestOnSubset(double[] x, int n, int d, double[] ym, double[] fixedNoise, Kernel template,
                                         GpOptions opt, List<double[]> starts, double[][] bounds, Lbfgsb.Options lopt) {
        int m = SUBSET_SIZE;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(opt.seed() ^ 0x5DEECE66DL);
        for (int i = 0; i < m; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
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
        double[] best = starts.get(0);
        double bestValue = Double.POSITIVE_INFINITY;
        for (double[] s0 : starts) {
            Lbfgsb.Result r = Lbfgsb.minimize(objective, s0, bounds[0], bounds[1], lopt);
            if (Double.isFinite(r.value()) && r.value() < bestValue) {
                bestValue = r.value();
                best = r.x();
            }
        }
        return best;
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
            p[i] = kinds.get(i) == HyperparameterKind.LENGTHSCALE
                    ? rnd.nextDouble(Math.log(0.05), Math.log(5))
                    : rnd.nextDouble(Math.log(0.3), Math.log(3));
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
    static final class MapObjective implements BoundedObjective {
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

        /** Adds log p(θ) and adds its gradient into grad. */
        double logPrior(double[] p, double[] grad) {
            double lp = 0;
            double lsLoc = prior.lengthscaleLoc(d);
            for (int i = 0; i < kinds.length; i++) {
                if (kinds[i] == HyperparameterKind.LENGTHSCALE) {
                    lp += Prior.logDensity(p[i], lsLoc, prior.lengthscaleScale(), der);
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

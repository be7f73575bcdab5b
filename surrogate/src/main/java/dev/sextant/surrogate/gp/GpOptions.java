package dev.sextant.surrogate.gp;

import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.linalg.LinearAlgebra;

/**
 * How {@link GaussianProcess#fit} builds and fits a model.
 *
 * @param kernel      base kernel type (ignored when customKernel is set)
 * @param restarts    random starts in addition to the first start (≥ 0)
 * @param warmStart   packed log-space hyperparameters of a previous fit ({@link GaussianProcess#hyperparameterVector()}),
 *                    or null; when valid it replaces the default first start; ignored when its length does not match
 * @param prior       hyperparameter priors
 * @param transform   outcome transform applied before standardisation
 * @param backend     linear algebra; null = {@link LinearAlgebra#select(int)}
 * @param seed        seed for the random starts
 * @param customKernel optional kernel (e.g. a sum or product) whose hyperparameters are fitted; its current values
 *                    are the default start. null = {@code Kernel.of(kernel, d)}
 * @param maxIterations L-BFGS iterations per start (≥ 1)
 * @param prefitSize  smallest pre-fit subset (≥ 0; 0 = off; default {@value #DEFAULT_PREFIT_SIZE}). When n ≥ 2·prefitSize,
 *                    the starts (the default and the random ones, not a warm start) are first optimised on nested
 *                    random subsets of the data of sizes n/2^k ≥ prefitSize, smallest first, each level starting from
 *                    the previous optimum (subsets drawn with {@code seed}, so deterministic given the data); the
 *                    full-data L-BFGS then starts from the largest subset's optimum, with that run's curvature pairs
 *                    (scaled to n points) as its initial memory. If it ends no better than the default start's
 *                    objective, the plain fit from the default start is run too and the better result kept. Reaches
 *                    the same MAP optimum (to the optimiser's tolerance) with fewer full-size O(n³) evaluations.
 *                    Fits with n &lt; 2·prefitSize, e.g. every small-n BO loop, are unaffected (bit for bit).
 */
public record GpOptions(KernelType kernel, int restarts, double[] warmStart, Prior prior, OutcomeTransform transform,
                        LinearAlgebra backend, long seed, Kernel customKernel, int maxIterations,
                        int prefitSize) {

    /** Default {@link #prefitSize()}: pre-fit on 128 points, i.e. from n = 256. */
    public static final int DEFAULT_PREFIT_SIZE = 128;

    public GpOptions {
        if (kernel == null) {
            throw new IllegalArgumentException("kernel type is required");
        }
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts must be ≥ 0, got " + restarts);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be ≥ 1, got " + maxIterations);
        }
        if (prefitSize < 0) {
            throw new IllegalArgumentException("prefitSize must be ≥ 0 (0 = no pre-fit), got " + prefitSize);
        }
        prior = prior == null ? Prior.defaults() : prior;
        transform = transform == null ? OutcomeTransform.NONE : transform;
        warmStart = warmStart == null ? null : warmStart.clone();
    }

    /**
     * Matérn-5/2, no extra random start, BoTorch-2024 priors, no transform, backend by {@code select}, seed 0,
     * 200 L-BFGS iterations, pre-fit on {@value #DEFAULT_PREFIT_SIZE} points from n = 2·{@value #DEFAULT_PREFIT_SIZE}.
     */
    public static GpOptions defaults() {
        return new GpOptions(KernelType.MATERN52, 0, null, Prior.defaults(), OutcomeTransform.NONE, null, 0L, null, 200,
                DEFAULT_PREFIT_SIZE);
    }

    @Override
    public double[] warmStart() {
        return warmStart == null ? null : warmStart.clone();
    }

    public GpOptions withKernel(KernelType k) {
        return new GpOptions(k, restarts, warmStart, prior, transform, backend, seed, customKernel, maxIterations, prefitSize);
    }

    public GpOptions withRestarts(int r) {
        return new GpOptions(kernel, r, warmStart, prior, transform, backend, seed, customKernel, maxIterations, prefitSize);
    }

    public GpOptions withWarmStart(double[] w) {
        return new GpOptions(kernel, restarts, w, prior, transform, backend, seed, customKernel, maxIterations, prefitSize);
    }

    public GpOptions withPrior(Prior p) {
        return new GpOptions(kernel, restarts, warmStart, p, transform, backend, seed, customKernel, maxIterations, prefitSize);
    }

    public GpOptions withTransform(OutcomeTransform t) {
        return new GpOptions(kernel, restarts, warmStart, prior, t, backend, seed, customKernel, maxIterations, prefitSize);
    }

    public GpOptions withBackend(LinearAlgebra b) {
        return new GpOptions(kernel, restarts, warmStart, prior, transform, b, seed, customKernel, maxIterations, prefitSize);
    }

    public GpOptions withSeed(long s) {
        return new GpOptions(kernel, restarts, warmStart, prior, transform, backend, s, customKernel, maxIterations, prefitSize);
    }

    public GpOptions withCustomKernel(Kernel k) {
        return new GpOptions(kernel, restarts, warmStart, prior, transform, backend, seed, k, maxIterations, prefitSize);
    }

    public GpOptions withMaxIterations(int it) {
        return new GpOptions(kernel, restarts, warmStart, prior, transform, backend, seed, customKernel, it, prefitSize);
    }

    /** Pre-fit subset size m (0 = off); see {@link #prefitSize()}. */
    public GpOptions withPrefitSize(int m) {
        return new GpOptions(kernel, restarts, warmStart, prior, transform, backend, seed, customKernel, maxIterations, m);
    }
}

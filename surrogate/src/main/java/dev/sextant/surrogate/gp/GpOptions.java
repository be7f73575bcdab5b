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
 */
public record GpOptions(KernelType kernel, int restarts, double[] warmStart, Prior prior, OutcomeTransform transform,
                        LinearAlgebra backend, long seed, Kernel customKernel, int maxIterations) {

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
        prior = prior == null ? Prior.defaults() : prior;
        transform = transform == null ? OutcomeTransform.NONE : transform;
        warmStart = warmStart == null ? null : warmStart.clone();
    }

    /** Matérn-5/2, no extra random start, BoTorch-2024 priors, no transform, backend by {@code select}, seed 0. */
    public static GpOptions defaults() {
        return new GpOptions(KernelType.MATERN52, 0, null, Prior.defaults(), OutcomeTransform.NONE, null, 0L, null, 200);
    }

    @Override
    public double[] warmStart() {
        return warmStart == null ? null : warmStart.clone();
    }

    public GpOptions withKernel(KernelType k) {
        return new GpOptions(k, restarts, warmStart, prior, transform, backend, seed, customKernel, maxIterations);
    }

    public GpOptions withRestarts(int r) {
        return new GpOptions(kernel, r, warmStart, prior, transform, backend, seed, customKernel, maxIterations);
    }

    public GpOptions withWarmStart(double[] w) {
        return new GpOptions(kernel, restarts, w, prior, transform, backend, seed, customKernel, maxIterations);
    }

    public GpOptions withPrior(Prior p) {
        return new GpOptions(kernel, restarts, warmStart, p, transform, backend, seed, customKernel, maxIterations);
    }

    public GpOptions withTransform(OutcomeTransform t) {
        return new GpOptions(kernel, restarts, warmStart, prior, t, backend, seed, customKernel, maxIterations);
    }

    public GpOptions withBackend(LinearAlgebra b) {
        return new GpOptions(kernel, restarts, warmStart, prior, transform, b, seed, customKernel, maxIterations);
    }

    public GpOptions withSeed(long s) {
        return new GpOptions(kernel, restarts, warmStart, prior, transform, backend, s, customKernel, maxIterations);
    }

    public GpOptions withCustomKernel(Kernel k) {
        return new GpOptions(kernel, restarts, warmStart, prior, transform, backend, seed, k, maxIterations);
    }

    public GpOptions withMaxIterations(int it) {
        return new GpOptions(kernel, restarts, warmStart, prior, transform, backend, seed, customKernel, it);
    }
}

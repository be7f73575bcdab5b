package dev.sextant.acquisition;

import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.model.GpModel;

/** Models with fixed hyperparameters for the acquisition tests, built through the surrogate's one model path. */
public final class TestModels {
    private TestModels() {
    }

    /** A GP of the given kernel type (ARD lengthscales ls, outputscale os), homoskedastic noise, constant mean. */
    public static GpModel gp(KernelType type, double[] x, int n, int d, double[] y, double[] ls, double os,
                             double noise, double mean) {
        return gp(Kernel.of(type, ls, os), x, n, d, y, noise, mean);
    }

    /** A GP of any kernel (sums, products) with its hyperparameters as set. */
    public static GpModel gp(Kernel kernel, double[] x, int n, int d, double[] y, double noise, double mean) {
        return GpModel.of(GaussianProcess.withHyperparameters(x, n, d, y, kernel, mean, noise));
    }
}

package dev.sextant.acquisition;

import dev.sextant.acquisition.model.GpModel;
import dev.sextant.acquisition.model.KernelKind;
import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.GpOptions;
import dev.sextant.surrogate.gp.Prior;
import dev.sextant.surrogate.kernel.KernelType;
import java.util.Map;

/**
 * A MAP fit by the surrogate module (RBF or Matérn-5/2 ARD, BoTorch-style priors, standardised outcomes) turned into
 * the acquisition module's {@link GpModel} in model (standardised) units.
 *
 * @param shift original = shift + scale · model
 * @param packed the surrogate's packed hyperparameters, for warm starts
 */
record GpFit(GpModel model, double shift, double scale, Map<String, Double> summary, double[] packed) {

    static GpFit fit(double[] x, int n, int d, double[] y, double[] sem, double[] warmStart, int restarts, long seed,
                     KernelKind kind, double minNoise, boolean fixedOutputscale) {
        return fit(x, n, d, y, sem, warmStart, restarts, seed, kind, minNoise, fixedOutputscale, Prior.defaults());
    }

    /** As above with the hyperparameter prior (the outputscale part is replaced when fixedOutputscale). */
    static GpFit fit(double[] x, int n, int d, double[] y, double[] sem, double[] warmStart, int restarts, long seed,
                     KernelKind kind, double minNoise, boolean fixedOutputscale, Prior prior) {
        KernelType type = kind == KernelKind.RBF ? KernelType.RBF : KernelType.MATERN52;
        GpOptions o = GpOptions.defaults().withKernel(type).withRestarts(restarts).withSeed(seed)
            .withWarmStart(warmStart).withPrior(prior);
        if (fixedOutputscale) {
            // BoTorch's default SingleTaskGP has no outputscale (1 in standardised units): pin ours there with a
            // very tight log-normal prior whose log-space mode is 0.
            double sc = 1e-3;
            Prior p = prior;
            o = o.withPrior(new Prior(p.lengthscaleLoc(), p.lengthscaleScale(), sc * sc, sc, p.noiseLoc(), p.noiseScale(),
                p.enabled()));
        }
        GaussianProcess gp = GaussianProcess.fit(x, n, d, y, sem, o);
        return of(gp, kind, minNoise);
    }

    /** minNoise: floor on the inferred noise variance in model units (BoTorch/GPyTorch use 1e-4). */
    static GpFit of(GaussianProcess gp, KernelKind kind, double minNoise) {
        int n = gp.n(), d = gp.dimension();
        double shift = gp.outcomeShift(), scale = gp.outcomeScale();
        double[] yo = gp.trainY();
        double[] ym = new double[n];
        for (int i = 0; i < n; i++) ym[i] = (yo[i] - shift) / scale;
        double[] theta = gp.kernel().hyperparameters();
        double[] ls = new double[d];
        for (int i = 0; i < d; i++) ls[i] = Math.exp(theta[i]);
        double os = Math.exp(theta[d]);
        double[] noise = gp.noiseVariances();
        double jitter = gp.jitter();
        for (int i = 0; i < n; i++) noise[i] = Math.max(noise[i] + jitter, minNoise);
        GpModel m = GpModel.withNoise(kind, gp.trainX(), n, d, ym, ls, os, noise, gp.meanConstant());
        return new GpFit(m, shift, scale, gp.hyperparameterSummary(), gp.hyperparameterVector());
    }
}

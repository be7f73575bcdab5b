package dev.sextant.surrogate.bayes;

import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.IntegratedLikelihood;
import dev.sextant.surrogate.gp.Prior;
import dev.sextant.surrogate.kernel.HyperparameterKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fully Bayesian GP: draws from the posterior of a GP's hyperparameters given its data by {@link SliceSampler},
 * started at the MAP estimate, and returns one GP per retained draw.
 *
 * <p>The sampled vector is the MAP fit's log-parameters without the mean constant (kernel log-hyperparameters, log
 * noise when inferred), plus log τ under SAAS. The mean constant is integrated out of the likelihood under a flat
 * prior ({@link IntegratedLikelihood}) and drawn for each member from its conditional posterior N(ĉ, 1/1ᵀK⁻¹1).
 * Prior terms: the lengthscales get SAAS ({@link HyperparameterPrior}) or the MAP prior; outputscale, warping and
 * noise always get the MAP prior. The MAP objective's log-normal terms (GPyTorch's convention: the density of the
 * value, no Jacobian) are used as they stand as densities of the log-parameters, i.e. Gaussians in log space
 * centred at loc − scale², so the MAP estimate is this posterior's mode (under the standard prior). With the prior
 * disabled the non-SAAS terms are flat within the fit's bounds.
 */
public final class FullyBayesianGp {
    /** Bounds of log τ under SAAS. */
    static final double LOG_TAU_MIN = Math.log(1e-5);
    static final double LOG_TAU_MAX = Math.log(10.0);

    private FullyBayesianGp() {
    }

    /**
     * Samples the hyperparameter posterior of the data of a MAP-fitted GP (not modified), a fresh chain from the MAP
     * estimate with {@link FullyBayesianOptions#warmup()} sweeps of warm-up.
     *
     * @param map   a GP fitted by {@link GaussianProcess#fit} (its data, kernel family, noise model and start)
     * @param prior the priors of the MAP fit (outputscale, noise, and the lengthscales unless SAAS)
     */
    public static FullyBayesianFit sample(GaussianProcess map, Prior prior, FullyBayesianOptions options) {
        return sample(map, prior, options, null);
    }

    /**
     * As {@link #sample(GaussianProcess, Prior, FullyBayesianOptions)}, but continuing an earlier chain where it can:
     * when {@code from} (may be null) has the same parameter names and its point (clamped to the bounds) has a finite
     * density here, the chain starts there with its bracket widths and only {@link FullyBayesianOptions#rewarmup()}
     * sweeps of warm-up — one generation's data differ from the last by a few points, so the last state is close to a
     * draw of the new posterior and the widths are already adapted; otherwise a fresh chain from the MAP estimate.
     * Every chain targets the same posterior; a continuation only shortens its burn-in. The result's
     * {@link FullyBayesianFit#state()} is the state to continue from next time.
     */
    public static FullyBayesianFit sample(GaussianProcess map, Prior prior, FullyBayesianOptions options,
                                          ChainState from) {
        IntegratedLikelihood lik = IntegratedLikelihood.of(map);
        int d = lik.dimension();
        int np = lik.numParameters();
        int nk = lik.numKernelParameters();
        HyperparameterKind[] kinds = lik.kernelKinds().toArray(new HyperparameterKind[0]);
        int[] ls = lengthscaleIndices(kinds);
        boolean saas = options.prior().saas(d) && ls.length == d;
        int dim = np + (saas ? 1 : 0);
        double[][] b = lik.bounds();
        double[] lo = Arrays.copyOf(b[0], dim);
        double[] hi = Arrays.copyOf(b[1], dim);
        double[] start = Arrays.copyOf(lik.fittedParameters(), dim);
        if (saas) {
            lo[np] = LOG_TAU_MIN;
            hi[np] = LOG_TAU_MAX;
            start[np] = Math.log(HyperparameterPrior.SAAS_TAU_SCALE);
        }
        for (int j = 0; j < dim; j++) start[j] = Math.min(Math.max(start[j], lo[j]), hi[j]);
        double lsLoc = prior.lengthscaleLoc(d) - prior.lengthscaleScale() * prior.lengthscaleScale();
        double osLoc = prior.outputscaleLoc() - prior.outputscaleScale() * prior.outputscaleScale();
        double noiseLoc = prior.noiseLoc() - prior.noiseScale() * prior.noiseScale();
        double[] theta = new double[np];
        double[] logLs = new double[ls.length];
        LogDensity target = v -> {
            System.arraycopy(v, 0, theta, 0, np);
            double lp = 0;
            if (saas) {
                for (int i = 0; i < ls.length; i++) logLs[i] = v[ls[i]];
                lp += HyperparameterPrior.saasLogDensity(logLs, ls.length, v[np]);
            }
            if (prior.enabled()) {
                for (int i = 0; i < nk; i++) {
                    switch (kinds[i]) {
                        case LENGTHSCALE -> {
                            if (!saas) lp += HyperparameterPrior.logNormal(v[i], lsLoc, prior.lengthscaleScale());
                        }
                        case WARP -> lp += HyperparameterPrior.logNormal(v[i], 0, Prior.WARP_SCALE);
                        default -> lp += HyperparameterPrior.logNormal(v[i], osLoc, prior.outputscaleScale());
                    }
                }
                if (lik.infersNoise()) lp += HyperparameterPrior.logNormal(v[nk], noiseLoc, prior.noiseScale());
            }
            return lp + lik.logLikelihood(theta);
        };
        List<String> names = new ArrayList<>(map.hyperparameterNames().subList(0, np));
        if (saas) names.add("log_tau");
        double[] widths = null;
        boolean continued = false;
        if (from != null && from.parameterNames().equals(names)) {
            double[] p = from.point();
            for (int j = 0; j < dim; j++) p[j] = Math.min(Math.max(p[j], lo[j]), hi[j]);
            double f = target.at(p);
            if (f > Double.NEGATIVE_INFINITY && !Double.isNaN(f)) {
                start = p;
                widths = from.widths();
                continued = true;
            }
        }
        SliceSampler sampler = new SliceSampler(target, lo, hi);
        Draws draws = sampler.run(start, widths, options.sampler(continued));
        SplittableRandom rnd = new SplittableRandom(options.seed() ^ 0x9E3779B97F4A7C15L);
        List<GaussianProcess> members = new ArrayList<>(draws.samples());
        for (int s = 0; s < draws.samples(); s++) {
            double[] t = Arrays.copyOf(draws.draw(s), np);
            lik.logLikelihood(t);
            double mean = lik.lastMean() + Math.sqrt(lik.lastMeanVariance()) * gaussian(rnd);
            members.add(lik.model(t, mean));
        }
        double[] median = new double[ls.length == d ? d : 0];
        for (int i = 0; i < median.length; i++) median[i] = Math.exp(draws.median(ls[i]));
        ChainState state = new ChainState(names, draws.draw(draws.samples() - 1), draws.nextWidths());
        return new FullyBayesianFit(members, draws, names, saas, median, continued, state);
    }

    private static int[] lengthscaleIndices(HyperparameterKind[] kinds) {
        return java.util.stream.IntStream.range(0, kinds.length).filter(i -> kinds[i] == HyperparameterKind.LENGTHSCALE)
            .toArray();
    }

    /** A standard normal draw (Box–Muller, one of the pair). */
    static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}

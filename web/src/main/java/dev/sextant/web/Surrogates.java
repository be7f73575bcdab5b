package dev.sextant.web;

import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.GpOptions;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.posterior.Posterior;

import java.util.ArrayList;
import java.util.List;

/**
 * The surrogate the plots use: the surrogate module's GP (Matérn-5/2 ARD, MAP hyperparameters, the study's seed)
 * fitted to the completed trials of one metric in the space's unit-cube encoding — the same model family the
 * Bayesian generator fits.
 */
final class Surrogates {
    static final int CHUNK = 512;

    private Surrogates() {}

    static Surrogate.Factory standard() {
        return (spec, completed, metric) -> {
            SearchSpace space = spec.space();
            int d = space.dimension();
            List<double[]> xs = new ArrayList<>();
            List<Observation> ys = new ArrayList<>();
            for (Trial t : completed) {
                Observation o = t.values().get(metric);
                if (o == null) continue;
                try {
                    xs.add(space.encode(t.parameters()));
                } catch (IllegalArgumentException outside) {
                    continue;   // recorded before a space change: not part of this model
                }
                ys.add(o);
            }
            int n = xs.size();
            if (n < 2) throw new IllegalStateException("the model of '" + metric + "' needs at least 2 completed trials inside the space");
            double[] x = new double[n * d];
            double[] y = new double[n];
            double[] sem = new double[n];
            boolean allSem = true;
            for (int i = 0; i < n; i++) {
                System.arraycopy(xs.get(i), 0, x, i * d, d);
                y[i] = ys.get(i).mean();
                sem[i] = ys.get(i).sem();
                if (!(sem[i] >= 0)) allSem = false;
            }
            GpOptions options = GpOptions.defaults().withKernel(KernelType.MATERN52).withRestarts(1).withSeed(spec.seed());
            GaussianProcess gp = GaussianProcess.fit(x, n, d, y, allSem ? sem : null, options);
            return (unit, q) -> {
                double[] mean = new double[q], std = new double[q];
                for (int from = 0; from < q; from += CHUNK) {
                    int m = Math.min(CHUNK, q - from);
                    double[] part = java.util.Arrays.copyOfRange(unit, from * d, (from + m) * d);
                    Posterior p = gp.posterior(part, m);
                    double[] mu = p.mean(), var = p.variance();
                    for (int i = 0; i < m; i++) {
                        mean[from + i] = mu[i];
                        std[from + i] = Math.sqrt(Math.max(0, var[i]));
                    }
                }
                return new double[][] {mean, std};
            };
        };
    }
}

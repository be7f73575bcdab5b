package dev.sextant.acquisition.predict;

import dev.sextant.acquisition.BayesianGenerator;
import dev.sextant.acquisition.generate.GenerationOptions;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.GpOptions;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.posterior.Posterior;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A GP fitted to one metric of a study's COMPLETED trials (MAP, RBF ARD, with the Bayesian generator's hyperparameter
 * prior ({@link BayesianGenerator#prior}) and the study's noise-prior options, as the generator fits it by default),
 * predicting the latent mean and standard deviation in the metric's original units. Immutable, thread-safe.
 */
public final class ModelPredictions {
    /** Mean and standard deviation of the latent metric value (noise excluded), original units. */
    public record Prediction(double mean, double std) {}

    private final SearchSpace space;
    private final GaussianProcess gp;
    private final String metric;

    private ModelPredictions(SearchSpace space, GaussianProcess gp, String metric) {
        this.space = space;
        this.gp = gp;
        this.metric = metric;
    }

    /** Fits the objective metric. */
    public static ModelPredictions fit(StudySpec spec, List<Trial> trials) {
        return fit(spec, trials, spec.objective().metric());
    }

    /**
     * Fits the named metric to the COMPLETED trials that report it.
     *
     * @throws IllegalArgumentException if the metric is not one of the study's metrics
     * @throws IllegalStateException if fewer than 2 completed trials report it
     */
    public static ModelPredictions fit(StudySpec spec, List<Trial> trials, String metric) {
        if (!spec.metrics().contains(metric)) {
            throw new IllegalArgumentException("study '" + spec.name() + "' has no metric '" + metric
                + "'; its metrics are " + spec.metrics());
        }
        SearchSpace space = spec.space();
        int d = space.dimension();
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> sems = new ArrayList<>();
        for (Trial t : trials) {
            if (t.state() != TrialState.COMPLETED || t.values() == null) continue;
            Observation o = t.values().get(metric);
            if (o == null || !Double.isFinite(o.mean())) continue;
            xs.add(space.encode(t.parameters()));
            ys.add(o.mean());
            sems.add(o.sem());
        }
        int n = xs.size();
        if (n < 2) {
            throw new IllegalStateException("need at least 2 completed trials reporting '" + metric
                + "' to fit a model, found " + n);
        }
        double[] x = new double[n * d], y = new double[n], sem = new double[n];
        boolean allSem = true;
        for (int i = 0; i < n; i++) {
            System.arraycopy(xs.get(i), 0, x, i * d, d);
            y[i] = ys.get(i);
            sem[i] = sems.get(i);
            if (!(sem[i] >= 0)) allSem = false;
        }
        GaussianProcess gp = GaussianProcess.fit(x, n, d, y, allSem ? sem : null,
            GpOptions.defaults().withKernel(KernelType.RBF).withSeed(spec.seed())
                .withPrior(BayesianGenerator.prior(GenerationOptions.of(spec))));
        return new ModelPredictions(space, gp, metric);
    }

    public String metric() {
        return metric;
    }

    /** Fitted hyperparameters in natural units (see the surrogate's hyperparameterSummary). */
    public Map<String, Double> hyperparameters() {
        return gp.hyperparameterSummary();
    }

    /** Predictions at each parameter map (validated and encoded by the study's space). */
    public List<Prediction> predict(List<Map<String, Object>> points) {
        int d = space.dimension(), q = points.size();
        List<Prediction> out = new ArrayList<>();
        if (q == 0) return out;
        double[] x = new double[q * d];
        for (int j = 0; j < q; j++) System.arraycopy(space.encode(points.get(j)), 0, x, j * d, d);
        Posterior p = gp.posterior(x, q);
        double[] mean = p.mean(), var = p.variance();
        for (int j = 0; j < q; j++) out.add(new Prediction(mean[j], Math.sqrt(Math.max(var[j], 0))));
        return out;
    }

    /** Prediction at one parameter map. */
    public Prediction predict(Map<String, Object> point) {
        return predict(List.of(point)).get(0);
    }
}

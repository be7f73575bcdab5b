package dev.sextant.acquisition.predict;

import dev.sextant.acquisition.BayesianGenerator;
import dev.sextant.acquisition.generate.GenerationOptions;
import dev.sextant.acquisition.lookahead.LookaheadGenerator;
import dev.sextant.acquisition.lookahead.LookaheadGenerators;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import dev.sextant.surrogate.gp.OutcomeTransform;
import dev.sextant.surrogate.model.GpModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model of one metric of a study, fitted to its COMPLETED trials by the same code and from the same generation
 * options as the Bayesian generator's ({@link BayesianGenerator#fitMetric}: kernel, priors, noise floor, outcome
 * transform, winsorisation, the objective negated for minimisation; with several objectives the noise prior chosen by
 * leave-one-out as that generator chooses it, {@link BayesianGenerator#fitMetricChoosingNoise}), predicting the latent mean and standard
 * deviation in the metric's original units. Under a nonlinear outcome transform T the mean is T⁻¹ of the
 * posterior mean in transformed units (the posterior median) and the standard deviation is carried back by the
 * delta method. Immutable, thread-safe.
 */
public final class ModelPredictions {
    /** Mean and standard deviation of the latent metric value (noise excluded), original units. */
    public record Prediction(double mean, double std) {}

    private final SearchSpace space;
    private final BayesianGenerator.FittedMetric fit;
    private final double sign;

    private ModelPredictions(SearchSpace space, BayesianGenerator.FittedMetric fit, double sign) {
        this.space = space;
        this.fit = fit;
        this.sign = sign;
    }

    /** Fits the (first) objective metric. */
    public static ModelPredictions fit(StudySpec spec, List<Trial> trials) {
        return fit(spec, trials, spec.objectiveMetrics().get(0));
    }

    /**
     * Fits the named metric to the COMPLETED trials that report every metric of the study (the generator's data).
     *
     * @throws IllegalArgumentException if the metric is not one of the study's metrics, or an option is invalid
     * @throws IllegalStateException if fewer than 2 such trials exist
     */
    public static ModelPredictions fit(StudySpec spec, List<Trial> trials, String metric) {
        if (!spec.metrics().contains(metric)) {
            throw new IllegalArgumentException("study '" + spec.name() + "' has no metric '" + metric
                + "'; its metrics are " + spec.metrics());
        }
        SearchSpace space = spec.space();
        int d = space.dimension();
        List<Trial> used = new ArrayList<>();
        for (Trial t : trials) {
            if (t.state() == TrialState.COMPLETED && reportsAll(t, spec.metrics())) used.add(t);
        }
        int n = used.size();
        if (n < 2) {
            throw new IllegalStateException("need at least 2 completed trials reporting " + spec.metrics()
                + " to fit a model, found " + n);
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) System.arraycopy(space.encode(used.get(i).parameters()), 0, x, i * d, d);
        int k = spec.objectiveMetrics().indexOf(metric);
        boolean negate = k >= 0 && spec.objectives().get(k).goal() == Goal.MINIMIZE;
        // an objective's model is fitted as the generator fits it: the outcome transform, and winsorising for the single
        // objective only (with several objectives the generator does not winsorise, MultiObjectiveProposals)
        boolean objective = k >= 0;
        GenerationOptions opts = GenerationOptions.of(spec);
        if (spec.isMultiObjective()) opts = opts.withWinsorize(false);
        if (LookaheadGenerators.serves(spec.generation().acquisition())) {
            // the lookahead generators fit the fixed model (no automatic model choice): so does their dashboard
            Map<String, Object> fixed = new java.util.LinkedHashMap<>();
            if (spec.generation().options() != null) fixed.putAll(spec.generation().options());
            fixed.put("model_selection", "off");
            fixed.put("input_warping", "off");
            opts = GenerationOptions.parse(fixed);
        }
        // the kernel the study's generator uses when the option is absent: RBF for qLogNEI & co., Matérn-5/2 for
        // the lookahead generators (their GP settings)
        String defaultKernel = LookaheadGenerators.serves(spec.generation().acquisition())
            ? LookaheadGenerator.GpSettings.DEFAULTS.kernel() : "rbf";
        // several objectives: the noise prior chosen by leave-one-out, as the multi-objective generator chooses it
        BayesianGenerator.FittedMetric f = spec.isMultiObjective()
            ? BayesianGenerator.fitMetricChoosingNoise(spec, metric, used, x, n, d, negate, objective, opts,
                spec.seed(), defaultKernel)
            : BayesianGenerator.fitMetric(metric, used, x, n, d, negate, objective, opts, spec.seed(), null,
                defaultKernel);
        return new ModelPredictions(space, f, negate ? -1 : 1);
    }

    private static boolean reportsAll(Trial t, List<String> metrics) {
        if (t.values() == null) return false;
        for (String m : metrics) {
            Observation o = t.values().get(m);
            if (o == null || !Double.isFinite(o.mean())) return false;
        }
        return true;
    }

    public String metric() {
        return fit.metric();
    }

    /** The model the predictions come from: the generator's model of this metric (standardised units). */
    public GpModel model() {
        return fit.model();
    }

    /** Fitted hyperparameters in natural units (see the surrogate's hyperparameterSummary). */
    public Map<String, Double> hyperparameters() {
        return fit.summary();
    }

    /** Predictions at each parameter map (validated and encoded by the study's space). */
    public List<Prediction> predict(List<Map<String, Object>> points) {
        int d = space.dimension();
        int q = points.size();
        List<Prediction> out = new ArrayList<>();
        if (q == 0) return out;
        double[] x = new double[q * d];
        for (int j = 0; j < q; j++) System.arraycopy(space.encode(points.get(j)), 0, x, j * d, d);
        GpModel m = fit.model();
        double[] mean = new double[q];
        double[] var = new double[q];
        m.predict(x, q, mean, var);
        OutcomeTransform tr = fit.transform();
        for (int j = 0; j < q; j++) {
            double t = sign * (m.outcomeShift() + m.outcomeScale() * mean[j]);
            double sdT = m.outcomeScale() * Math.sqrt(Math.max(var[j], 0));
            double y = tr.inverse(t);
            double slope = Math.abs(tr.derivative(y));
            out.add(new Prediction(y, slope > 0 ? sdT / slope : sdT));
        }
        return out;
    }

    /** Prediction at one parameter map. */
    public Prediction predict(Map<String, Object> point) {
        return predict(List.of(point)).get(0);
    }
}

package dev.sextant.acquisition;

import dev.sextant.acquisition.generate.GenerationOptions;
import dev.sextant.acquisition.analytic.FeasibilityFloor;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.surrogate.gp.GpOptions;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.model.GpModel;
import dev.sextant.surrogate.select.CandidateScore;
import dev.sextant.surrogate.select.ModelSelector;
import dev.sextant.surrogate.select.ModelSpace;
import dev.sextant.surrogate.select.Selection;
import dev.sextant.surrogate.select.TransformFamily;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each metric's model is chosen and fitted when {@code model_selection} resolves to {@code on} (the default
 * {@code auto} does for one objective with MAP hyperparameters, {@link GenerationOptions#withModelSelectionResolved})
 * or {@code input_warping} is {@code on}: the surrogate's {@link ModelSelector} over outcome transform (none,
 * log-type, power; for the objective only shapes that do not squeeze its good end), kernel (RBF, Matérn-5/2,
 * Matérn-3/2) and, with {@code input_warping: auto}, Kumaraswamy input warping, by exact leave-one-out likelihood in
 * the metric's original units, for the objective and every constraint metric alike. The options
 * {@code kernel}, {@code outcome_transform} (objectives only, each of several alike) and {@code input_warping}, when given, pin
 * their dimension; a sum or product kernel keeps the fixed model. The objective's poor tail is winsorised in its
 * original units before the choice, so every candidate is scored on the same values.
 *
 * <p>Cost per generation and metric: at most 5 MAP fits from the default start (transforms, then kernels; 6 with
 * warping) plus {@value #MAP_RESTARTS} (+ {@code gp_restarts}) random restarts of the chosen model, and one O(n³)
 * inverse per candidate for its LOO score — fits that take milliseconds at the n of a BO loop.
 */
final class AutoModel {
    /** Nats of summed LOO a candidate must gain over the current choice (see {@link ModelSelector}). */
    static final double MARGIN = 1.0;
    /** Random MAP restarts of the chosen model (robust hyperparameters where the MAP surface is multimodal). */
    static final int MAP_RESTARTS = 2;

    private AutoModel() {
    }

    /** Whether the model is chosen here rather than fixed by the options (model_selection resolved). */
    static boolean applies(GenerationOptions opts, String defaultKernel) {
        boolean wanted = opts.modelSelection() == GenerationOptions.ModelSelection.ON
                || opts.inputWarping() == GenerationOptions.Warping.ON;
        return wanted && single(opts.kernel(defaultKernel));
    }

    private static boolean single(String kernel) {
        try {
            KernelType.parse(kernel);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The candidates for one metric under the options' pins. */
    static ModelSpace space(GenerationOptions opts, boolean objective, String defaultKernel) {
        boolean auto = opts.modelSelection() == GenerationOptions.ModelSelection.ON;
        List<TransformFamily> transforms;
        if (objective && (opts.outcomeTransformGiven() || !auto)) {
            transforms = List.of(family(opts.outcomeTransform()));
        } else {
            transforms = auto ? ModelSpace.AUTOMATIC_TRANSFORMS : List.of(TransformFamily.NONE);
        }
        KernelType first = KernelType.parse(opts.kernel(defaultKernel));
        List<KernelType> kernels = auto && opts.kernel() == null ? ModelSpace.all(first).kernels() : List.of(first);
        List<Boolean> warping = switch (opts.inputWarping()) {
            case ON -> List.of(true);
            case OFF -> List.of(false);
            default -> auto ? List.of(false, true) : List.of(false);
        };
        return new ModelSpace(transforms, kernels, warping, objective);
    }

    private static TransformFamily family(GenerationOptions.Transform t) {
        return switch (t) {
            case LOG -> TransformFamily.LOG;
            case BILOG -> TransformFamily.BILOG;
            case POWER -> TransformFamily.POWER;
            default -> TransformFamily.NONE;
        };
    }

    /** See {@link BayesianGenerator#fitMetric}; the chosen model with its selection record. */
    static BayesianGenerator.FittedMetric fit(String metric, List<Trial> completed, double[] x, int n, int d,
                                              boolean negate, boolean objective, GenerationOptions opts, long seed,
                                              double[] warm, String defaultKernel) {
        double[] v = new double[n];
        double[] sem = new double[n];
        boolean allSem = true;
        for (int i = 0; i < n; i++) {
            Observation o = completed.get(i).values().get(metric);
            v[i] = o.mean();
            sem[i] = o.sem();
            if (!(o.sem() >= 0)) allSem = false;
        }
        if (objective && opts.outcomeTransformGiven()
                && opts.outcomeTransform() == GenerationOptions.Transform.LOG) {
            // a pinned log stays the plain log: values ≤ 0 are the user's error, named as with model_selection off
            for (double value : v) BayesianGenerator.transformed(dev.sextant.surrogate.gp.OutcomeTransform.LOG, metric,
                value);
        }
        if (objective && opts.winsorize()) {
            double sign = negate ? -1 : 1;
            double[] adj = new double[n];
            for (int i = 0; i < n; i++) adj[i] = sign * v[i];
            BayesianGenerator.winsorizeLowerTail(adj);
            for (int i = 0; i < n; i++) v[i] = sign * adj[i];
        }
        // the restarts' seed depends on the metric and n only, so the dashboard's model (ModelPredictions) is the
        // generator's whatever seed each caller holds
        long restartSeed = metric.hashCode() * 1_000_003L + n;
        GpOptions base = GpOptions.defaults().withSeed(restartSeed).withPrior(BayesianGenerator.prior(opts));
        if (opts.fixedOutputscale()) base = base.withPrior(BayesianGenerator.fixedOutputscale(base.prior()));
        Selection sel = ModelSelector.select(x, n, d, v, allSem ? sem : null, negate, base,
                space(opts, objective, defaultKernel), MARGIN, MAP_RESTARTS + opts.gpRestarts(), warm);
        GpModel model = GpModel.of(sel.gp(), allSem ? 0 : opts.minNoise());
        return new BayesianGenerator.FittedMetric(metric, sel.gp(), model, sel.transform(),
                sel.gp().hyperparameterSummary(), sel);
    }

    /**
     * A constraint bound in the model units of its metric's fit: T(bound), standardised. A bound below the domain of
     * the transform (e.g. under the offset of a shifted log) is placed 50 outcome scales below the shift, i.e. below
     * anything the model can predict.
     */
    static double boundInModelUnits(BayesianGenerator.FittedMetric f, double bound) {
        double t;
        try {
            t = f.transform().apply(bound);
        } catch (IllegalArgumentException e) {
            t = f.shift() - 50 * f.scale();
        }
        return (t - f.shift()) / f.scale();
    }

    /**
     * The generation metadata of the choice, per metric that had one: {@code model} (e.g. "log/matern52+warp"),
     * {@code transform} (fitted, in words), {@code kernel}, {@code warping}, {@code loo} (the chosen model's summed
     * LOO log density), {@code map_restarts}, and {@code candidates}: every fitted candidate's {@code model},
     * {@code transform} and {@code loo} (null when it could not be fitted).
     */
    static Map<String, Object> metadata(List<BayesianGenerator.FittedMetric> fits) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (BayesianGenerator.FittedMetric f : fits) {
            Selection s = f.selection();
            if (s == null) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", s.chosen().label());
            m.put("transform", ModelSelector.describe(s.transform()));
            m.put("kernel", s.chosen().kernel().name().toLowerCase(java.util.Locale.ROOT));
            m.put("warping", s.chosen().warped());
            m.put("loo", finite(s.chosenLoo()));
            m.put("map_restarts", s.mapRestarts());
            List<Object> cands = new ArrayList<>();
            for (CandidateScore c : s.scores()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("model", c.choice().label());
                cm.put("transform", c.transform());
                cm.put("loo", finite(c.loo()));
                cands.add(cm);
            }
            m.put("candidates", cands);
            out.put(f.metric(), m);
        }
        return out;
    }

    /**
     * Predicted probability that each point satisfies every outcome constraint, from the constraint models'
     * marginal posteriors of the observed value (latent variance plus the fitted noise), treating the metrics as independent: Π_k P(y_k ≤ b_k) (or ≥). What the floor on
     * predicted feasibility uses and what the calibration check compares with the observed feasibility.
     *
     * @param constraints the constraints in model units, same order as {@code fits}
     * @param fits        the constraint metrics' fits
     * @param points      the points, each of length d; not modified
     */
    static double[] predictedFeasibility(List<dev.sextant.acquisition.mc.BaselinePruning.Constraint> constraints,
                                         List<BayesianGenerator.FittedMetric> fits, List<double[]> points) {
        double[][] per = FeasibilityFloor.feasibilityByConstraint(feasibilityConstraints(constraints, fits), points);
        double[] p = new double[points.size()];
        java.util.Arrays.fill(p, 1.0);
        for (double[] row : per) for (int j = 0; j < p.length; j++) p[j] *= row[j];
        return p;
    }

    /**
     * The constraints as the floor on predicted feasibility sees them: each constraint's model and bound (model
     * units) and its fit's mean noise variance, the model as fitted (variance scale 1: widening each model by its
     * leave-one-out variance scale, {@link FeasibilityFloor#looVarianceScale}, made fewer demo trials feasible,
     * BENCHMARKS.md section 10; the scale is recorded as a diagnostic). Same order as the arguments.
     */
    static List<FeasibilityFloor.Constraint> feasibilityConstraints(
            List<dev.sextant.acquisition.mc.BaselinePruning.Constraint> constraints,
            List<BayesianGenerator.FittedMetric> fits) {
        List<FeasibilityFloor.Constraint> out = new ArrayList<>();
        for (int k = 0; k < constraints.size(); k++) {
            var c = constraints.get(k);
            BayesianGenerator.FittedMetric f = fits.get(k);
            out.add(new FeasibilityFloor.Constraint(c.model(), c.bound(), c.upper(), meanNoise(f)));
        }
        return out;
    }

    /** The fit's mean observation-noise variance over its data, in model (standardised) units. */
    static double meanNoise(BayesianGenerator.FittedMetric f) {
        double noise = 0;
        double[] nv = f.gp().noiseVariances();
        for (double v : nv) noise += v / nv.length;
        return noise;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

package dev.sextant.acquisition;

import dev.sextant.acquisition.analytic.FeasibilityFloor;
import dev.sextant.acquisition.generate.GenerationOptions;
import dev.sextant.acquisition.mc.BaselinePruning;
import dev.sextant.acquisition.mc.ConstraintModel;
import dev.sextant.acquisition.mc.EnsembleAcquisition;
import dev.sextant.acquisition.mc.TooManyBoxesException;
import dev.sextant.acquisition.mc.McAcquisitions;
import dev.sextant.acquisition.mc.McContext;
import dev.sextant.acquisition.mc.MultiObjectiveContext;
import dev.sextant.acquisition.mc.MultiObjectivePruning;
import dev.sextant.acquisition.optim.AcquisitionOptimizer;
import dev.sextant.acquisition.optim.OptimizerOptions;
import dev.sextant.acquisition.sampling.Sampler;
import dev.sextant.core.generate.Candidate;
import dev.sextant.core.generate.GenerationRequest;
import dev.sextant.core.pareto.ReferencePoint;
import dev.sextant.core.space.Encoding;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.OutcomeConstraint;
import dev.sextant.core.study.ParetoFront;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Trial;
import dev.sextant.surrogate.model.BatchPosterior;
import dev.sextant.surrogate.model.GpModel;
import dev.sextant.surrogate.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The multi-objective step of {@link BayesianGenerator}: one model per objective (goal-signed so that larger is
 * better, fitted as the single objective is, with its outcome transform, but not winsorised), one per outcome
 * constraint, the reference point, baseline pruning, and qLogNEHVI or qNParEGO ({@code mc_samples} 128, {@code raw_samples} 512 and
 * {@code init_eta} 1 unless set: BoTorch's) optimised one candidate at a time with the earlier ones pending (or, for
 * qLogNEHVI with {@code sequential=false}, as one joint batch). With outcome constraints the acquisition is laid under
 * the same floor on predicted feasibility as a single objective's ({@link FeasibilityFloor}, option
 * {@code min_feasibility}, default 0.8; 0 turns it off), and every candidate records {@code predicted_feasibility}
 * and {@code predicted_feasibility_by_metric}.
 *
 * <p>The reference point is that of {@link ParetoFront#of} for the completed trials (each objective's threshold, else
 * {@link ReferencePoint#infer}'s rule on the feasible front), or, while no completed trial is feasible, the rule on all
 * completed trials; in the metrics' own units, then put in each model's units exactly as the observations are
 * ({@link #toModelUnits}: the objective's outcome transform T, the goal's sign, the model's standardisation).
 *
 * <p>Outcome transforms and the hypervolume. Each objective's model is fitted to T(y) for its own T (the option
 * {@code outcome_transform}, or the one automatic model choice picks per objective), and the hypervolume improvement is
 * computed in those transformed, standardised units, with the reference point transformed by the same T. Why not in
 * the original units: an increasing T keeps dominance and the side of the reference point each outcome lies on, so the
 * same points are on the front, the same points improve it and a candidate beyond a threshold gains nothing, in either
 * units; what changes is how the volume is weighed (under log a factor of two counts the same wherever it is, which is
 * why one asks for log on a metric spanning decades). Standardisation, affine with positive scale, multiplies every
 * hypervolume by one constant and changes no ranking at all. Computing in original units would need T⁻¹ of every
 * posterior sample inside the acquisition and its gradient, for a weighting the user asked to change. The hypervolume
 * the study reports ({@link ParetoFront}) stays in the metrics' own units.
 * Pending points (other workers' running trials and the candidates already chosen in this call)
 * join the baseline, so their possible outcomes count as part of the front (BoTorch's incremental NEHVI).
 *
 * <p>With {@code hyperparameters=fully_bayesian} every metric's chosen MAP fit is extended by its fully Bayesian
 * ensemble ({@link BayesianGenerator#withFullyBayesian}); member s of every metric makes one context and one
 * acquisition, and {@link EnsembleAcquisition} averages them in value space (qLogNEHVI: log-mean-exp), each member with
 * max(32, ⌈mc_samples / S⌉) samples. The MAP models keep serving baseline pruning, the floor and the metadata.
 */
final class MultiObjectiveProposals {
    private MultiObjectiveProposals() {}

    /**
     * Fits a metric's model: (metric, negate, objective, seed, options) → fitted metric (the generator's own fit,
     * under the given options).
     */
    @FunctionalInterface
    interface Fitter {
        BayesianGenerator.FittedMetric fit(String metric, boolean negate, boolean objective, long seed,
                                           GenerationOptions options);
    }

    /**
     * The noise prior for nearly exact observations that {@link #fitChoosingNoise} weighs against the default:
     * LogNormal(−4, 1) on the noise variance in standardised units (BoTorch's; mode e^−5 ≈ 0.0067).
     */
    static final double LOW_NOISE_PRIOR_LOC = -4, LOW_NOISE_PRIOR_SCALE = 1;

    /**
     * Nats of summed leave-one-out log density the low-noise fit must gain over the default fit to be chosen (as
     * automatic model choice's margin: both fits have the same number of hyperparameters).
     */
    static final double NOISE_CHOICE_MARGIN = 1.0;

    /** A metric's fit and, when the noise prior was chosen, which one ("default" or "low") and both LOO scores. */
    record NoiseChoice(BayesianGenerator.FittedMetric fit, String prior, double looDefault, double looLow) {
    }

    /**
     * Fits a metric twice, under the options' noise prior and under the low-noise prior
     * ({@link #LOW_NOISE_PRIOR_LOC}, {@link #LOW_NOISE_PRIOR_SCALE}), and keeps the fit whose leave-one-out
     * log density of the observations (summed, same data and transform, so the two are comparable) is higher, the
     * default unless the low-noise fit gains {@link #NOISE_CHOICE_MARGIN}. With {@code lowNoise} null (the study sets
     * {@code noise_prior_loc} or {@code noise_prior_scale}, or every observation has its standard error, so no noise
     * is inferred), one fit under the options.
     */
    static NoiseChoice fitChoosingNoise(Fitter fitter, String metric, boolean negate, boolean objective, long seed,
                                        GenerationOptions opts, GenerationOptions lowNoise) {
        // model_selection auto means the fixed model with several objectives (on and off as given)
        BayesianGenerator.FittedMetric f = fitter.fit(metric, negate, objective, seed,
            opts.withModelSelectionResolved(0, true));
        if (lowNoise == null) return new NoiseChoice(f, null, Double.NaN, Double.NaN);
        BayesianGenerator.FittedMetric g = fitter.fit(metric, negate, objective, seed,
            lowNoise.withModelSelectionResolved(0, true));
        double lf = looSum(f), lg = looSum(g);
        boolean low = lg > lf + NOISE_CHOICE_MARGIN;
        return new NoiseChoice(low ? g : f, low ? "low" : "default", lf, lg);
    }

    /** Whether some observation of the metric has no standard error (the model then infers the noise). */
    static boolean noiseInferred(List<Trial> completed, String metric) {
        for (Trial t : completed) if (!(t.values().get(metric).sem() >= 0)) return true;
        return false;
    }

    private static double looSum(BayesianGenerator.FittedMetric f) {
        double sum = 0;
        for (double v : f.gp().leaveOneOutLogDensities()) sum += v;
        return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
    }

    /**
     * The options with the low-noise prior in place of the default one, or null when the study sets either
     * noise-prior option (its choice is kept).
     */
    static GenerationOptions lowNoiseOptions(StudySpec spec, GenerationOptions opts) {
        Map<String, Object> given = spec.generation().options();
        if (given.containsKey("noise_prior_loc") || given.containsKey("noise_prior_scale")) return null;
        Map<String, Object> low = new LinkedHashMap<>(given);
        low.put("noise_prior_loc", LOW_NOISE_PRIOR_LOC);
        low.put("noise_prior_scale", LOW_NOISE_PRIOR_SCALE);
        return GenerationOptions.parse(low).withWinsorize(opts.winsorize());
    }

    static List<Candidate> generate(String acquisition, GenerationRequest request, List<Trial> completed, double[] x,
                                    int n, int d, GenerationOptions opts, Fitter fitter) {
        StudySpec spec = request.spec();
        SearchSpace space = spec.space();
        Encoding enc = space.encoding();
        McAcquisitions.Entry entry = McAcquisitions.entry(acquisition);
        boolean parego = acquisition.equals("qnparego");
        List<Objective> objectives = spec.objectives();
        int mo = objectives.size();
        long t0 = System.nanoTime();
        GenerationOptions lowNoise = lowNoiseOptions(spec, opts);
        // MAP under hyperparameters=auto: fully Bayesian was worse on DTLZ2's development seeds (BENCHMARKS.md 9.1)
        boolean fullyBayesian = opts.hyperparameters().mode() == GenerationOptions.HyperparameterMode.FULLY_BAYESIAN;
        List<BayesianGenerator.FittedMetric> fits = new ArrayList<>();
        Map<String, Object> noiseChoices = new LinkedHashMap<>();
        for (int k = 0; k < mo; k++) {
            Objective o = objectives.get(k);
            NoiseChoice c = fitChoosingNoise(fitter, o.metric(), o.goal() == Goal.MINIMIZE, true,
                request.seed() + 101L * k, opts, noiseInferred(completed, o.metric()) ? lowNoise : null);
            fits.add(fullyBayesian ? withFullyBayesian(c, request, opts, lowNoise, request.seed() + 101L * k) : c.fit());
            if (c.prior() != null) noiseChoices.put(o.metric(), noiseRecord(c));
        }
        List<BayesianGenerator.FittedMetric> conFits = new ArrayList<>();
        for (OutcomeConstraint oc : spec.outcomeConstraints()) {
            NoiseChoice c = fitChoosingNoise(fitter, oc.metric(), false, false, request.seed() + 17, opts,
                noiseInferred(completed, oc.metric()) ? lowNoise : null);
            conFits.add(fullyBayesian ? withFullyBayesian(c, request, opts, lowNoise,
                request.seed() + 17 + conFits.size())
                : c.fit());
            if (c.prior() != null) noiseChoices.put(oc.metric(), noiseRecord(c));
        }
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        List<GpModel> models = new ArrayList<>();
        for (BayesianGenerator.FittedMetric f : fits) models.add(f.model());
        List<BaselinePruning.Constraint> pc = new ArrayList<>();
        for (int k = 0; k < conFits.size(); k++) {
            OutcomeConstraint c = spec.outcomeConstraints().get(k);
            BayesianGenerator.FittedMetric f = conFits.get(k);
            pc.add(new BaselinePruning.Constraint(f.model(), AutoModel.boundInModelUnits(f, c.bound()),
                c.relation() == OutcomeConstraint.Relation.LESS_EQUAL));
        }
        List<FeasibilityFloor.Constraint> feasibility = AutoModel.feasibilityConstraints(pc, conFits);
        double minFeasibility = opts.minFeasibility();
        ParetoFront observedFront = ParetoFront.of(spec, completed);
        double[] refOriginal = referencePoint(spec, completed, observedFront);
        double[] ref = new double[mo];
        double[] lower = new double[mo], upper = new double[mo];
        for (int k = 0; k < mo; k++) {
            Objective o = objectives.get(k);
            BayesianGenerator.FittedMetric f = fits.get(k);
            boolean negate = o.goal() == Goal.MINIMIZE;
            ref[k] = toModelUnits(f, negate, refOriginal[k]);
            lower[k] = Double.POSITIVE_INFINITY;
            upper[k] = Double.NEGATIVE_INFINITY;
            for (Trial t : completed) {
                double v = toModelUnits(f, negate, t.values().get(o.metric()).mean());
                lower[k] = Math.min(lower[k], v);
                upper[k] = Math.max(upper[k], v);
            }
        }
        // No completed feasible trial beats the reference point yet (thresholds none has met): every candidate's
        // hypervolume improvement is ~0 and the acquisition flat, so the floor also asks for beating the reference
        // point in every objective — the probability of doing so is maximised first, as for unmet constraints.
        boolean referenceFirst = observedFront.trials().isEmpty();
        List<FeasibilityFloor.Constraint> floorConstraints = new ArrayList<>(feasibility);
        if (referenceFirst) {
            for (int k = 0; k < mo; k++) {
                BayesianGenerator.FittedMetric f = fits.get(k);
                floorConstraints.add(new FeasibilityFloor.Constraint(f.model(), ref[k], false, AutoModel.meanNoise(f)));
            }
        }
        int[] keep;
        if (opts.pruneBaseline()) {
            keep = MultiObjectivePruning.prune(models, pc, x, n, parego ? null : ref, 256, request.seed() ^ 0xB5L);
        } else {
            keep = new int[n];
            for (int i = 0; i < n; i++) keep[i] = i;
        }
        List<double[]> baseRows = new ArrayList<>();
        for (int i : keep) baseRows.add(Arrays.copyOfRange(x, i * d, (i + 1) * d));
        List<double[]> pendingRows = BayesianGenerator.encodePending(space, request.pending());
        OptimizerOptions oo = OptimizerOptions.defaults(request.seed())
            .withRawSamples(Math.max(512, spec.generation().options().containsKey("raw_samples") ? opts.rawSamples()
                : GenerationOptions.MULTI_OBJECTIVE_RAW_SAMPLES))
            .withRestarts(opts.restarts(10))
            .withBoltzmannEta(spec.generation().options().containsKey("init_eta") ? opts.initEta()
                : GenerationOptions.MULTI_OBJECTIVE_INIT_ETA)
            .withThreads(opts.threads(Runtime.getRuntime().availableProcessors()));
        double[][] a = enc.constraintMatrix();
        double[] bnd = enc.constraintBounds();
        if (a != null && a.length == 0) {
            a = null;
            bnd = null;
        }
        Predicate<double[]> rowFeasible = enc.nonlinearConstraints().isEmpty() ? null : enc::satisfiesConstraints;
        RepeatFilter repeats = null;
        boolean noiseFree = true;
        if (RepeatFilter.appliesTo(enc)) {
            List<double[]> visited = new ArrayList<>(pendingRows);
            for (int i = 0; i < n; i++) visited.add(Arrays.copyOfRange(x, i * d, (i + 1) * d));
            repeats = new RepeatFilter(enc, visited);
            for (int k = 0; k < mo; k++) {
                noiseFree &= RepeatFilter.noiseFree(completed, objectives.get(k).metric(),
                    fits.get(k).gp().noiseVariances());
            }
        }
        int samples = spec.generation().options().containsKey("mc_samples") ? opts.mcSamples()
            : GenerationOptions.MULTI_OBJECTIVE_SAMPLES;
        int count = request.count();
        boolean joint = !opts.sequential() && !parego;
        int rounds = joint ? 1 : count;
        int q = joint ? count : 1;
        List<double[]> chosen = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        int replaced = 0;
        String fallback = null;
        for (int round = 0; round < rounds; round++) {
            List<double[]> rows = new ArrayList<>(baseRows);
            rows.addAll(pendingRows);
            rows.addAll(chosen);
            int nb = rows.size();
            double[] baseline = new double[nb * d];
            for (int i = 0; i < nb; i++) System.arraycopy(rows.get(i), 0, baseline, i * d, d);
            long seed = request.seed() + 1000L * round;
            List<MultiObjectiveContext> contexts = new ArrayList<>();
            int size = fits.get(0).members().size(); // fully Bayesian: S members per metric; MAP: none
            int perMember = size == 0 ? samples
                : Math.max(BayesianGenerator.MIN_MEMBER_SAMPLES, (samples + size - 1) / size);
            for (int s = 0; s < Math.max(1, size); s++) {
                List<BatchPosterior> posts = new ArrayList<>();
                for (int k = 0; k < mo; k++) {
                    GpModel g = size == 0 ? models.get(k) : fits.get(k).members().get(s);
                    posts.add(g.batchPosterior(baseline, nb));
                }
                List<ConstraintModel> cons = new ArrayList<>();
                for (int k = 0; k < pc.size(); k++) {
                    BaselinePruning.Constraint c = pc.get(k);
                    Model g = size == 0 ? c.model() : conFits.get(k).members().get(s);
                    cons.add(new ConstraintModel(g.batchPosterior(baseline, nb), c.bound(), c.upper()));
                }
                contexts.add(new MultiObjectiveContext(posts, cons, q, Sampler.qmc(perMember, seed + 7777L * s),
                    McContext.DEFAULT_ETA, ref, lower, upper, seed ^ 0x5CA1AL));
            }
            AcquisitionFunction built;
            try {
                built = ensemble(acquisition, contexts, entry.multiObjectiveFactory());
            } catch (TooManyBoxesException e) {
                // many objectives and a large front: the exact boxes do not fit; scalarise for this candidate
                built = ensemble("qnparego", contexts, McAcquisitions::qNParEGO);
                fallback = e.getMessage();
            }
            if (minFeasibility > 0 && !floorConstraints.isEmpty()) {
                built = new FeasibilityFloor(built, floorConstraints, minFeasibility);
            }
            AcquisitionFunction acq = built;
            AcquisitionFunction f = opts.screen() ? built : new AcquisitionFunction() {
                @Override public int q() { return acq.q(); }
                @Override public int dimension() { return acq.dimension(); }
                @Override public double evaluate(double[] xx, double[] g) { return acq.evaluate(xx, g); }
            };
            AcquisitionOptimizer.Result r = AcquisitionOptimizer.maximize(f, a, bnd, rowFeasible,
                BayesianGenerator.discrete(enc), null, oo.withSeed(request.seed() * 31 + round));
            if (q == 1 && repeats != null) {
                RepeatFilter.Choice c = repeats.choose(r.x(), r.value(), built, noiseFree);
                repeats.add(c.x());
                if (c.replaced()) replaced++;
                chosen.add(c.x());
                values.add(c.value());
                continue;
            }
            for (int j = 0; j < q; j++) {
                chosen.add(Arrays.copyOfRange(r.x(), j * d, (j + 1) * d));
                values.add(r.value());
            }
        }
        double optSeconds = (System.nanoTime() - t1) / 1e9;
        double[][] feasibilityBy = FeasibilityFloor.feasibilityByConstraint(feasibility, chosen);
        List<String> constraintMetrics = conFits.stream().map(BayesianGenerator.FittedMetric::metric).toList();
        List<Candidate> out = new ArrayList<>();
        for (int j = 0; j < chosen.size(); j++) {
            Map<String, Object> gen = new LinkedHashMap<>();
            gen.put("acquisition", acquisition);
            gen.put("acquisition_value", values.get(j));
            gen.put("fit_seconds", fitSeconds);
            gen.put("optimize_seconds", optSeconds);
            gen.put("hyperparameters", new LinkedHashMap<>(fits.get(0).summary()));
            Map<String, Object> oh = new LinkedHashMap<>();
            for (BayesianGenerator.FittedMetric f : fits) oh.put(f.metric(), new LinkedHashMap<>(f.summary()));
            gen.put("objective_hyperparameters", oh);
            Map<String, Object> transforms = new LinkedHashMap<>();
            for (BayesianGenerator.FittedMetric f : fits) {
                transforms.put(f.metric(), dev.sextant.surrogate.select.ModelSelector.describe(f.transform()));
            }
            gen.put("objective_transforms", transforms);
            List<BayesianGenerator.FittedMetric> all = new ArrayList<>(fits);
            all.addAll(conFits);
            Map<String, Object> choice = AutoModel.metadata(all);
            if (!choice.isEmpty()) gen.put("model_choice", choice);
            if (!conFits.isEmpty()) {
                Map<String, Object> ch = new LinkedHashMap<>();
                for (BayesianGenerator.FittedMetric f : conFits) ch.put(f.metric(), new LinkedHashMap<>(f.summary()));
                gen.put("constraint_hyperparameters", ch);
                FeasibilityFloor.recordFeasibility(gen, feasibilityBy, constraintMetrics, j);
            }
            Map<String, Object> refMap = new LinkedHashMap<>();
            for (int k = 0; k < mo; k++) refMap.put(objectives.get(k).metric(), refOriginal[k]);
            gen.put("reference_point", refMap);
            if (referenceFirst && minFeasibility > 0) gen.put("reference_point_first", true);
            if (!noiseChoices.isEmpty()) gen.put("noise_prior_choice", noiseChoices);
            if (fullyBayesian) gen.put("fully_bayesian", BayesianGenerator.fullyBayesianMetadata(all, opts));
            gen.put("baseline_size", keep.length);
            gen.put("pending", pendingRows.size());
            if (replaced > 0) gen.put("repeats_avoided", replaced);
            if (fallback != null) gen.put("fallback", fallback + "; qnparego was used");
            out.add(new Candidate(space.decode(chosen.get(j)), gen));
        }
        return out;
    }

    /**
     * A metric's fit with its fully Bayesian ensemble ({@link BayesianGenerator#withFullyBayesian}), sampled under the
     * noise prior its MAP fit was chosen with (the low-noise options when {@link #fitChoosingNoise} chose "low"),
     * continuing the metric's chain recorded in the request's trials where there is one.
     */
    private static BayesianGenerator.FittedMetric withFullyBayesian(NoiseChoice c, GenerationRequest request,
                                                                    GenerationOptions opts, GenerationOptions lowNoise,
                                                                    long seed) {
        return BayesianGenerator.withFullyBayesian(c.fit(), "low".equals(c.prior()) ? lowNoise : opts, seed,
            BayesianGenerator.recordedChainState(request, c.fit().metric()));
    }

    /**
     * The acquisition over the contexts: one context (MAP models) gives the factory's acquisition itself; several (one
     * per fully Bayesian member, member s of every metric together) give the average of theirs in value space
     * ({@link EnsembleAcquisition}; both multi-objective acquisitions are log-valued), qLogNEHVI's log-mean-exp over
     * the members. Throws {@link TooManyBoxesException} when some member's box decomposition does not fit.
     */
    private static AcquisitionFunction ensemble(String acquisition, List<MultiObjectiveContext> contexts,
                                                McAcquisitions.MultiObjectiveFactory factory) {
        List<AcquisitionFunction> each = new ArrayList<>(contexts.size());
        for (MultiObjectiveContext ctx : contexts) each.add(factory.create(ctx));
        return EnsembleAcquisition.of(each, McAcquisitions.logValued(acquisition));
    }

    private static Map<String, Object> noiseRecord(NoiseChoice c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chosen", c.prior());
        m.put("loo_default", Double.isFinite(c.looDefault()) ? c.looDefault() : null);
        m.put("loo_low", Double.isFinite(c.looLow()) ? c.looLow() : null);
        return m;
    }

    /**
     * An objective's value in its model's units, as the model sees an observation of it: the objective's outcome
     * transform T, negated when the objective is minimised, standardised by the model. A value outside T's domain
     * (e.g. at or below the offset of a log) lies below every value T can take, i.e. worse than anything the model
     * predicts for a maximised objective and better for a minimised one: it is placed 50 outcome scales beyond the
     * model's mean on that side.
     */
    static double toModelUnits(BayesianGenerator.FittedMetric f, boolean negate, double value) {
        double t;
        try {
            t = f.transform().apply(value);
        } catch (IllegalArgumentException e) {
            return negate ? 50 : -50;
        }
        return ((negate ? -t : t) - f.shift()) / f.scale();
    }

    /**
     * The hypervolume reference point in the metrics' own units: that of {@code front} (the completed trials'
     * {@link ParetoFront#of}),
     * or, when no completed trial is feasible (nothing to infer from), {@link ReferencePoint#infer}'s rule on all of
     * them.
     */
    static double[] referencePoint(StudySpec spec, List<Trial> completed, ParetoFront front) {
        List<Objective> objectives = spec.objectives();
        int mo = objectives.size();
        double[] ref = new double[mo];
        if (!front.referencePoint().isEmpty()) {
            for (int k = 0; k < mo; k++) ref[k] = front.referencePoint().get(k);
            return ref;
        }
        double[][] pts = new double[completed.size()][mo];
        double[] thresholds = new double[mo];
        for (int k = 0; k < mo; k++) {
            Objective o = objectives.get(k);
            thresholds[k] = o.threshold() == null ? Double.NaN : o.toMaximised(o.threshold());
            for (int i = 0; i < completed.size(); i++) {
                pts[i][k] = o.toMaximised(completed.get(i).values().get(o.metric()).mean());
            }
        }
        double[] maxRef = ReferencePoint.infer(pts, thresholds);
        for (int k = 0; k < mo; k++) ref[k] = objectives.get(k).toMaximised(maxRef[k]); // back to the metric's units
        return ref;
    }
}

package dev.sextant.acquisition;

import dev.sextant.acquisition.analytic.FeasibilityFloor;
import dev.sextant.acquisition.generate.GenerationOptions;
import dev.sextant.acquisition.mc.BaselinePruning;
import dev.sextant.acquisition.mc.ConstraintModel;
import dev.sextant.acquisition.mc.McAcquisitions;
import dev.sextant.acquisition.mc.McContext;
import dev.sextant.acquisition.optim.AcquisitionOptimizer;
import dev.sextant.acquisition.optim.DiscreteStructure;
import dev.sextant.acquisition.optim.OptimizerOptions;
import dev.sextant.acquisition.sampling.Sampler;
import dev.sextant.acquisition.trust.TrustRegion;
import dev.sextant.acquisition.trust.TrustRegionPlan;
import dev.sextant.acquisition.mc.EnsembleAcquisition;
import dev.sextant.surrogate.bayes.ChainState;
import dev.sextant.surrogate.bayes.FullyBayesianFit;
import dev.sextant.surrogate.bayes.FullyBayesianGp;
import dev.sextant.surrogate.bayes.FullyBayesianOptions;
import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.GpOptions;
import dev.sextant.surrogate.gp.OutcomeTransform;
import dev.sextant.surrogate.gp.Prior;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.model.BatchPosterior;
import dev.sextant.surrogate.model.GpModel;
import dev.sextant.surrogate.select.Selection;
import dev.sextant.core.generate.Candidate;
import dev.sextant.core.generate.CandidateGenerator;
import dev.sextant.core.generate.GenerationException;
import dev.sextant.core.generate.GenerationRequest;
import dev.sextant.core.generate.SobolGenerator;
import dev.sextant.core.space.EncodedDimension;
import dev.sextant.core.space.Encoding;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.OutcomeConstraint;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bayesian optimisation candidate generator: one GP per metric (objective and outcome-constraint metrics,
 * MAP-fitted by the surrogate module (RBF ARD by default), refitted from the default hyperparameters every call
 * unless {@code warm_start} is set (a call whose completed trials and observations are those of the previous call on the
 * same study reuses that call's models: only the pending points changed; recorded as {@code fit_reused}); the objective's poor tail winsorised first), an MC acquisition (qLogNEI by
 * default) with the RUNNING/CANDIDATE trials as pending points, optimised by {@link AcquisitionOptimizer}.
 * Minimisation is handled by negating the objective. In spaces where every parameter is discrete, a proposal that
 * repeats a completed or pending point is replaced by the best unvisited point when the objective is noise-free
 * (all its SEMs 0, or none reported and the fitted noise negligible), or when the acquisition values the unvisited
 * point more (see {@link RepeatFilter}); recorded as {@code repeats_avoided}. Thread-safe.
 *
 * <p>Options read from {@code spec.generation().options()} (all optional): {@code kernel} ("rbf", BoTorch's
 * default since 0.12 and clearly better on smooth problems such as Branin in our loop checks; or "matern52",
 * "matern32", or sums and products of them such as "matern52+rbf", see {@link Kernel#parse}),
 * {@code mc_samples} (512, BoTorch's default),
 * {@code raw_samples} (2048: cheap here thanks to the cached baseline, and it found the global basin of Hartmann6
 * more often than 1024 in our loop checks), {@code restarts} (10), {@code sequential} (true: greedy one point at a time with
 * the earlier ones pending, as Ax does; false: joint q-batch), {@code prune_baseline} (true), {@code beta}
 * (qUCB, 0.2), {@code threads} (available processors), {@code gp_restarts} (0 extra random starts besides
 * the default and warm starts), {@code warm_start} (false: each refit starts from the default hyperparameters, as
 * BoTorch does; starting from the previous fit instead kept fits in stale likelihood optima and raised the median
 * regret on Hartmann6, its constrained variant and Ackley10 in `sextant bench`, see BENCHMARKS.md), {@code min_noise} (1e-6, model units),
 * {@code fixed_outputscale} (false), {@code screen} (true: rank raw samples with 128 MC samples),
 * {@code noise_prior_loc} / {@code noise_prior_scale} (0.0625 / 1.75: the log-normal prior on the inferred noise
 * variance, weaker than BoTorch's −4 / 1, see {@link #prior(GenerationOptions)}), {@code winsorize} (true: clip the
 * poor tail of the objective at its Tukey fence before fitting, as Ax does, see {@link #winsorizeLowerTail(double[])}),
 * {@code init_eta} (2: temperature of the Boltzmann choice of L-BFGS starts among the raw samples; BoTorch uses 1),
 * {@code outcome_transform} ("none"; "log", "bilog" or "power" (fitted Yeo–Johnson): the objective's values are
 * transformed before the model sees them, for skewed metrics such as losses spanning decades, see
 * {@link #outcomeTransform(GenerationOptions, double[])}), {@code model_selection} ("auto": every metric's transform,
 * kernel and input warping chosen at every call by leave-one-out likelihood, see {@link AutoModel}; "off": the fixed
 * model described above), {@code input_warping} ("auto", "on", "off"), {@code trust_region} ("off", "on", "auto": a
 * TuRBO-1 trust region around the incumbent, from 20 encoded dimensions for "auto"; its state is replayed from the
 * completed trials, see {@link TrustRegionPlan}) and {@code trust_region_search} ("acquisition": the acquisition
 * maximised inside the region; "thompson"), {@code hyperparameters} ("map"; "fully_bayesian": every metric's
 * hyperparameter posterior sampled (from the MAP estimate, or continuing the chain recorded by the latest trial) and the
 * MC acquisition averaged over the {@code fb_samples} member GPs by {@link EnsembleAcquisition}, see
 * {@link #withFullyBayesian}; "auto", the default: fully_bayesian from 8 encoded dimensions, map below). A multi-objective acquisition takes the multi-objective path,
 * {@link MultiObjectiveProposals}: one GP per objective, goal-signed, and qLogNEHVI (the default of a study with
 * several objectives) or qNParEGO; a single-objective acquisition on such a study is rejected. Every option, with its
 * type, default and allowed values,
 * is in {@link GenerationOptions#OPTIONS}; they are validated when a study is created.
 *
 * <p>Generation metadata: besides the acquisition value, fit and optimisation times and hyperparameters,
 * {@code hyperparameter_inference} (the {@code hyperparameters} mode, the inference chosen and the encoded dimension),
 * {@code fully_bayesian} (per metric: prior, chain and its state, see {@link #withFullyBayesian}),
 * {@code model_choice} (per metric: the chosen model, transform, kernel, warping and every candidate's LOO score) and,
 * for studies with outcome constraints, {@code predicted_feasibility} (the constraint models' probability that the
 * trial meets every constraint, for calibration checks), {@code predicted_feasibility_by_metric} (the same per
 * constraint metric), {@code loo_variance_scale} (per constraint metric, the leave-one-out calibration of its
 * model's predictive variance, see {@link FeasibilityFloor#looVarianceScale}) and, with a trust region,
 * {@code trust_region} (its phase, batch key, centre, corners, length and counters; see
 * {@link TrustRegion#metadata()}). With {@code min_feasibility} τ &gt; 0
 * (default {@value GenerationOptions#DEFAULT_MIN_FEASIBILITY}) the acquisition of a constrained study is laid under
 * {@link FeasibilityFloor}: proposals predicted feasible with probability below τ are penalised, and where none
 * reaches τ the probability of feasibility is maximised first.
 */
public final class BayesianGenerator implements CandidateGenerator {
    /** Valid acquisition names. */
    public static final List<String> ACQUISITIONS = McAcquisitions.names();

    private final String acquisition;
    private final McAcquisitions.Entry entry;
    private final Map<String, double[]> warmStarts = new ConcurrentHashMap<>();
    /** The models of the last call, reused while no trial was told since (fitted GPs are immutable). */
    private volatile LastFit lastFit;
    private final SobolGenerator sobol = new SobolGenerator();

    public BayesianGenerator(String acquisition) {
        String a = acquisition == null ? GenerationSettings.DEFAULT_ACQUISITION : acquisition.toLowerCase(Locale.ROOT);
        if (!ACQUISITIONS.contains(a)) {
            throw new IllegalArgumentException("unknown acquisition '" + acquisition + "'; valid names: "
                + String.join(", ", ACQUISITIONS));
        }
        this.acquisition = a;
        this.entry = McAcquisitions.entry(a);
    }

    public BayesianGenerator() {
        this("qlognei");
    }

    @Override
    public String name() {
        return "bayes:" + acquisition;
    }

    public String acquisition() {
        return acquisition;
    }

    /**
     * One fitted metric: the surrogate's GP (in the units it was fitted in: sign-adjusted, after the outcome
     * transform) and the same GP as the acquisition's {@link GpModel} in standardised model units
     * (fitted = shift + scale · model).
     */
    public record FittedMetric(String metric, GaussianProcess gp, GpModel model, OutcomeTransform transform,
                               Map<String, Double> summary, Selection selection, FullyBayesianFit fullyBayesian,
                               List<GpModel> members) {
        /**
         * members: the fully Bayesian GP's members as models in the same model units as {@code model} (empty with
         * MAP hyperparameters, when fullyBayesian is null).
         */
        public FittedMetric {
            members = List.copyOf(members == null ? List.of() : members);
        }

        /** A MAP-fitted metric (no ensemble). */
        public FittedMetric(String metric, GaussianProcess gp, GpModel model, OutcomeTransform transform,
                            Map<String, Double> summary, Selection selection) {
            this(metric, gp, model, transform, summary, selection, null, List.of());
        }

        public double shift() {
            return model.outcomeShift();
        }

        public double scale() {
            return model.outcomeScale();
        }
    }

    @Override
    public List<Candidate> generate(GenerationRequest request) {
        StudySpec spec = request.spec();
        SearchSpace space = spec.space();
        Encoding enc = space.encoding();
        int d = enc.dimension();
        List<Trial> usable = new ArrayList<>();
        for (Trial t : request.completed()) if (hasAll(t, spec.metrics())) usable.add(t);
        if (usable.size() < 2 || d == 0) {
            return sobol.generate(request);
        }
        GenerationOptions opts = GenerationOptions.of(spec);
        String multi = multiObjectiveAcquisition(spec);
        // trust region (option trust_region): state replayed from the history; its model sees its own trials only
        TrustRegionPlan trust = multi == null ? TrustRegionPlan.of(spec, usable, request.pending(), d, opts)
            : TrustRegionPlan.off();
        if (trust.designNeeded()) return trust.design(spec, usable, request.pending(), request.count());
        List<Trial> completed = trust.active(usable);
        int n = completed.size();
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) System.arraycopy(space.encode(completed.get(i).parameters()), 0, x, i * d, d);
        if (multi != null) {
            // every objective fitted as the single objective is (outcome transform), but not winsorised
            GenerationOptions moOpts = opts.withWinsorize(false);
            return MultiObjectiveProposals.generate(multi, request, completed, x, n, d, moOpts,
                (metric, negate, objective, seed, o) -> fit(metric, completed, x, n, d, negate, objective, o, seed));
        }
        long t0 = System.nanoTime();
        // nothing told since the last call on this study (only pending points changed): the same models serve again
        FitKey key = new FitKey(spec, observed(completed));
        LastFit last = lastFit;
        boolean reused = last != null && last.key().equals(key);
        List<FittedMetric> fits;
        if (reused) {
            fits = last.fits();
        } else {
            fits = new ArrayList<>();
            boolean minimize = spec.objective().goal() == Goal.MINIMIZE;
            fits.add(fit(spec.objective().metric(), completed, x, n, d, minimize, true, opts, request.seed()));
            for (OutcomeConstraint c : spec.outcomeConstraints()) {
                fits.add(fit(c.metric(), completed, x, n, d, false, false, opts, request.seed() + 17));
            }
            if (opts.hyperparameters().fullyBayesian(d)) {
                for (int k = 0; k < fits.size(); k++) {
                    ChainState from = recordedChainState(request, fits.get(k).metric());
                    fits.set(k, withFullyBayesian(fits.get(k), opts, request.seed() + k, from));
                }
            }
            fits = List.copyOf(fits);
            lastFit = new LastFit(key, fits);
        }
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        // constraints in model units
        List<BaselinePruning.Constraint> pc = new ArrayList<>();
        for (int k = 0; k < spec.outcomeConstraints().size(); k++) {
            OutcomeConstraint c = spec.outcomeConstraints().get(k);
            FittedMetric f = fits.get(k + 1);
            double b = AutoModel.boundInModelUnits(f, c.bound());
            pc.add(new BaselinePruning.Constraint(f.model(), b, c.relation() == OutcomeConstraint.Relation.LESS_EQUAL));
        }
        int mcSamples = opts.mcSamples();
        boolean prune = opts.pruneBaseline();
        int[] keep;
        if (prune) {
            keep = BaselinePruning.prune(fits.get(0).model(), pc, x, n, 1024, request.seed() ^ 0xB5L);
        } else {
            keep = new int[n];
            for (int i = 0; i < n; i++) keep[i] = i;
        }
        double[] baseline = new double[keep.length * d];
        for (int a = 0; a < keep.length; a++) System.arraycopy(x, keep[a] * d, baseline, a * d, d);
        int nb = entry.usesBaseline() ? keep.length : 0;
        BatchPosterior objective = fits.get(0).model().batchPosterior(baseline, nb);
        List<ConstraintModel> cons = new ArrayList<>();
        for (int k = 0; k < pc.size(); k++) {
            cons.add(new ConstraintModel(fits.get(k + 1).model().batchPosterior(baseline, nb), pc.get(k).bound(),
                pc.get(k).upper()));
        }
        List<Member> members = members(fits, pc, baseline, nb, objective, cons);
        double bestF = bestFeasibleMean(fits.get(0).model(), pc, x, n);
        TrustRegion region = trust.enabled() ? trust.region(fits.get(0).model(), pc, x, n, fits.get(0).summary(), enc)
            : null;
        List<FeasibilityFloor.Constraint> feasibility =
            AutoModel.feasibilityConstraints(pc, fits.subList(1, fits.size()));
        List<FeasibilityFloor.Constraint> floor = opts.minFeasibility() > 0 ? feasibility : List.of();
        // pending points
        List<double[]> pendingRows = encodePending(space, request.pending());
        OptimizerOptions oo = OptimizerOptions.defaults(request.seed())
            .withRawSamples(Math.max(512, opts.rawSamples()))
            .withRestarts(opts.restarts(10))
            .withBoltzmannEta(opts.initEta())
            .withThreads(opts.threads(Runtime.getRuntime().availableProcessors()));
        double[][] a = enc.constraintMatrix();
        double[] bnd = enc.constraintBounds();
        if (a != null && a.length == 0) { a = null; bnd = null; }
        // constraints over log-scale parameters are not linear in the unit cube: checked row by row
        Predicate<double[]> rowFeasible = enc.nonlinearConstraints().isEmpty() ? null : enc::satisfiesConstraints;
        DiscreteStructure ds = discrete(enc);
        int count = request.count();
        boolean sequential = opts.sequential();
        double beta = opts.beta();
        boolean screen = opts.screen();
        List<double[]> chosen = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        // no repeats in all-discrete spaces (see RepeatFilter): visited = completed + pending + chosen
        RepeatFilter repeats = null;
        boolean noiseFree = true;
        if (RepeatFilter.appliesTo(enc)) {
            List<double[]> visitedRows = new ArrayList<>(pendingRows);
            for (int i = 0; i < n; i++) visitedRows.add(Arrays.copyOfRange(x, i * d, (i + 1) * d));
            repeats = new RepeatFilter(enc, visitedRows);
            // the fitted GP's noise variances are in model (standardised) units already
            noiseFree = RepeatFilter.noiseFree(completed, spec.objective().metric(), fits.get(0).gp().noiseVariances());
        }
        int replaced = 0;
        int rounds = sequential ? count : 1;
        if (region != null && opts.trustRegionSearch() == GenerationOptions.TrustRegionSearch.THOMPSON) {
            // TuRBO-1's Thompson sampling inside the region instead of the acquisition
            TrustRegion.Thompson ts = region.thompson(fits.get(0).model(), pc, continuous(enc),
                rowFeasible == null && a == null ? null : u -> enc.satisfiesConstraints(u), count, request.seed());
            for (int j = 0; j < count; j++) {
                chosen.add(Arrays.copyOfRange(ts.x(), j * d, (j + 1) * d));
                values.add(ts.values()[j]);
            }
            rounds = 0;
        }
        int q = sequential ? 1 : count;
        for (int round = 0; round < rounds; round++) {
            List<double[]> pend = new ArrayList<>(pendingRows);
            pend.addAll(chosen);
            double[] pendArr = new double[pend.size() * d];
            for (int i = 0; i < pend.size(); i++) System.arraycopy(pend.get(i), 0, pendArr, i * d, d);
            AcquisitionFunction built = build(members, pendArr, pend.size(), q, mcSamples,
                request.seed() + 1000L * round, bestF, beta, floor, opts.minFeasibility());
            AcquisitionFunction f = screen ? built : new AcquisitionFunction() {
                @Override public int q() { return built.q(); }
                @Override public int dimension() { return built.dimension(); }
                @Override public double evaluate(double[] xx, double[] g) { return built.evaluate(xx, g); }
            };
            AcquisitionOptimizer.Result r = region != null
                ? region.maximize(f, a, bnd, rowFeasible, ds, oo.withSeed(request.seed() * 31 + round))
                : AcquisitionOptimizer.maximize(f, a, bnd, rowFeasible, ds, null, oo.withSeed(request.seed() * 31 + round));
            if (q == 1 && repeats != null) {
                RepeatFilter.Choice c = repeats.choose(r.x(), r.value(), built, noiseFree);
                repeats.add(c.x());
                if (c.replaced()) replaced++;
                chosen.add(c.x());
                values.add(c.value());
                continue;
            }
            for (int j = 0; j < q; j++) {
                double[] xj = Arrays.copyOfRange(r.x(), j * d, (j + 1) * d);
                if (repeats != null && repeats.visited(xj)) {
                    // a joint batch point repeating a visited point (or an earlier point of this batch): judged as a
                    // single point with the visited ones and this batch's earlier points pending
                    List<double[]> pendJ = new ArrayList<>(pendingRows);
                    pendJ.addAll(chosen);
                    double[] pendJArr = new double[pendJ.size() * d];
                    for (int i = 0; i < pendJ.size(); i++) System.arraycopy(pendJ.get(i), 0, pendJArr, i * d, d);
                    AcquisitionFunction f1 = build(members, pendJArr, pendJ.size(), 1, mcSamples,
                        request.seed() + 7919L * (j + 1), bestF, beta, floor, opts.minFeasibility());
                    RepeatFilter.Choice c = repeats.choose(xj, f1.evaluate(xj, null), f1, noiseFree);
                    if (c.replaced()) replaced++;
                    xj = c.x();
                    repeats.add(xj);
                    chosen.add(xj);
                    values.add(c.replaced() ? c.value() : r.value());
                    continue;
                }
                if (repeats != null) repeats.add(xj);
                chosen.add(xj);
                values.add(r.value());
            }
        }
        double optSeconds = (System.nanoTime() - t1) / 1e9;
        double[][] feasibilityBy = FeasibilityFloor.feasibilityByConstraint(feasibility, chosen);
        List<String> constraintMetrics = fits.subList(1, fits.size()).stream().map(FittedMetric::metric).toList();
        Map<String, Object> looScales = new LinkedHashMap<>();
        for (int k = 0; k < pc.size(); k++) {
            looScales.put(fits.get(k + 1).metric(), FeasibilityFloor.looVarianceScale(fits.get(k + 1).model()));
        }
        List<Candidate> out = new ArrayList<>();
        for (int j = 0; j < chosen.size(); j++) {
            Map<String, Object> params = space.decode(chosen.get(j));
            Map<String, Object> gen = new LinkedHashMap<>();
            gen.put("acquisition", acquisition);
            gen.put("acquisition_value", values.get(j));
            gen.put("fit_seconds", fitSeconds);
            if (reused) gen.put("fit_reused", true);
            gen.put("optimize_seconds", optSeconds);
            gen.put("hyperparameters", new LinkedHashMap<>(fits.get(0).summary()));
            if (fits.size() > 1) {
                Map<String, Object> ch = new LinkedHashMap<>();
                for (int k = 1; k < fits.size(); k++) ch.put(fits.get(k).metric(), new LinkedHashMap<>(fits.get(k).summary()));
                gen.put("constraint_hyperparameters", ch);
            }
            Map<String, Object> inference = new LinkedHashMap<>();
            inference.put("mode", opts.hyperparameters().mode().name().toLowerCase(Locale.ROOT));
            inference.put("chosen", fits.get(0).fullyBayesian() != null ? "fully_bayesian" : "map");
            inference.put("encoded_dimension", d);
            gen.put("hyperparameter_inference", inference);
            if (fits.get(0).fullyBayesian() != null) gen.put("fully_bayesian", fullyBayesianMetadata(fits, opts));
            Map<String, Object> choices = AutoModel.metadata(fits);
            if (!choices.isEmpty()) gen.put("model_choice", choices);
            if (!pc.isEmpty()) {
                FeasibilityFloor.recordFeasibility(gen, feasibilityBy, constraintMetrics, j);
                gen.put("loo_variance_scale", new LinkedHashMap<>(looScales));
            }
            gen.put("baseline_size", keep.length);
            gen.put("pending", pendingRows.size());
            if (replaced > 0) gen.put("repeats_avoided", replaced);
            if (region != null) gen.put("trust_region", region.metadata());
            out.add(new Candidate(params, gen));
        }
        return out;
    }

    /**
     * The pending trials' points in the encoded unit space (one row of length d each); a pending trial that lies
     * outside the current space cannot be encoded and is left out. Returns a new mutable list.
     */
    static List<double[]> encodePending(SearchSpace space, List<Trial> pending) {
        List<double[]> rows = new ArrayList<>();
        for (Trial t : pending) {
            try {
                rows.add(space.encode(t.parameters()));
            } catch (IllegalArgumentException e) {
                // outside the current space: ignore it
            }
        }
        return rows;
    }

    /** What a fit depends on: the study (space, options) and the completed trials' numbers and observations. */
    private record FitKey(StudySpec spec, List<Object> observed) {
    }

    private record LastFit(FitKey key, List<FittedMetric> fits) {
    }

    private static List<Object> observed(List<Trial> completed) {
        List<Object> out = new ArrayList<>(completed.size() * 3);
        for (Trial t : completed) {
            out.add(t.number());
            out.add(t.parameters());
            out.add(t.values());
        }
        return out;
    }

    /**
     * The multi-objective acquisition to use for spec, or null for the single-objective path: this generator's
     * acquisition when it is a multi-objective one (qLogNEHVI, qNParEGO; any number of objectives).
     *
     * @throws GenerationException for a study with several objectives and a single-objective acquisition (study
     *                             creation rejects that combination already, {@link GenerationOptions#checkObjectives})
     */
    String multiObjectiveAcquisition(StudySpec spec) {
        if (entry.multiObjective()) return acquisition;
        if (!spec.isMultiObjective()) return null;
        throw new GenerationException("acquisition '" + acquisition + "' optimises one objective; study '"
            + spec.name() + "' has " + spec.objectives().size() + " (" + String.join(", ", spec.objectiveMetrics())
            + "); use one of " + String.join(", ", McAcquisitions.multiObjectiveNames()));
    }

    /** One member of the model ensemble: the objective's posterior and the constraints' (one MAP fit: one member). */
    private record Member(BatchPosterior objective, List<ConstraintModel> constraints) {
    }

    /**
     * The members the acquisition averages over: the MAP models alone, or with fully Bayesian hyperparameters one
     * member per posterior draw, member s of every metric together (all metrics have the same S).
     */
    private static List<Member> members(List<FittedMetric> fits, List<BaselinePruning.Constraint> pc, double[] baseline,
                                        int nb, BatchPosterior objective, List<ConstraintModel> cons) {
        int size = fits.get(0).members().size();
        if (size == 0) return List.of(new Member(objective, cons));
        List<Member> out = new ArrayList<>(size);
        for (int s = 0; s < size; s++) {
            List<ConstraintModel> c = new ArrayList<>();
            for (int k = 0; k < pc.size(); k++) {
                c.add(new ConstraintModel(fits.get(k + 1).members().get(s).batchPosterior(baseline, nb),
                    pc.get(k).bound(), pc.get(k).upper()));
            }
            out.add(new Member(fits.get(0).members().get(s).batchPosterior(baseline, nb), c));
        }
        return out;
    }

    /** Smallest number of MC samples per member of an ensemble. */
    static final int MIN_MEMBER_SAMPLES = 32;

    /**
     * The acquisition over the members (each with its own context and cached baseline samples, member s drawing its
     * base samples from seed + 7777·s; with S &gt; 1 members, max({@value #MIN_MEMBER_SAMPLES}, ⌈mc_samples / S⌉)
     * samples each, so the ensemble's estimate costs about what one model's does), averaged by
     * {@link EnsembleAcquisition}, under the floor on predicted feasibility when there are constraints and a floor.
     * pending p×d, not modified.
     */
    private AcquisitionFunction build(List<Member> members, double[] pending, int p, int q, int mcSamples, long seed,
                                      double bestF, double beta, List<FeasibilityFloor.Constraint> floor,
                                      double minFeasibility) {
        int size = members.size();
        int samples = size == 1 ? mcSamples : Math.max(MIN_MEMBER_SAMPLES, (mcSamples + size - 1) / size);
        List<AcquisitionFunction> each = new ArrayList<>(size);
        for (int s = 0; s < size; s++) {
            Member m = members.get(s);
            McContext ctx = new McContext(m.objective(), m.constraints(), pending, p, q,
                Sampler.qmc(samples, seed + 7777L * s), McContext.DEFAULT_ETA);
            each.add(entry.factory().create(ctx, bestF, beta));
        }
        AcquisitionFunction a = EnsembleAcquisition.of(each, McAcquisitions.logValued(acquisition));
        return floor.isEmpty() ? a : new FeasibilityFloor(a, floor, minFeasibility);
    }

    /**
     * Generation metadata of fully Bayesian hyperparameters, per metric: the prior used (saas or standard), S, the
     * chain (whether it continued the previous generation's, its warm-up, thinning, density evaluations) and the
     * per-input posterior median lengthscales.
     */
    static Map<String, Object> fullyBayesianMetadata(List<FittedMetric> fits, GenerationOptions opts) {
        Map<String, Object> out = new LinkedHashMap<>();
        GenerationOptions.Hyperparameters h = opts.hyperparameters();
        for (FittedMetric f : fits) {
            FullyBayesianFit fb = f.fullyBayesian();
            if (fb == null) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("prior", fb.saas() ? "saas" : "standard");
            m.put("samples", fb.size());
            m.put("continued", fb.continued());
            m.put("warmup", fb.continued() ? h.rewarmup() : h.warmup());
            m.put("thin", h.thin());
            m.put("evaluations", fb.draws().evaluations());
            List<Double> ls = new ArrayList<>();
            for (double v : fb.medianLengthscales()) ls.add(v);
            m.put("median_lengthscales", ls);
            ChainState st = fb.state();
            Map<String, Object> chain = new LinkedHashMap<>();
            chain.put("parameters", st.parameterNames());
            chain.put("point", Arrays.stream(st.point()).boxed().toList());
            chain.put("widths", Arrays.stream(st.widths()).boxed().toList());
            m.put("chain", chain);
            out.put(f.metric(), m);
        }
        return out;
    }

    /**
     * The chain state of the metric's fully Bayesian fit recorded in {@code generation.fully_bayesian.<metric>.chain}
     * by the latest trial (completed or pending, by number) that has one; null when none. The state travels with the
     * trials, not in this generator, so any process (another worker, a resumed run) continues the same chain and the
     * proposals stay a function of the study's history and seed.
     */
    static ChainState recordedChainState(GenerationRequest request, String metric) {
        Trial latest = null;
        Map<?, ?> chain = null;
        for (List<Trial> list : List.of(request.completed(), request.pending())) {
            for (Trial t : list) {
                if (latest != null && t.number() < latest.number()) continue;
                Map<?, ?> c = recordedChain(t, metric);
                if (c != null) {
                    latest = t;
                    chain = c;
                }
            }
        }
        if (chain == null) return null;
        try {
            List<String> names = ((List<?>) chain.get("parameters")).stream().map(String::valueOf).toList();
            return new ChainState(names, numbers(chain.get("point")), numbers(chain.get("widths")));
        } catch (RuntimeException e) {
            return null;   // a malformed record (edited by hand, older format): start a fresh chain
        }
    }

    private static Map<?, ?> recordedChain(Trial t, String metric) {
        if (t.generation() == null || !(t.generation().get("fully_bayesian") instanceof Map<?, ?> fb)) return null;
        if (!(fb.get(metric) instanceof Map<?, ?> m)) return null;
        return m.get("chain") instanceof Map<?, ?> c ? c : null;
    }

    private static double[] numbers(Object list) {
        List<?> l = (List<?>) list;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).doubleValue();
        return out;
    }

    private static boolean hasAll(Trial t, List<String> metrics) {
        if (t.values() == null) return false;
        for (String m : metrics) {
            Observation o = t.values().get(m);
            if (o == null || !Double.isFinite(o.mean())) return false;
        }
        return true;
    }

    private FittedMetric fit(String metric, List<Trial> completed, double[] x, int n, int d, boolean negate,
                             boolean objective, GenerationOptions opts, long seed) {
        String key = metric + (negate ? ":neg" : "");
        double[] warm = opts.warmStart() ? warmStarts.get(key) : null;
        FittedMetric f = fitMetric(metric, completed, x, n, d, negate, objective, opts, seed, warm);
        warmStarts.put(key, f.gp().hyperparameterVector());
        return f;
    }

    /**
     * The metric with its fully Bayesian ensemble: the hyperparameter posterior of the MAP-fitted GP's data (same
     * outcome transform, standardisation, kernel family and noise model) sampled with the options {@code fb_samples},
     * {@code fb_warmup}, {@code fb_rewarmup}, {@code fb_thin}, {@code fb_prior} and the MAP fit's priors — from the
     * MAP estimate, or continuing the chain that stopped at {@code from} (the previous generation's state of this
     * metric as recorded in the trials, {@link #recordedChainState}; null: none) when its model family is the same; each draw a member {@link GpModel} (inferred noise
     * floored at {@code min_noise}). The MAP model stays the metric's {@link FittedMetric#model()} (baseline pruning,
     * incumbent, feasibility floor, trust region, dashboard).
     */
    static FittedMetric withFullyBayesian(FittedMetric f, GenerationOptions opts, long seed, ChainState from) {
        GenerationOptions.Hyperparameters h = opts.hyperparameters();
        Prior mapPrior = prior(opts);
        if (opts.fixedOutputscale()) mapPrior = fixedOutputscale(mapPrior);
        FullyBayesianOptions fo = new FullyBayesianOptions(h.prior(), h.warmup(), h.rewarmup(), h.samples(), h.thin(),
            seed * 0x9E3779B97F4A7C15L + f.metric().hashCode());
        FullyBayesianFit fb = FullyBayesianGp.sample(f.gp(), mapPrior, fo, from);
        boolean inferred = f.gp().hyperparameterNames().contains("log_noise");
        List<GpModel> members = new ArrayList<>(fb.size());
        for (GaussianProcess g : fb.members()) members.add(GpModel.of(g, inferred ? opts.minNoise() : 0));
        return new FittedMetric(f.metric(), f.gp(), f.model(), f.transform(), f.summary(), f.selection(), fb, members);
    }

    /**
     * The model of one metric exactly as this generator fits it (the dashboard's predictions use the same call):
     * the metric's observations of the given trials (the objective's through the outcome transform, negated for
     * minimisation, poor tail winsorised), the kernel, priors, restarts and noise floor of the study's options, a
     * MAP fit by the surrogate, and the fitted GP as a {@link GpModel} (nothing refactored unless the noise floor
     * binds).
     *
     * @param x n×d encoded inputs of the trials, not modified
     * @param warm packed hyperparameters to start from as well (null: none)
     */
    public static FittedMetric fitMetric(String metric, List<Trial> completed, double[] x, int n, int d,
                                         boolean negate, boolean objective, GenerationOptions opts, long seed,
                                         double[] warm) {
        return fitMetric(metric, completed, x, n, d, negate, objective, opts, seed, warm, "rbf");
    }

    /**
     * As above, with the kernel used when the option {@code kernel} is absent (this generator's is "rbf"; the
     * lookahead generators' is "matern52").
     */
    public static FittedMetric fitMetric(String metric, List<Trial> completed, double[] x, int n, int d,
                                         boolean negate, boolean objective, GenerationOptions opts, long seed,
                                         double[] warm, String defaultKernel) {
        opts = opts.withModelSelectionResolved(d, false);
        if (AutoModel.applies(opts, defaultKernel)) {
            return AutoModel.fit(metric, completed, x, n, d, negate, objective, opts, seed, warm, defaultKernel);
        }
        double[] y = new double[n];
        double[] sem = new double[n];
        boolean allSem = true;
        double[] means = new double[n];
        for (int i = 0; i < n; i++) means[i] = completed.get(i).values().get(metric).mean();
        OutcomeTransform tr = objective ? outcomeTransform(opts, means) : OutcomeTransform.NONE;
        for (int i = 0; i < n; i++) {
            Observation o = completed.get(i).values().get(metric);
            double t = transformed(tr, metric, o.mean());
            y[i] = negate ? -t : t;
            sem[i] = o.sem() * Math.abs(tr.derivative(o.mean()));
            if (!(o.sem() >= 0)) allSem = false;
        }
        if (objective && opts.winsorize()) winsorizeLowerTail(y);
        Kernel kernel = Kernel.parse(opts.kernel(defaultKernel), d);
        GpOptions o = GpOptions.defaults().withRestarts(opts.gpRestarts())
            .withSeed(seed).withWarmStart(warm).withPrior(prior(opts));
        if (opts.fixedOutputscale()) o = o.withPrior(fixedOutputscale(o.prior()));
        o = withKernel(o, kernel, d);
        GaussianProcess gp = GaussianProcess.fit(x, n, d, y, allSem ? sem : null, o);
        GpModel model = GpModel.of(gp, allSem ? 0 : opts.minNoise());
        return new FittedMetric(metric, gp, model, tr, gp.hyperparameterSummary(), null);
    }

    /**
     * The model of one metric of a multi-objective study as its generator fits it ({@link MultiObjectiveProposals}):
     * {@link #fitMetric} under the options, and, for a metric whose noise is inferred and a study that sets no
     * noise-prior option, the noise prior chosen by leave-one-out between the options' and the low-noise one (the
     * dashboard's slices use this, so they show the model the proposals came from). Arguments as {@link #fitMetric}.
     */
    public static FittedMetric fitMetricChoosingNoise(StudySpec spec, String metric, List<Trial> completed, double[] x,
                                                      int n, int d, boolean negate, boolean objective,
                                                      GenerationOptions opts, long seed, String defaultKernel) {
        GenerationOptions low = MultiObjectiveProposals.noiseInferred(completed, metric)
            ? MultiObjectiveProposals.lowNoiseOptions(spec, opts) : null;
        return MultiObjectiveProposals.fitChoosingNoise((m, neg, obj, s, o) -> fitMetric(m, completed, x, n, d, neg,
            obj, o, s, null, defaultKernel), metric, negate, objective, seed, opts, low).fit();
    }

    /**
     * options fitting the given kernel from the fit's default start (lengthscales at the prior's mode, outputscales 1):
     * a single stationary kernel by its type, a sum or product as a custom kernel whose hyperparameters are set to
     * that start (a custom kernel is otherwise started from its own hyperparameters). Call after the prior is set.
     */
    public static GpOptions withKernel(GpOptions options, Kernel kernel, int d) {
        java.util.Optional<dev.sextant.surrogate.kernel.KernelType> single = kernel.stationaryType();
        if (single.isPresent()) return options.withKernel(single.get());
        Prior p = options.prior();
        double ls = p.enabled() ? p.lengthscaleLoc(d) - p.lengthscaleScale() * p.lengthscaleScale() : Math.log(0.5);
        double[] theta = new double[kernel.numHyperparameters()];
        List<dev.sextant.surrogate.kernel.HyperparameterKind> kinds = kernel.hyperparameterKinds();
        for (int i = 0; i < theta.length; i++) {
            theta[i] = kinds.get(i) == dev.sextant.surrogate.kernel.HyperparameterKind.LENGTHSCALE ? ls : 0;
        }
        return options.withCustomKernel(kernel.withHyperparameters(theta));
    }

    /**
     * BoTorch's default SingleTaskGP has no outputscale (1 in standardised units): the prior p with the outputscale
     * pinned there by a very tight log-normal whose log-space mode is 0.
     */
    static Prior fixedOutputscale(Prior p) {
        double sc = 1e-3;
        return new Prior(p.lengthscaleLoc(), p.lengthscaleScale(), sc * sc, sc, p.noiseLoc(), p.noiseScale(), p.enabled());
    }

    /**
     * Winsorises the poor tail of objective values (maximisation convention), in place: values below the Tukey fence
     * q1 − 1.5·(q3 − q1) are raised to it, q1 and q3 the lower 25th and higher 75th percentiles (numpy's "lower" and
     * "higher" methods), as Ax's automatic winsorisation for a single objective does. A stationary GP fitted to
     * outcomes with a few very poor outliers (Branin's corners are ~300 below its optimum) spends its outputscale and
     * inferred noise on them, which blurs the model exactly where the optimum is refined; clipping the poor tail keeps
     * the ranking of the good points and costs nothing where there are no such outliers. Needs at least 4 values.
     *
     * @return the number of values changed
     */
    public static int winsorizeLowerTail(double[] y) {
        int n = y.length;
        if (n < 4) return 0;
        double[] s = y.clone();
        Arrays.sort(s);
        double q1 = s[(int) Math.floor(0.25 * (n - 1))];
        double q3 = s[(int) Math.ceil(0.75 * (n - 1))];
        double cut = q1 - 1.5 * (q3 - q1);
        int changed = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] < cut) {
                y[i] = cut;
                changed++;
            }
        }
        return changed;
    }

    /**
     * Default loc of the log-normal noise-variance prior (standardised units): with {@link #DEFAULT_NOISE_PRIOR_SCALE}
     * the MAP objective's prior term is a Gaussian in log noise centred at loc − scale² = −3 (variance 0.05) with
     * standard deviation 1.75. See {@link #prior(GenerationOptions)}.
     */
    public static final double DEFAULT_NOISE_PRIOR_LOC = 0.0625;
    /** Default scale of the log-normal noise-variance prior; see {@link #DEFAULT_NOISE_PRIOR_LOC}. */
    public static final double DEFAULT_NOISE_PRIOR_SCALE = 1.75;

    /**
     * The GP hyperparameter prior of every metric's fit: the surrogate's defaults (BoTorch's dimension-scaled
     * lengthscale prior) with a weaker noise prior, LogNormal({@code noise_prior_loc}, {@code noise_prior_scale})
     * on the noise variance in standardised units, defaults {@link #DEFAULT_NOISE_PRIOR_LOC} and
     * {@link #DEFAULT_NOISE_PRIOR_SCALE}.
     *
     * <p>Why not BoTorch's LogNormal(−4, 1): as a density of the variance (no Jacobian, as in GPyTorch) it acts on log
     * noise as a Gaussian centred at −5 (0.0067) with standard deviation 1, which puts both ends of what a generator
     * cannot know in advance several standard deviations out: exact observations (variance ≤ 1e-4, BoTorch's floor)
     * at ≥ 4.2 sd, and noise variances of 0.05–0.1 (noise SD a quarter to a third of the outcome spread, as in
     * Hartmann6 with noise 0.1 early on) at 2–2.7 sd. In `sextant bench` the MAP noise then stayed
     * near the prior's mode: on exact Branin data it blurred the model by 0.4–4 outcome units where the optimum is
     * refined, and on Hartmann6 with noise 0.1 it was 2–5 times below the true noise variance early on, so short
     * lengthscales explained the noise and the acquisition chased it. A prior centred higher (−3) and wider (1.75)
     * lets the likelihood decide in both cases (BENCHMARKS.md, section 1). {@code noise_prior_loc=-4
     * noise_prior_scale=1} restores BoTorch's prior.
     */
    public static Prior prior(GenerationOptions opts) {
        Prior p = Prior.defaults();
        double scale = opts.noisePriorScale();
        double loc = opts.noisePriorLoc();
        return new Prior(p.lengthscaleLoc(), p.lengthscaleScale(), p.outputscaleLoc(), p.outputscaleScale(), loc, scale,
            p.enabled());
    }

    private static double bestFeasibleMean(GpModel gp, List<BaselinePruning.Constraint> cons, double[] x, int n) {
        double[] mean = new double[n], var = new double[n];
        gp.predict(x, n, mean, var);
        double[][] cm = new double[cons.size()][n];
        for (int k = 0; k < cons.size(); k++) cons.get(k).model().predict(x, n, cm[k], new double[n]);
        double best = Double.NEGATIVE_INFINITY, any = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            any = Math.max(any, mean[i]);
            boolean ok = true;
            for (int k = 0; k < cons.size(); k++) {
                BaselinePruning.Constraint c = cons.get(k);
                if (c.upper() ? cm[k][i] > c.bound() : cm[k][i] < c.bound()) ok = false;
            }
            if (ok) best = Math.max(best, mean[i]);
        }
        return best == Double.NEGATIVE_INFINITY ? any : best;
    }

    /** Which encoded dimensions are continuous; a new array. */
    static boolean[] continuous(Encoding enc) {
        boolean[] c = new boolean[enc.dimension()];
        for (int i = 0; i < c.length; i++) c[i] = enc.dimensions().get(i).kind() == EncodedDimension.Kind.CONTINUOUS;
        return c;
    }

    static DiscreteStructure discrete(Encoding enc) {
        boolean any = false;
        for (EncodedDimension dim : enc.dimensions()) if (dim.kind() != EncodedDimension.Kind.CONTINUOUS) any = true;
        if (!any) return null;
        return new DiscreteStructure() {
            @Override public double[] snap(double[] u) { return enc.snap(u); }
            @Override public List<double[]> neighbours(double[] s) { return enc.neighbours(s); }
        };
    }

    /**
     * The increasing transform applied to the objective's observed values before fitting, from the generation option
     * {@code outcome_transform}: "none" (default), "log" (every value must be &gt; 0), "bilog" (sign(y)·log(1+|y|),
     * defined everywhere) or "power" (the Box-Cox-style Yeo–Johnson transform with λ fitted to the observed values by
     * maximum likelihood, as Ax's PowerTransformY; refitted at every call). The model, the acquisition and the
     * reported acquisition values then live in transformed units; the ranking of points, and so what the acquisition
     * looks for, is unchanged because the transform is increasing. Standard errors are carried through by the delta
     * method. Constraint metrics are not transformed.
     *
     * @param values the objective's observed means (not modified; used by "power" only)
     */
    public static OutcomeTransform outcomeTransform(GenerationOptions opts, double[] values) {
        switch (opts.outcomeTransform()) {
            case LOG: return OutcomeTransform.LOG;
            case BILOG: return OutcomeTransform.BILOG;
            case POWER: return OutcomeTransform.fitYeoJohnson(values);
            default: return OutcomeTransform.NONE;
        }
    }

    /** tr(value) for an observation of metric, with a message naming the metric and the fix when it is undefined. */
    public static double transformed(OutcomeTransform tr, String metric, double value) {
        try {
            return tr.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("metric '" + metric + "': " + e.getMessage()
                + " (generation option outcome_transform)", e);
        }
    }
}

package dev.sextant.acquisition.lookahead;

import dev.sextant.acquisition.BayesianGenerator;
import dev.sextant.acquisition.generate.GenerationOptions;
import dev.sextant.core.generate.Candidate;
import dev.sextant.core.generate.CandidateGenerator;
import dev.sextant.core.generate.GenerationException;
import dev.sextant.core.generate.GenerationRequest;
import dev.sextant.core.generate.SobolGenerator;
import dev.sextant.core.space.Encoding;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.GpOptions;
import dev.sextant.surrogate.gp.OutcomeTransform;
import dev.sextant.surrogate.gp.Prior;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.model.GpModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proposes trials with a one-shot lookahead tree (or KG): fits a GP (MAP, surrogate module; the qLogNEI generator's
 * fit but with a Matérn-5/2 kernel by default, see {@link GpSettings}) to the
 * completed trials' objective (standardised, sign flipped for minimisation), conditions on pending trials with their
 * posterior mean (kriging believer), optimises the tree warm-started from this study's previous tree, and proposes
 * x₀ — or, with a root batch q₀ &gt; 1 ({@link LookaheadOptions#batchSizes()}), the q₀ root points at once (never more
 * than are asked for: the root batch is cut to the count). For more candidates than one tree proposes, trees are
 * optimised one after another, each conditioned on the earlier proposals the same way.
 *
 * <p>Parameter constraints (linear, also over log-scale parameters) hold for every point of the tree, through the
 * acquisition optimiser's feasibility handling ({@link MultiStepLookahead#constrain}). Outcome constraints are not
 * supported (see {@link LookaheadGenerators}).
 * Discrete parameters are relaxed to the unit cube and rounded by {@link SearchSpace#decode}. Thread-safe: the only
 * shared state is the per-study warm starts.
 */
public final class LookaheadGenerator implements CandidateGenerator {
    private final String name;
    private final LookaheadOptions options;
    private final int budget;
    private final GpSettings gpSettings;
    private final Map<String, WarmState> lastTree = new ConcurrentHashMap<>();
    private final Map<String, double[]> lastHyper = new ConcurrentHashMap<>();

    /** @param name recorded on trials, e.g. "bayes:lookahead2" */
    public LookaheadGenerator(String name, LookaheadOptions options) {
        this(name, options, 0);
    }

    /**
     * @param budget total number of trials the study will run (0 = unknown): the tree never looks further ahead than
     *               the trials that remain, so the final trials are chosen myopically
     */
    public LookaheadGenerator(String name, LookaheadOptions options, int budget) {
        this(name, options, budget, GpSettings.DEFAULTS);
    }

    /**
     * The GP fit a lookahead generator uses: the qLogNEI generator's MAP fit (surrogate module, same priors, refit
     * from the default hyperparameters, same noise floor) except for the kernel. Default Matérn-5/2: a tree plans on
     * fantasised posteriors, so it leans on how far one observation moves the posterior; the infinitely smooth RBF
     * extrapolates a fantasy far from where it was made and made two-step lookahead clearly worse in our closed-loop
     * checks (BENCHMARKS.md section 2, development seeds), while qLogNEI, which never conditions on fantasies, does
     * better with RBF. Matérn-5/2 is also the kernel of Jiang et al.'s experiments.
     *
     * @param kernel    the kernel name as {@link Kernel#parse} reads it: "matern52" (default), "rbf" (qLogNEI's
     *                  default), "matern32", or sums and products of them, ARD
     * @param warmStart start each refit from the previous iteration's hyperparameters (qLogNEI's default is false:
     *                  start from the default hyperparameters)
     * @param minNoise  floor on the inferred noise variance in model units when the trials carry no SEM (1e-6 as
     *                  qLogNEI's {@code min_noise})
     * @param prior     the hyperparameter prior (qLogNEI's: {@link BayesianGenerator#prior(GenerationOptions)}, whose
     *                  noise prior is weaker than BoTorch's; options {@code noise_prior_loc}, {@code noise_prior_scale})
     * @param winsorize clip the objective's poor tail at its Tukey fence before fitting, as qLogNEI does
     *                  ({@link BayesianGenerator#winsorizeLowerTail(double[])}; option {@code winsorize})
     */
    public record GpSettings(String kernel, boolean warmStart, double minNoise, Prior prior, boolean winsorize) {
        public static final GpSettings DEFAULTS =
                new GpSettings("matern52", false, 1e-6, BayesianGenerator.prior(GenerationOptions.DEFAULTS), true);

        public GpSettings {
            if (kernel == null || !(minNoise >= 0) || prior == null) {
                throw new IllegalArgumentException("need a kernel, a prior and min_noise >= 0, got " + kernel + ", "
                        + prior + ", " + minNoise);
            }
            Kernel.parse(kernel, 1); // a clear error now rather than at the first fit
        }
    }

    /** @param gp the surrogate fit (kernel, warm start, noise floor) */
    public LookaheadGenerator(String name, LookaheadOptions options, int budget, GpSettings gp) {
        if (budget < 0) {
            throw new IllegalArgumentException("budget must be >= 0 (0 = unknown), got " + budget);
        }
        this.name = name;
        this.options = options;
        this.budget = budget;
        this.gpSettings = gp;
    }

    @Override
    public String name() {
        return name;
    }

    public LookaheadOptions options() {
        return options;
    }

    @Override
    public List<Candidate> generate(GenerationRequest request) {
        StudySpec spec = request.spec();
        SearchSpace space = spec.space();
        int d = space.dimension();
        String metric = spec.objective().metric();
        double sign = spec.objective().goal() == Goal.MAXIMIZE ? 1 : -1;
        List<double[]> xs = new ArrayList<>();
        List<Observation> obs = new ArrayList<>();
        boolean allSem = true;
        for (Trial t : request.completed()) {
            Observation o = t.values().get(metric);
            if (o == null) {
                continue;
            }
            xs.add(space.encode(t.parameters()));
            obs.add(o);
            allSem &= o.hasSem();
        }
        int n = xs.size();
        if (n < 2) {
            return new SobolGenerator().generate(request);
        }
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] sem = allSem ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            y[i] = obs.get(i).mean();
        }
        OutcomeTransform tr = BayesianGenerator.outcomeTransform(GenerationOptions.of(spec), y);
        for (int i = 0; i < n; i++) {
            System.arraycopy(xs.get(i), 0, x, i * d, d);
            Observation o = obs.get(i);
            y[i] = sign * BayesianGenerator.transformed(tr, metric, o.mean());
            if (sem != null) {
                sem[i] = o.sem() * Math.abs(tr.derivative(o.mean()));
            }
        }
        if (gpSettings.winsorize()) {
            BayesianGenerator.winsorizeLowerTail(y);
        }
        long t0 = System.nanoTime();
        GpOptions gpOptions = GpOptions.defaults()
                .withPrior(gpSettings.prior())
                .withSeed(request.seed())
                .withWarmStart(gpSettings.warmStart() ? lastHyper.get(spec.name()) : null);
        gpOptions = BayesianGenerator.withKernel(gpOptions, Kernel.parse(gpSettings.kernel(), d), d);
        GaussianProcess gp;
        try {
            gp = GaussianProcess.fit(x, n, d, y, sem, gpOptions);
        } catch (RuntimeException e) {
            throw new GenerationException("lookahead: the GP fit failed for study '" + spec.name() + "': "
                    + e.getMessage(), e);
        }
        lastHyper.put(spec.name(), gp.hyperparameterVector());
        GpModel model = GpModel.of(gp, sem == null ? gpSettings.minNoise() : 0);
        List<double[]> pendingX = new ArrayList<>();
        for (Trial t : request.pending()) {
            pendingX.add(space.encode(t.parameters()));
        }
        model = believe(model, pendingX, d);
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> hyper = gp.hyperparameterSummary();
        List<Candidate> out = new ArrayList<>();
        int used = request.completed().size() + request.pending().size();
        for (int tree = 0; out.size() < request.count(); tree++) {
            long t1 = System.nanoTime();
            int wanted = request.count() - out.size();
            LookaheadOptions o = horizon(options, budget, used + out.size(), wanted)
                    .withSeed(request.seed() * 31 + tree);
            MultiStepLookahead la = new MultiStepLookahead(model, o);
            if (!space.constraints().isEmpty()) {
                Encoding enc = space.encoding();
                la.constrain(enc.constraintMatrix(), enc.constraintBounds(),
                        enc.nonlinearConstraints().isEmpty() ? null : enc::satisfiesConstraints);
            }
            double[] warm = tree == 0 ? warmStart(lastTree.get(spec.name()), x, y, n, d, o) : null;
            LookaheadResult r = la.optimize(warm != null && warm.length == la.variables() ? warm : null);
            double[] proposals = r.proposal();
            if (tree == 0) {
                double[] x0 = Arrays.copyOf(proposals, d);
                double[] mean = new double[1];
                double[] var = new double[1];
                model.predict(x0, 1, mean, var);
                double mu = mean[0];
                double sd = Math.sqrt(var[0] + model.fantasyNoise());
                lastTree.put(spec.name(), new WarmState(r.tree(), o, x0,
                        gp.outcomeShift() + gp.outcomeScale() * mu, gp.outcomeScale() * sd));
            }
            List<double[]> taken = new ArrayList<>();
            for (int j = 0; j < la.proposals() && out.size() < request.count(); j++) {
                double[] proposal = Arrays.copyOfRange(proposals, j * d, (j + 1) * d);
                Map<String, Object> generation = new LinkedHashMap<>();
                generation.put("acquisition", name);
                generation.put("acquisition_value", r.value());
                generation.put("fit_seconds", fitSeconds);
                generation.put("optimize_seconds", (System.nanoTime() - t1) / 1e9);
                generation.put("tree_points", la.nodes());
                generation.put("lookahead_steps", o.fantasies().length);
                generation.put("batch_sizes", Arrays.stream(o.batchSizes()).boxed().toList());
                generation.put("hyperparameters", new LinkedHashMap<>(hyper));
                Map<String, Object> params = space.decode(proposal);
                out.add(new Candidate(params, generation));
                taken.add(space.encode(params));
            }
            if (out.size() < request.count()) {
                model = believe(model, taken, d);
            }
        }
        return out;
    }

    /** The previous iteration's tree and what it predicted at its proposal x₀ (original, sign-adjusted units). */
    private record WarmState(double[] tree, LookaheadOptions options, double[] x0, double mean, double sd) {
    }

    /**
     * The previous tree shifted one level up along the fantasy closest to what was observed at its x₀ (when x₀ is
     * among the completed points), else the previous tree as it was; null when there is none. y is sign-adjusted.
     * Trees with batches are reused as they were (no shift).
     */
    private static double[] warmStart(WarmState w, double[] x, double[] y, int n, int d, LookaheadOptions now) {
        if (w == null) {
            return null;
        }
        if (w.options().batched() || now.batched()) {
            return w.tree();
        }
        int found = -1;
        for (int i = 0; i < n && found < 0; i++) {
            double dist = 0;
            for (int j = 0; j < d; j++) {
                dist = Math.max(dist, Math.abs(x[i * d + j] - w.x0()[j]));
            }
            if (dist < 1e-6) {
                found = i;
            }
        }
        if (found < 0 || w.options().fantasies().length == 0 || !(w.sd() > 0)) {
            return w.tree();
        }
        double z = (y[found] - w.mean()) / w.sd();
        return MultiStepLookahead.shiftedWarmStart(w.tree(), w.options().fantasies(), z, now.fantasies(), d);
    }

    /**
     * The tree fitted to what remains: the root batch holds at most the {@code wanted} candidates still to propose,
     * and with a known budget the later stages hold at most the trials left after the root batch (stage t's q_t
     * points count as q_t trials; stages past the last trial are dropped, a stage reaching past it is cut), so the
     * final trials are chosen myopically (log EI, or qEI for a batch). budget <= 0: no truncation by budget.
     */
    static LookaheadOptions horizon(LookaheadOptions options, int budget, int used, int wanted) {
        int[] m = options.fantasies();
        int[] q = options.batchSizes();
        int[] nq = new int[q.length];
        nq[0] = Math.min(q[0], Math.max(1, wanted));
        long left = budget <= 0 ? Long.MAX_VALUE : (long) budget - used - nq[0];
        int steps = 0;
        while (steps < m.length && left > 0) {
            nq[steps + 1] = (int) Math.min(q[steps + 1], left);
            left -= nq[steps + 1];
            steps++;
        }
        if (steps == m.length && Arrays.equals(nq, q)) {
            return options;
        }
        LeafValue value = steps == 0 ? LeafValue.LOG_EXPECTED_IMPROVEMENT : options.value();
        int[] shape = Arrays.copyOf(nq, steps + 1);
        if (value == LeafValue.POSTERIOR_MEAN) {
            shape[steps] = 1;
        }
        return new LookaheadOptions(Arrays.copyOf(m, steps), value, options.restarts(), options.initialTrees(),
                options.maxIterations(), options.seed(), shape, options.batchQuadrature());
    }

    /** {@link #horizon(LookaheadOptions, int, int, int)} for one candidate. */
    static LookaheadOptions horizon(LookaheadOptions options, int budget, int used) {
        return horizon(options, budget, used, 1);
    }

    /** Appends points with their posterior mean as observation (kriging believer); the model's hyperparameters are kept. */
    private static GpModel believe(GpModel model, List<double[]> points, int d) {
        if (points.isEmpty()) {
            return model;
        }
        double[] xp = new double[points.size() * d];
        for (int i = 0; i < points.size(); i++) {
            System.arraycopy(points.get(i), 0, xp, i * d, d);
        }
        int m = points.size();
        double[] mean = new double[m];
        model.predict(xp, m, mean, new double[m]);
        return model.condition(xp, m, mean);
    }

    @Override
    public String toString() {
        return name + " " + options;
    }
}

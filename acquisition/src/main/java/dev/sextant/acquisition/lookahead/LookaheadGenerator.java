package dev.sextant.acquisition.lookahead;

import dev.sextant.acquisition.model.KernelKind;
import dev.sextant.core.generate.Candidate;
import dev.sextant.core.generate.CandidateGenerator;
import dev.sextant.core.generate.GenerationException;
import dev.sextant.core.generate.GenerationRequest;
import dev.sextant.core.generate.SobolGenerator;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.GpOptions;
import dev.sextant.surrogate.kernel.KernelType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proposes trials with a one-shot lookahead tree (or KG): fits a Matérn-5/2 GP (MAP, surrogate module) to the
 * completed trials' objective (standardised, sign flipped for minimisation), conditions on pending trials with their
 * posterior mean (kriging believer), optimises the tree warm-started from this study's previous tree, and proposes
 * x₀. For count &gt; 1 the proposals are made one after another, each conditioned on the previous ones the same way.
 *
 * <p>Outcome constraints and linear parameter constraints are not supported (see {@link LookaheadGenerators}).
 * Discrete parameters are relaxed to the unit cube and rounded by {@link SearchSpace#decode}. Thread-safe: the only
 * shared state is the per-study warm starts.
 */
public final class LookaheadGenerator implements CandidateGenerator {
    private final String name;
    private final LookaheadOptions options;
    private final int budget;
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
        if (budget < 0) {
            throw new IllegalArgumentException("budget must be >= 0 (0 = unknown), got " + budget);
        }
        this.name = name;
        this.options = options;
        this.budget = budget;
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
        List<Double> ys = new ArrayList<>();
        List<Double> sems = new ArrayList<>();
        boolean allSem = true;
        for (Trial t : request.completed()) {
            Observation o = t.values().get(metric);
            if (o == null) {
                continue;
            }
            xs.add(space.encode(t.parameters()));
            ys.add(sign * o.mean());
            sems.add(o.sem());
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
            System.arraycopy(xs.get(i), 0, x, i * d, d);
            y[i] = ys.get(i);
            if (sem != null) {
                sem[i] = sems.get(i);
            }
        }
        long t0 = System.nanoTime();
        GpOptions gpOptions = GpOptions.defaults().withKernel(KernelType.MATERN52).withSeed(request.seed())
                .withWarmStart(lastHyper.get(spec.name()));
        GaussianProcess gp;
        try {
            gp = GaussianProcess.fit(x, n, d, y, sem, gpOptions);
        } catch (RuntimeException e) {
            throw new GenerationException("lookahead: the GP fit failed for study '" + spec.name() + "': "
                    + e.getMessage(), e);
        }
        lastHyper.put(spec.name(), gp.hyperparameterVector());
        FantasyModel model = FantasyModel.from(gp, KernelKind.MATERN52);
        List<double[]> pendingX = new ArrayList<>();
        for (Trial t : request.pending()) {
            pendingX.add(space.encode(t.parameters()));
        }
        model = believe(model, pendingX, d);
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> hyper = gp.hyperparameterSummary();
        List<Candidate> out = new ArrayList<>();
        int used = request.completed().size() + request.pending().size();
        for (int c = 0; c < request.count(); c++) {
            long t1 = System.nanoTime();
            LookaheadOptions o = horizon(options, budget, used + c).withSeed(request.seed() * 31 + c);
            MultiStepLookahead la = new MultiStepLookahead(model, o);
            double[] warm = c == 0 ? warmStart(lastTree.get(spec.name()), x, y, n, d, o.fantasies()) : null;
            LookaheadResult r = la.optimize(warm != null && warm.length == la.variables() ? warm : null);
            if (c == 0) {
                double[] x0 = r.proposal();
                double mu = model.posteriorMean(x0, 1)[0];
                double sd = Math.sqrt(model.posteriorVariance(x0, 1)[0] + model.noiseVariance());
                lastTree.put(spec.name(), new WarmState(r.tree(), o.fantasies(), x0,
                        gp.outcomeShift() + gp.outcomeScale() * mu, gp.outcomeScale() * sd));
            }
            double[] proposal = r.proposal();
            Map<String, Object> generation = new LinkedHashMap<>();
            generation.put("acquisition", name);
            generation.put("acquisition_value", r.value());
            generation.put("fit_seconds", fitSeconds);
            generation.put("optimize_seconds", (System.nanoTime() - t1) / 1e9);
            generation.put("tree_points", la.nodes());
            generation.put("lookahead_steps", o.fantasies().length);
            generation.put("hyperparameters", new LinkedHashMap<>(hyper));
            out.add(new Candidate(space.decode(proposal), generation));
            if (c + 1 < request.count()) {
                model = believe(model, List.of(space.encode(space.decode(proposal))), d);
            }
        }
        return out;
    }

    /** The previous iteration's tree and what it predicted at its proposal x₀ (original, sign-adjusted units). */
    private record WarmState(double[] tree, int[] fantasies, double[] x0, double mean, double sd) {
    }

    /**
     * The previous tree shifted one level up along the fantasy closest to what was observed at its x₀ (when x₀ is
     * among the completed points), else the previous tree as it was; null when there is none. y is sign-adjusted.
     */
    private static double[] warmStart(WarmState w, double[] x, double[] y, int n, int d, int[] fantasies) {
        if (w == null) {
            return null;
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
        if (found < 0 || w.fantasies().length == 0 || !(w.sd() > 0)) {
            return w.tree();
        }
        double z = (y[found] - w.mean()) / w.sd();
        return MultiStepLookahead.shiftedWarmStart(w.tree(), w.fantasies(), z, fantasies, d);
    }

    /**
     * The tree truncated to the remaining budget: with r trials left after this one, at most r lookahead steps
     * (the last trial is chosen myopically, by log EI). budget <= 0: no truncation.
     */
    static LookaheadOptions horizon(LookaheadOptions options, int budget, int used) {
        int[] m = options.fantasies();
        if (budget <= 0) {
            return options;
        }
        int steps = Math.max(0, Math.min(m.length, budget - used - 1));
        if (steps == m.length) {
            return options;
        }
        LeafValue value = steps == 0 ? LeafValue.LOG_EXPECTED_IMPROVEMENT : options.value();
        return new LookaheadOptions(java.util.Arrays.copyOf(m, steps), value, options.restarts(),
                options.initialTrees(), options.maxIterations(), options.seed());
    }

    /** Appends points with their posterior mean as observation (kriging believer); the model's hyperparameters are kept. */
    private static FantasyModel believe(FantasyModel model, List<double[]> points, int d) {
        if (points.isEmpty()) {
            return model;
        }
        double[] xp = new double[points.size() * d];
        for (int i = 0; i < points.size(); i++) {
            System.arraycopy(points.get(i), 0, xp, i * d, d);
        }
        return model.withObservations(xp, points.size(), model.posteriorMean(xp, points.size()));
    }

    @Override
    public String toString() {
        return name + " " + options;
    }
}

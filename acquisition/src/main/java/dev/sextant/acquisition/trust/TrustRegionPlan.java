package dev.sextant.acquisition.trust;

import dev.sextant.acquisition.generate.GenerationOptions;
import dev.sextant.acquisition.mc.BaselinePruning;
import dev.sextant.core.generate.Candidate;
import dev.sextant.core.generate.GenerationException;
import dev.sextant.core.generate.ScrambledSobol;
import dev.sextant.core.space.EncodedDimension;
import dev.sextant.core.space.Encoding;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Trial;
import dev.sextant.surrogate.model.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Bayesian generator does about trust regions for one call: nothing ({@link #off()}), a fresh design after a
 * restart ({@link #designNeeded()}, {@link #design}), or a step: the current region's trials ({@link #active}) fit the
 * model and {@link #region} places the box around the incumbent. Everything comes from the request (the completed
 * and pending trials and their recorded metadata, see {@link TrustRegionReplay}), nothing from earlier calls.
 * Immutable.
 */
public final class TrustRegionPlan {
    private static final long DESIGN_SALT = 0x7B0_2E61_04L;
    private static final Pattern LENGTHSCALE = Pattern.compile("(?:.*\\.)?lengthscale\\[(\\d+)]");
    private static final TrustRegionPlan OFF = new TrustRegionPlan(null, 0, 0, 0, 0);

    private final TrustRegionReplay.Result replay;
    private final int historySize;
    private final int designSize;
    private final int pendingDesign;
    private final int d;

    private TrustRegionPlan(TrustRegionReplay.Result replay, int historySize, int designSize, int pendingDesign, int d) {
        this.replay = replay;
        this.historySize = historySize;
        this.designSize = designSize;
        this.pendingDesign = pendingDesign;
        this.d = d;
    }

    /** The plan of a call without a trust region. */
    public static TrustRegionPlan off() {
        return OFF;
    }

    /**
     * The plan for a call on a single-objective study (the option {@code trust_region} decides whether there is one).
     *
     * @param completed the completed trials that have every metric, in number order; not modified
     * @param pending   the running and candidate trials; not modified
     * @param d         encoded dimension
     */
    public static TrustRegionPlan of(StudySpec spec, List<Trial> completed, List<Trial> pending, int d,
                                     GenerationOptions opts) {
        if (!opts.trustRegion().appliesTo(d) || d == 0) {
            return OFF;
        }
        TrustRegionReplay.Result r = TrustRegionReplay.replay(TrustRegionReplay.entries(spec, completed), d);
        int design = Math.max(2, spec.generation() == null ? Math.max(5, 2 * d) : spec.generation().initialTrials(d));
        int pend = 0;
        for (Trial t : pending) if (isDesignOf(t, r.state().restarts())) pend++;
        return new TrustRegionPlan(r, completed.size(), design, pend, d);
    }

    /** Whether this call uses a trust region. */
    public boolean enabled() {
        return replay != null;
    }

    /** The replayed state (null when off). */
    public TrustRegionState state() {
        return replay == null ? null : replay.state();
    }

    /**
     * Whether the region has been restarted and its fresh design is not complete: fewer than the study's initial
     * design size of design points completed or pending, or fewer than 2 completed.
     */
    public boolean designNeeded() {
        if (replay == null || replay.state().restarts() == 0) {
            return false;
        }
        int active = historySize - replay.activeFrom();
        return replay.designCompleted() + pendingDesign < designSize || active < 2;
    }

    /** The trials the current region's model sees (those since its last restart; all when off). Not modified. */
    public List<Trial> active(List<Trial> completed) {
        if (replay == null || replay.activeFrom() == 0) {
            return completed;
        }
        return List.copyOf(completed.subList(replay.activeFrom(), completed.size()));
    }

    /**
     * count points of the restarted region's fresh design: a scrambled Sobol sequence of its own per restart (the
     * study seed and the restart count), continued after the design points already proposed (completed or pending),
     * keeping points that satisfy the parameter constraints. Each records {@code trust_region: {phase: design,
     * restart, index, length}}.
     */
    public List<Candidate> design(StudySpec spec, List<Trial> completed, List<Trial> pending, int count) {
        SearchSpace space = spec.space();
        int restarts = replay.state().restarts();
        long start = 0;
        for (Trial t : completed) if (isDesignOf(t, restarts)) start++;
        start += pendingDesign;
        ScrambledSobol sobol = new ScrambledSobol(d, spec.seed() ^ DESIGN_SALT ^ (31L * restarts));
        sobol.seek(start);
        double[] u = new double[d];
        List<Candidate> out = new ArrayList<>();
        int rejected = 0;
        while (out.size() < count) {
            long index = sobol.index();
            sobol.next(u);
            Map<String, Object> values = space.decode(u);
            if (!space.satisfiesConstraints(values)) {
                if (++rejected > 100_000) {
                    throw new GenerationException("no point satisfying the parameter constraints " + space.constraints()
                        + " in 100000 Sobol draws for the restarted trust region's design");
                }
                continue;
            }
            rejected = 0;
            Map<String, Object> tr = new LinkedHashMap<>();
            tr.put("phase", "design");
            tr.put("restart", restarts);
            tr.put("index", index);
            tr.put("length", replay.state().length());
            Map<String, Object> gen = new LinkedHashMap<>();
            gen.put("acquisition", "sobol");
            gen.put(TrustRegionReplay.METADATA_KEY, tr);
            out.add(new Candidate(values, gen));
        }
        return out;
    }

    /**
     * The region of this step: centred at the active trial with the best posterior mean among those the constraint
     * models predict feasible (all when none is), sides from the objective model's lengthscales.
     *
     * @param objective   the objective's model, maximisation sign (standardised units are fine)
     * @param constraints the outcome constraints in model units (empty for none); not modified
     * @param x           n×d unit-cube points of the active trials; not modified
     * @param summary     the objective GP's hyperparameter summary (its {@code lengthscale[i]} entries are read)
     */
    public TrustRegion region(Model objective, List<BaselinePruning.Constraint> constraints, double[] x, int n,
                              Map<String, Double> summary, Encoding enc) {
        double[] mean = new double[n], var = new double[n];
        objective.predict(x, n, mean, var);
        boolean[] ok = new boolean[n];
        boolean anyOk = false;
        java.util.Arrays.fill(ok, true);
        for (BaselinePruning.Constraint c : constraints) {
            double[] cm = new double[n];
            c.model().predict(x, n, cm, new double[n]);
            for (int i = 0; i < n; i++) if (c.upper() ? cm[i] > c.bound() : cm[i] < c.bound()) ok[i] = false;
        }
        for (boolean b : ok) anyOk |= b;
        int best = -1;
        for (int i = 0; i < n; i++) {
            if ((ok[i] || !anyOk) && (best < 0 || mean[i] > mean[best])) best = i;
        }
        double[] centre = java.util.Arrays.copyOfRange(x, best * d, (best + 1) * d);
        boolean[] continuous = new boolean[d];
        List<EncodedDimension> dims = enc.dimensions();
        for (int i = 0; i < d; i++) continuous[i] = dims.get(i).kind() == EncodedDimension.Kind.CONTINUOUS;
        return TrustRegion.around(centre, lengthscales(summary, d), continuous, replay.state(), historySize);
    }

    /**
     * Per-dimension lengthscales from a hyperparameter summary: the {@code lengthscale[i]} entries (of every kernel
     * term in a sum or product, combined by geometric mean); 1 for a dimension without one. A new array.
     */
    static double[] lengthscales(Map<String, Double> summary, int d) {
        double[] logSum = new double[d];
        int[] count = new int[d];
        for (Map.Entry<String, Double> e : summary.entrySet()) {
            Matcher m = LENGTHSCALE.matcher(e.getKey());
            if (m.matches()) {
                int i = Integer.parseInt(m.group(1));
                double v = e.getValue();
                if (i < d && v > 0 && Double.isFinite(v)) {
                    logSum[i] += Math.log(v);
                    count[i]++;
                }
            }
        }
        double[] ls = new double[d];
        for (int i = 0; i < d; i++) ls[i] = count[i] == 0 ? 1 : Math.exp(logSum[i] / count[i]);
        return ls;
    }

    private static boolean isDesignOf(Trial t, int restarts) {
        return t.generation().get(TrustRegionReplay.METADATA_KEY) instanceof Map<?, ?> m && "design".equals(m.get("phase"))
            && m.get("restart") instanceof Number r && r.intValue() == restarts;
    }
}

package dev.sextant.acquisition.mc;

import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.acquisition.numerics.SafeMath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Factory of the MC acquisition functions. Values are in the model's outcome units (maximisation).
 * EI-type functions with an explicit best_f ignore the baseline; the noisy (N) variants use the per-sample
 * best feasible baseline value as incumbent (Letham et al. 2019), so they need a non-empty baseline.
 */
public final class McAcquisitions {
    private McAcquisitions() {}

    /** Builds a registered acquisition from its context, the incumbent best_f and qUCB's β (each uses what it needs). */
    @FunctionalInterface
    public interface Factory {
        AcquisitionFunction create(McContext ctx, double bestF, double beta);
    }

    /** Builds a registered multi-objective acquisition from its context. */
    @FunctionalInterface
    public interface MultiObjectiveFactory {
        AcquisitionFunction create(MultiObjectiveContext ctx);
    }

    /**
     * A registered acquisition: its name (as in {@code generation.acquisition}), whether its context needs the
     * observed points as baseline (the noisy, per-sample-incumbent variants), and its factory: {@code factory} for a
     * single objective ({@link McContext}), or {@code multiObjectiveFactory} for one that takes several objectives
     * ({@link MultiObjectiveContext}); exactly one of them is non-null.
     */
    public record Entry(String name, boolean usesBaseline, Factory factory, MultiObjectiveFactory multiObjectiveFactory) {
        public Entry {
            if ((factory == null) == (multiObjectiveFactory == null)) {
                throw new IllegalArgumentException("acquisition '" + name + "' needs exactly one factory");
            }
        }

        /** Whether this acquisition optimises several objectives (qLogNEHVI, qNParEGO). */
        public boolean multiObjective() {
            return multiObjectiveFactory != null;
        }
    }

    private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

    // The one place a new MC acquisition is registered (its class implements McAcquisition's utility).
    static {
        register("qlognei", true, (c, bestF, beta) -> qLogNEI(c));
        register("qnei", true, (c, bestF, beta) -> qNEI(c));
        register("qei", false, (c, bestF, beta) -> qEI(c, bestF));
        register("qlogei", false, (c, bestF, beta) -> qLogEI(c, bestF));
        register("qucb", false, (c, bestF, beta) -> qUCB(c, beta));
        register("qpi", false, (c, bestF, beta) -> qPI(c, bestF, 1e-3));
        register("qsr", false, (c, bestF, beta) -> qSimpleRegret(c));
        registerMultiObjective("qlognehvi", McAcquisitions::qLogNEHVI);
        registerMultiObjective("qnparego", McAcquisitions::qNParEGO);
    }

    private static void register(String name, boolean usesBaseline, Factory factory) {
        REGISTRY.put(name, new Entry(name, usesBaseline, factory, null));
    }

    private static void registerMultiObjective(String name, MultiObjectiveFactory factory) {
        REGISTRY.put(name, new Entry(name, true, null, factory));
    }

    /** Registered names, in registration order (qlognei, the default, first; the multi-objective ones last). */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /** Names of the acquisitions that take several objectives (qlognehvi, the default for them, first). */
    public static List<String> multiObjectiveNames() {
        return REGISTRY.values().stream().filter(Entry::multiObjective).map(Entry::name).toList();
    }

    /** The default acquisition of a study with several objectives. */
    public static final String MULTI_OBJECTIVE_DEFAULT =
        dev.sextant.core.study.GenerationSettings.MULTI_OBJECTIVE_DEFAULT_ACQUISITION;

    /**
     * The registered acquisition of that name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid names
     */
    public static Entry entry(String name) {
        Entry e = name == null ? null : REGISTRY.get(name.trim().toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("unknown acquisition '" + name + "'; valid names: "
                + String.join(", ", REGISTRY.keySet()));
        }
        return e;
    }

    /**
     * Whether the registered acquisition of that name returns the logarithm of an acquisition value (qLogNEI, qLogEI,
     * qLogNEHVI, qNParEGO), which {@link EnsembleAcquisition} averages in value space.
     */
    public static boolean logValued(String name) {
        String n = entry(name).name();
        return n.contains("log") || n.equals("qnparego");
    }

    /** qEI: mean_s max_j max(Y_sj − bestF, 0). */
    public static AcquisitionFunction qEI(McContext ctx, double bestF) {
        return new Ei(ctx, bestF);
    }

    /** qNEI: mean_s max_j max(Y_sj − max_i Ybase_si, 0). */
    public static AcquisitionFunction qNEI(McContext ctx) {
        requireBaseline(ctx, "qNEI");
        return new Nei(ctx);
    }

    /** qLogEI: log-mean-exp_s fatmax_j log fatplus(Y_sj − bestF; τ_relu). */
    public static AcquisitionFunction qLogEI(McContext ctx, double bestF) {
        return new LogEi(ctx, bestF);
    }

    /** qLogNEI (the default): as qLogEI with the per-sample baseline incumbent. */
    public static AcquisitionFunction qLogNEI(McContext ctx) {
        requireBaseline(ctx, "qLogNEI");
        return new LogNei(ctx);
    }

    /** qPI: mean_s max_j sigmoid((Y_sj − bestF)/tau); tau = 1e-3 is BoTorch's default. */
    public static AcquisitionFunction qPI(McContext ctx, double bestF, double tau) {
        return new Pi(ctx, bestF, tau);
    }

    /** qUCB: mean_s max_j (μ_j + sqrt(βπ/2)·|Y_sj − μ_j|). */
    public static AcquisitionFunction qUCB(McContext ctx, double beta) {
        return new Ucb(ctx, beta);
    }

    /** qSimpleRegret: mean_s max_j Y_sj. */
    public static AcquisitionFunction qSimpleRegret(McContext ctx) {
        return new Sr(ctx);
    }

    /**
     * qLogNEHVI with BoTorch's temperatures (τ_relu = 1e-6, τ_max = 1e-2): log noisy expected hypervolume
     * improvement over the per-sample fronts of the baseline; see {@link #qLogNEHVI(MultiObjectiveContext, double,
     * double)}.
     */
    public static AcquisitionFunction qLogNEHVI(MultiObjectiveContext ctx) {
        return qLogNEHVI(ctx, McAcquisition.TAU_RELU, McAcquisition.TAU_MAX);
    }

    /**
     * qLogNEHVI (Daulton et al. 2021; Ament et al. 2023) with the given temperatures of the smooth ReLU and of the
     * smooth minima; an empty baseline is allowed (the improvement is then over the reference point alone). At most
     * 10 joint candidates (inclusion–exclusion over their subsets).
     */
    public static AcquisitionFunction qLogNEHVI(MultiObjectiveContext ctx, double tauRelu, double tauMax) {
        return new LogNehvi(ctx, tauRelu, tauMax);
    }

    /**
     * qNParEGO for one scalarisation: qLogNEI of the augmented Chebyshev scalarisation with weights drawn uniformly
     * from the simplex with the context's scalarisation seed.
     */
    public static AcquisitionFunction qNParEGO(MultiObjectiveContext ctx) {
        return new LogParego(ctx, LogParego.simplexWeights(ctx.numObjectives(), ctx.scalarisationSeed()));
    }

    /** qNParEGO with the given weights (m non-negative values summing to 1; not modified). */
    public static AcquisitionFunction qNParEGO(MultiObjectiveContext ctx, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0)) throw new IllegalArgumentException("qNParEGO weights must be >= 0, got " + w);
            sum += w;
        }
        if (Math.abs(sum - 1) > 1e-9) throw new IllegalArgumentException("qNParEGO weights must sum to 1, got " + sum);
        return new LogParego(ctx, weights.clone());
    }

    private static void requireBaseline(McContext ctx, String name) {
        if (ctx.objective().baselineSize() == 0) {
            throw new IllegalArgumentException(name + " needs a non-empty baseline (the observed points)");
        }
    }

    static final class Ei extends McAcquisition {
        final double bestF;
        Ei(McContext c, double bestF) { super(c); this.bestF = bestF; }
        @Override protected boolean logSpace() { return false; }
        @Override protected double utility(int r, double y, double mean) { return Math.max(y - bestF, 0); }
        @Override protected double utilityDerivative(int r, double y, double mean) { return y > bestF ? 1 : 0; }
    }

    static final class Nei extends McAcquisition {
        final double[] best;
        Nei(McContext c) { super(c); best = BaselineBest.compute(this); }
        @Override protected boolean logSpace() { return false; }
        @Override protected double utility(int r, double y, double mean) { return Math.max(y - best[r], 0); }
        @Override protected double utilityDerivative(int r, double y, double mean) { return y > best[r] ? 1 : 0; }
    }

    static final class LogEi extends McAcquisition {
        final double bestF;
        LogEi(McContext c, double bestF) { super(c); this.bestF = bestF; }
        @Override protected boolean logSpace() { return true; }
        @Override protected double utility(int r, double y, double mean) {
            return SafeMath.logFatplus(y - bestF, TAU_RELU);
        }
        @Override protected double utilityDerivative(int r, double y, double mean) {
            return SafeMath.logFatplusDerivative(y - bestF, TAU_RELU);
        }
    }

    static final class LogNei extends McAcquisition {
        final double[] best;
        LogNei(McContext c) { super(c); best = BaselineBest.compute(this); }
        @Override protected boolean logSpace() { return true; }
        @Override protected double utility(int r, double y, double mean) {
            return SafeMath.logFatplus(y - best[r], TAU_RELU);
        }
        @Override protected double utilityDerivative(int r, double y, double mean) {
            return SafeMath.logFatplusDerivative(y - best[r], TAU_RELU);
        }
    }

    static final class Pi extends McAcquisition {
        final double bestF, tau;
        Pi(McContext c, double bestF, double tau) {
            super(c);
            if (!(tau > 0)) throw new IllegalArgumentException("qPI tau must be > 0");
            this.bestF = bestF;
            this.tau = tau;
        }
        @Override protected boolean logSpace() { return false; }
        @Override protected double utility(int r, double y, double mean) { return SafeMath.sigmoid((y - bestF) / tau); }
        @Override protected double utilityDerivative(int r, double y, double mean) {
            double sg = SafeMath.sigmoid((y - bestF) / tau);
            return sg * (1 - sg) / tau;
        }
    }

    static final class Ucb extends McAcquisition {
        final double kappa;
        Ucb(McContext c, double beta) {
            super(c);
            if (!(beta >= 0)) throw new IllegalArgumentException("qUCB beta must be >= 0");
            kappa = Math.sqrt(beta * Math.PI / 2);
        }
        @Override protected boolean logSpace() { return false; }
        @Override protected double utility(int r, double y, double mean) { return mean + kappa * Math.abs(y - mean); }
        @Override protected double utilityDerivative(int r, double y, double mean) { return kappa * Math.signum(y - mean); }
        @Override protected double utilityMeanDerivative(int r, double y, double mean) {
            return 1 - kappa * Math.signum(y - mean);
        }
    }

    static final class Sr extends McAcquisition {
        Sr(McContext c) { super(c); }
        @Override protected boolean logSpace() { return false; }
        @Override protected double utility(int r, double y, double mean) { return y; }
        @Override protected double utilityDerivative(int r, double y, double mean) { return 1; }
    }
}

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

    /**
     * A registered acquisition: its name (as in {@code generation.acquisition}), whether its context needs the
     * observed points as baseline (the noisy, per-sample-incumbent variants), and its factory.
     */
    public record Entry(String name, boolean usesBaseline, Factory factory) {}

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
    }

    private static void register(String name, boolean usesBaseline, Factory factory) {
        REGISTRY.put(name, new Entry(name, usesBaseline, factory));
    }

    /** Registered names, in registration order (qlognei, the default, first). */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

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

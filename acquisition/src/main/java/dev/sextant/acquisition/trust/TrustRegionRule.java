package dev.sextant.acquisition.trust;

/**
 * TuRBO-1's update rule (Eriksson et al. 2019): a step (one batch of q evaluated proposals) is a success when its
 * best value beats the best so far by more than 10⁻³·|best|; {@value #SUCCESS_TOLERANCE} consecutive successes double
 * the side length (at most {@value #MAX_LENGTH}), ⌈max(4/q, d/q)⌉ consecutive failures halve it; a length below
 * {@link #MIN_LENGTH} (0.5⁷) means the region has collapsed and is restarted from a fresh design. Stateless.
 */
public final class TrustRegionRule {
    /** Side length of a fresh region in the unit cube. */
    public static final double BASE_LENGTH = 0.8;
    /** Smallest side length; a region shrunk below it is restarted. */
    public static final double MIN_LENGTH = 0.0078125;
    /** Largest side length. */
    public static final double MAX_LENGTH = 1.6;
    /** Consecutive successful steps that double the side length (the paper's TuRBO-1 value). */
    public static final int SUCCESS_TOLERANCE = 3;
    /** Relative margin a step must beat the best value by to count as a success. */
    public static final double RELATIVE_MARGIN = 1e-3;

    private TrustRegionRule() {
    }

    /** Consecutive failed steps of q points each that halve the length in d dimensions: ⌈max(4/q, d/q)⌉. */
    public static int failureTolerance(int d, int q) {
        if (d < 1 || q < 1) {
            throw new IllegalArgumentException("dimension " + d + " and batch size " + q + " must be ≥ 1");
        }
        return (int) Math.ceil(Math.max(4.0 / q, (double) d / q));
    }

    /** Whether a step whose best value is {@code stepBest} improves on {@code best} (maximisation sign). */
    public static boolean isSuccess(double best, double stepBest) {
        if (best == Double.NEGATIVE_INFINITY) {
            return stepBest > best;
        }
        return stepBest > best + RELATIVE_MARGIN * Math.abs(best);
    }

    /**
     * The state after one step of q points in d dimensions whose best value is {@code stepBest} (−∞ when none of
     * them counts, e.g. all infeasible). The returned length may be below {@link #MIN_LENGTH}: the caller restarts
     * (see {@link #collapsed}). {@code s} is not modified (a record).
     */
    public static TrustRegionState update(TrustRegionState s, double stepBest, int q, int d) {
        boolean success = isSuccess(s.best(), stepBest);
        int successes = success ? s.successes() + 1 : 0;
        int failures = success ? 0 : s.failures() + 1;
        double length = s.length();
        if (successes >= SUCCESS_TOLERANCE) {
            length = Math.min(2 * length, MAX_LENGTH);
            successes = 0;
        } else if (failures >= failureTolerance(d, q)) {
            length = length / 2;
            failures = 0;
        }
        return new TrustRegionState(length, successes, failures, s.restarts(), Math.max(s.best(), stepBest),
            s.steps() + 1);
    }

    /** Whether the region has shrunk below the minimum length and must be restarted. */
    public static boolean collapsed(TrustRegionState s) {
        return s.length() < MIN_LENGTH;
    }
}

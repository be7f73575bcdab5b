package dev.sextant.acquisition;

/**
 * An acquisition function of a batch of q candidates in the unit cube, to be maximised. Implementations are
 * thread-safe (the optimiser evaluates restarts in parallel) and deterministic (fixed base samples).
 */
public interface AcquisitionFunction {
    /** Number of candidates in one evaluation. */
    int q();

    /** Dimension d of each candidate. */
    int dimension();

    /**
     * Value at x (q×d row-major, unit cube, not modified). If grad is non-null (length q·d) it is overwritten
     * with the gradient wrt x.
     */
    double evaluate(double[] x, double[] grad);

    /**
     * A cheaper approximation of the value used only to rank raw starting points (e.g. fewer MC samples);
     * defaults to {@link #evaluate}. x as in evaluate.
     */
    default double screen(double[] x) {
        return evaluate(x, null);
    }

    /**
     * {@link #screen(double[])} with at most maxSamples MC samples (&ge; 1), so that an ensemble can split one
     * screening budget over its members; acquisitions without MC samples ignore the bound. x as in evaluate.
     */
    default double screen(double[] x, int maxSamples) {
        return screen(x);
    }
}

package dev.sextant.acquisition.analytic;

import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.surrogate.model.GpModel;
import dev.sextant.surrogate.model.Model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A floor on the predicted probability of feasibility of every candidate, laid over any acquisition function of a
 * constrained study: value(X) = a(X) − κ · Σ_j max(0, log τ − log PF(x_j)), where PF(x) = Π_k P(y_k(x) meets
 * constraint k) from the constraint models' marginal posteriors of the <em>observed</em> value (latent variance plus
 * the metric's observation-noise variance, since feasibility is judged on the reported values), τ the floor and κ
 * {@value #PENALTY} acquisition units per nat of log PF below log τ.
 *
 * <p>Why: the constrained MC acquisitions weight improvement by feasibility per sample, with the metrics' models
 * independent. Where reward and feasibility pull apart (the demo: high reward only at low diversity and high
 * divergence) the independent models promise the high reward of the infeasible side <em>if</em> it happens to be
 * feasible, so qLogNEI proposes points it predicts feasible with probability 0.02–0.1 (BENCHMARKS.md §10, "learned
 * constraints"). The floor makes those gambles cost what they are worth to a user who is judged on feasible trials:
 * above τ the acquisition is unchanged; below it the penalty dominates, so where no candidate reaches τ (nothing
 * feasible known yet) the optimiser maximises the probability of feasibility first, with the acquisition as the
 * tie-breaker, as BoTorch's and Ax's constrained loops do when no feasible point exists. Penalty and gradient are
 * exact (the gradient is zero above the floor); the hinge at τ is the only kink.
 *
 * <p>Thread-safe when the wrapped acquisition is. The pending points are not penalised (they are not chosen here).
 */
public final class FeasibilityFloor implements AcquisitionFunction {
    /** Acquisition units (nats for the log-space acquisitions) per nat of log PF below the floor. */
    public static final double PENALTY = 10;

    /**
     * One outcome constraint in model units: feasible when the observed value is ≤ bound (upper) or ≥ bound.
     *
     * @param model         the metric's model (latent posterior)
     * @param bound         the bound, same units as the model
     * @param upper         true for ≤
     * @param noiseVariance observation-noise variance added to the latent variance (≥ 0, model units)
     * @param varianceScale factor (≥ 1) on the predictive variance (latent plus noise), e.g. the model's
     *                      leave-one-out calibration {@link #looVarianceScale}; 1 leaves the model as fitted
     */
    public record Constraint(Model model, double bound, boolean upper, double noiseVariance, double varianceScale) {
        public Constraint {
            if (model == null) throw new IllegalArgumentException("a constraint needs its model");
            if (!Double.isFinite(bound)) throw new IllegalArgumentException("constraint bound must be finite");
            if (!(noiseVariance >= 0)) throw new IllegalArgumentException("noise variance must be ≥ 0, got " + noiseVariance);
            if (!(varianceScale >= 1) || Double.isInfinite(varianceScale)) {
                throw new IllegalArgumentException("variance scale must be finite and ≥ 1, got " + varianceScale);
            }
        }

        /** The model as fitted (variance scale 1). */
        public Constraint(Model model, double bound, boolean upper, double noiseVariance) {
            this(model, bound, upper, noiseVariance, 1);
        }
    }

    /**
     * Leave-one-out calibration of a GP's predictive variance: the mean over the training points of z_i², z_i the
     * standardised LOO residual (y_i − μ_−i)/σ_−i from the Cholesky factor in closed form (z_i = α_i / √[K⁻¹]_ii,
     * Rasmussen &amp; Williams 2006, eq. 5.12), floored at 1. For a model whose covariance is right up to a scale this
     * is the cross-validation estimate of that scale (Bachoc 2013 shows it is robust where the marginal likelihood
     * is misspecified); above 1 the model predicts its own held-out observations with too little variance, and
     * the probabilities of feasibility it gives are overconfident. Cost O(n³) (n triangular solves).
     */
    public static double looVarianceScale(GpModel model) {
        int n = model.n();
        if (n < 3) return 1;
        double[] alpha = model.weights();
        double[] col = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(col, 0);
            col[i] = 1;
            model.solveLower(col, 0);   // L⁻¹ e_i: [K⁻¹]_ii = ‖L⁻¹ e_i‖²
            double kii = 0;
            for (double v : col) kii += v * v;
            sum += alpha[i] * alpha[i] / kii;
        }
        double scale = sum / n;
        return Double.isFinite(scale) ? Math.max(1, scale) : 1;
    }

    private final AcquisitionFunction inner;
    private final List<Constraint> constraints;
    private final double logFloor;

    /**
     * @param inner       the acquisition (q×d candidates)
     * @param constraints at least one
     * @param floor       τ in (0, 1)
     */
    public FeasibilityFloor(AcquisitionFunction inner, List<Constraint> constraints, double floor) {
        if (inner == null || constraints == null || constraints.isEmpty()) {
            throw new IllegalArgumentException("a feasibility floor needs an acquisition and at least one constraint");
        }
        if (!(floor > 0 && floor < 1)) {
            throw new IllegalArgumentException("the feasibility floor must be in (0, 1), got " + floor);
        }
        this.inner = inner;
        this.constraints = List.copyOf(constraints);
        this.logFloor = Math.log(floor);
    }

    @Override
    public int q() {
        return inner.q();
    }

    @Override
    public int dimension() {
        return inner.dimension();
    }

    @Override
    public double evaluate(double[] x, double[] grad) {
        double v = inner.evaluate(x, grad);
        return v - penalty(x, grad);
    }

    @Override
    public double screen(double[] x) {
        return inner.screen(x) - penalty(x, null);
    }

    /**
     * log PF at one point x (length d, not modified); if grad (length d) is non-null, its gradient is added to it.
     */
    public double logFeasibility(double[] x, double[] grad) {
        double total = 0;
        double[] mean = new double[1];
        double[] var = new double[1];
        double[] g = new double[2];
        for (Constraint c : constraints) {
            c.model().predict(x, 1, mean, var);
            double latentVar = Math.max(var[0], 0);
            double sd = Math.max(Math.sqrt(c.varianceScale() * (latentVar + c.noiseVariance())), 1e-12);
            // P(meets) = Φ(s·(bound − μ)/sd), s = +1 for ≤ and −1 for ≥: LOG_PI with "best" = bound
            double sign = c.upper() ? -1 : 1;
            double lp = AnalyticAcquisition.LOG_PI.value(sign * mean[0], sd, sign * c.bound(), grad == null ? null : g);
            total += lp;
            if (grad != null) {
                double latentSd = Math.sqrt(latentVar);
                // ∂sd/∂σ = scale·σ/sd (the noise does not move with x)
                double dStd = latentSd > 0 ? g[1] * c.varianceScale() * latentSd / sd : 0;
                c.model().posterior(x, 1).backpropagateMeanStd(new double[] {sign * g[0]}, new double[] {dStd}, grad);
            }
        }
        return total;
    }

    /** κ · Σ_j max(0, log τ − log PF(x_j)); its gradient subtracted from grad when non-null. */
    private double penalty(double[] x, double[] grad) {
        int d = dimension();
        double sum = 0;
        double[] xj = new double[d];
        double[] gj = grad == null ? null : new double[d];
        for (int j = 0; j < q(); j++) {
            System.arraycopy(x, j * d, xj, 0, d);
            if (gj != null) Arrays.fill(gj, 0);
            double shortfall = logFloor - logFeasibility(xj, gj);
            if (shortfall > 0) {
                sum += PENALTY * shortfall;
                if (grad != null) {
                    for (int i = 0; i < d; i++) grad[j * d + i] += PENALTY * gj[i];
                }
            }
        }
        return sum;
    }

    /**
     * Per constraint, the predicted probability that the observed value at each point meets it (as in
     * {@link #logFeasibility}, one factor each). Returns a new constraints × points array; points each of length d,
     * not modified.
     */
    public static double[][] feasibilityByConstraint(List<Constraint> constraints, List<double[]> points) {
        double[][] p = new double[constraints.size()][points.size()];
        for (int k = 0; k < constraints.size(); k++) {
            Constraint c = constraints.get(k);
            for (int j = 0; j < points.size(); j++) {
                double[] mean = new double[1];
                double[] var = new double[1];
                c.model().predict(points.get(j), 1, mean, var);
                double sd = Math.max(Math.sqrt(c.varianceScale() * (Math.max(var[0], 0) + c.noiseVariance())), 1e-12);
                double sign = c.upper() ? -1 : 1;
                p[k][j] = Math.exp(AnalyticAcquisition.LOG_PI.value(sign * mean[0], sd, sign * c.bound(), null));
            }
        }
        return p;
    }

    /**
     * Records point j's predicted feasibility into a candidate's generation metadata {@code gen} (modified):
     * {@code predicted_feasibility}, the product over the constraints of {@code byConstraint[k][j]} (as from
     * {@link #feasibilityByConstraint}), and {@code predicted_feasibility_by_metric}, the same product per metric
     * ({@code metrics.get(k)} names constraint k's metric; two constraints on one metric, a range, multiply).
     */
    public static void recordFeasibility(Map<String, Object> gen, double[][] byConstraint, List<String> metrics, int j) {
        double all = 1;
        Map<String, Object> by = new LinkedHashMap<>();
        for (int k = 0; k < byConstraint.length; k++) {
            all *= byConstraint[k][j];
            by.merge(metrics.get(k), byConstraint[k][j], (u, v) -> (Double) u * (Double) v);
        }
        gen.put("predicted_feasibility", all);
        gen.put("predicted_feasibility_by_metric", by);
    }

    /** The floor τ. */
    public double floor() {
        return Math.exp(logFloor);
    }
}

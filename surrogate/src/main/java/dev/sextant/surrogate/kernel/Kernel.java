package dev.sextant.surrogate.kernel;

import java.util.List;

/**
 * A covariance function on points of R^d (in Sextant: the unit cube). Hyperparameters are exposed in log space
 * (log lengthscales, log outputscale). Implementations are immutable; {@link #withHyperparameters} returns a copy.
 *
 * <p>Point sets are row-major {@code double[]} of shape n×d. Gradients are returned contracted with a weight
 * matrix, so no derivative matrices ∂K/∂θ are ever formed: what the marginal likelihood and the posterior
 * derivatives need.
 */
public interface Kernel {

    /** Input dimension d. */
    int dimension();

    int numHyperparameters();

    /** Log-space hyperparameters (a copy), in the order of {@link #hyperparameterNames()}. */
    double[] hyperparameters();

    /** Names such as {@code lengthscale[2]} or {@code outputscale} (prefixed {@code k0.}/{@code k1.} in sums/products). */
    List<String> hyperparameterNames();

    /** What each hyperparameter is (for priors and bounds), same order. */
    List<HyperparameterKind> hyperparameterKinds();

    /** A copy of this kernel with the given log-space hyperparameters (length {@link #numHyperparameters()}). */
    Kernel withHyperparameters(double[] logTheta);

    /** out (n1×n2) = K(x1, x2); x1 n1×d and x2 n2×d not modified; out overwritten. */
    void matrix(double[] x1, int n1, double[] x2, int n2, int d, double[] out);

    /**
     * Symmetric K(x, x) (n×n, full matrix written) — faster than {@link #matrix} as each pair is evaluated once.
     */
    void symmetricMatrix(double[] x, int n, double[] out);

    /**
     * As {@link #symmetricMatrix}, and also fills {@code cache} (length ≥ n·n) with per-pair terms that
     * {@link #gradientWrtHyperparameters(double[], int, double[], double[], double[])} reuses for the same x and
     * hyperparameters instead of recomputing them (for stationary kernels: the transcendental functions). Returns
     * false, leaving cache untouched, when the kernel has no such path (the default).
     */
    default boolean symmetricMatrix(double[] x, int n, double[] out, double[] cache) {
        symmetricMatrix(x, n, out);
        return false;
    }

    /**
     * As {@link #gradientWrtHyperparameters(double[], int, double[], double[])}, reading the cache that
     * {@link #symmetricMatrix(double[], int, double[], double[])} filled on this kernel with the same x (and
     * returned true for). Same result to rounding.
     */
    default void gradientWrtHyperparameters(double[] x, int n, double[] w, double[] grad, double[] cache) {
        gradientWrtHyperparameters(x, n, w, grad);
    }

    /**
     * k(a_i, b_j) for one pair of rows: a[ao .. ao+d) and b[bo .. bo+d) (neither modified). The per-pair form the
     * posteriors' inner loops use (no temporary matrices); same value as {@link #matrix} to rounding.
     */
    double value(double[] a, int ao, double[] b, int bo);

    /**
     * grad[go .. go+d) += w · ∂k(a_i, b_j)/∂a_i for one pair of rows (offsets as in {@link #value}); nothing else is
     * modified. Finite and continuous at a_i = b_j for every kernel (0 there for stationary kernels).
     */
    void addGradientWrtFirst(double[] a, int ao, double[] b, int bo, double w, double[] grad, int go);

    /** k(x, x) for each row of x (n×d); out length n overwritten. */
    void diagonal(double[] x, int n, double[] out);

    /**
     * grad[m] += Σ_ij w_ij ∂K(x,x)_ij / ∂θ_m for the log hyperparameters θ. {@code w} is n×n and symmetric
     * (only its lower triangle is read); x n×d. Nothing but grad is modified.
     */
    void gradientWrtHyperparameters(double[] x, int n, double[] w, double[] grad);

    /**
     * gradX1[i,:] += Σ_j w_ij ∂k(x1_i, x2_j)/∂x1_i. x1 n1×d, x2 n2×d, w n1×n2 not modified; gradX1 n1×d.
     * When x2 is the same array as x1 the diagonal contributes 0 (stationary kernels).
     */
    void gradientWrtX1(double[] x1, int n1, double[] x2, int n2, double[] w, double[] gradX1);

    /**
     * For a single stationary ARD kernel (hyperparameters: d log lengthscales, then log outputscale), its type;
     * empty for sums and products.
     */
    default java.util.Optional<KernelType> stationaryType() {
        return java.util.Optional.empty();
    }

    /** Matérn-5/2 with ARD lengthscales (all 1) and an outputscale (1). */
    static Kernel matern52(int d) {
        return new StationaryKernel(KernelType.MATERN52, d);
    }

    /** Matérn-3/2 with ARD lengthscales (all 1) and an outputscale (1). */
    static Kernel matern32(int d) {
        return new StationaryKernel(KernelType.MATERN32, d);
    }

    /** RBF (squared exponential) with ARD lengthscales (all 1) and an outputscale (1). */
    static Kernel rbf(int d) {
        return new StationaryKernel(KernelType.RBF, d);
    }

    /** A stationary ARD kernel of the given type with lengthscales and outputscale in natural units. */
    static Kernel of(KernelType type, double[] lengthscales, double outputscale) {
        double[] theta = new double[lengthscales.length + 1];
        for (int i = 0; i < lengthscales.length; i++) {
            if (!(lengthscales[i] > 0) || !Double.isFinite(lengthscales[i])) {
                throw new IllegalArgumentException("lengthscale[" + i + "] = " + lengthscales[i] + " must be positive and finite");
            }
            theta[i] = Math.log(lengthscales[i]);
        }
        if (!(outputscale > 0) || !Double.isFinite(outputscale)) {
            throw new IllegalArgumentException("outputscale = " + outputscale + " must be positive and finite");
        }
        theta[lengthscales.length] = Math.log(outputscale);
        return new StationaryKernel(type, lengthscales.length).withHyperparameters(theta);
    }

    static Kernel of(KernelType type, int d) {
        return new StationaryKernel(type, d);
    }

    /**
     * A kernel from its name: one of {@link KernelType#NAMES}, or sums and products of them ("matern52+rbf",
     * "matern32*rbf"; * binds tighter than +), ARD on d inputs with default hyperparameters.
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    static Kernel parse(String spec, int d) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty kernel name; use one of " + KernelType.NAMES);
        }
        Kernel sum = null;
        for (String term : spec.split("\\+", -1)) {
            Kernel product = null;
            for (String factor : term.split("\\*", -1)) {
                Kernel k = of(KernelType.parse(factor), d);
                product = product == null ? k : product(product, k);
            }
            sum = sum == null ? product : sum(sum, product);
        }
        return sum;
    }

    /**
     * k(w(x), w(x')) with a Kumaraswamy CDF warping w of each input coordinate (two parameters per dimension, kind
     * {@link HyperparameterKind#WARP}; log a = log b = 0, the identity, to start); hyperparameters: k's, then
     * log a_0..log a_{d−1}, then log b_0..log b_{d−1}.
     */
    static Kernel warped(Kernel k) {
        return new WarpedKernel(k, new double[k.dimension()], new double[k.dimension()]);
    }

    /** Whether this kernel warps its inputs ({@link #warped}). */
    default boolean isWarped() {
        return false;
    }

    /** k(x,x') = a(x,x') + b(x,x'); hyperparameters: a's then b's. */
    static Kernel sum(Kernel a, Kernel b) {
        return new CompositeKernel(a, b, false);
    }

    /** k(x,x') = a(x,x') · b(x,x'); hyperparameters: a's then b's. */
    static Kernel product(Kernel a, Kernel b) {
        return new CompositeKernel(a, b, true);
    }
}

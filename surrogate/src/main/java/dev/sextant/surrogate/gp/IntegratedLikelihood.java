package dev.sextant.surrogate.gp;

import dev.sextant.surrogate.kernel.HyperparameterKind;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.linalg.LinearAlgebra;
import dev.sextant.surrogate.linalg.NotPositiveDefiniteException;

import java.util.Arrays;
import java.util.List;

/**
 * The likelihood of a fitted GP's hyperparameters with its constant mean integrated out under a flat prior, for
 * samplers of the hyperparameter posterior: for θ = [kernel log-hyperparameters…, log noise (inferred noise only)],
 *
 * <pre>  log ∫ N(y; c·1, K_θ + Σ) dc = log N(y; ĉ·1, K_θ + Σ) + ½ log 2π − ½ log(1ᵀK⁻¹1)</pre>
 *
 * with ĉ = 1ᵀK⁻¹y / 1ᵀK⁻¹1; the mean's conditional posterior given θ is N(ĉ, 1 / 1ᵀK⁻¹1). Integrating c out
 * removes one dimension from every sampler at no cost (ĉ and 1ᵀK⁻¹1 come with the Cholesky factor). Works on the
 * fitted GP's standardised data (its model units), so members built by {@link #model} share its standardisation.
 * Not thread-safe (one workspace of three n×n arrays).
 */
public final class IntegratedLikelihood {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final GaussianProcess fitted;
    private final MarginalLikelihood ml;
    private final double[] packed;
    private final double[][] bounds;
    private double lastMean;
    private double lastMeanVariance;

    private IntegratedLikelihood(GaussianProcess fitted) {
        this.fitted = fitted;
        LinearAlgebra la = LinearAlgebra.cpu();
        this.ml = new MarginalLikelihood(fitted.x, fitted.n, fitted.d, fitted.yModel,
                fitted.inferNoise ? null : fitted.noiseVar, fitted.kernel, la);
        ml.profileMean = true;
        this.packed = new double[ml.numParameters()];
        double[][] b = GaussianProcess.bounds(fitted.kernel, fitted.inferNoise);
        this.bounds = new double[][] {Arrays.copyOf(b[0], packed.length - 1), Arrays.copyOf(b[1], packed.length - 1)};
    }

    /** The likelihood over the data (standardised outcomes, noise model, kernel family) of a fitted GP. */
    public static IntegratedLikelihood of(GaussianProcess fitted) {
        if (fitted.n < 1) {
            throw new IllegalArgumentException("the likelihood needs at least one observation");
        }
        return new IntegratedLikelihood(fitted);
    }

    /** Number of parameters θ: the kernel's log-hyperparameters, then log noise when the noise is inferred. */
    public int numParameters() {
        return packed.length - 1;
    }

    /** Number of kernel log-hyperparameters (the first entries of θ). */
    public int numKernelParameters() {
        return fitted.kernel.numHyperparameters();
    }

    /** Whether θ ends with the log noise variance (false: per-point noise fixed by standard errors). */
    public boolean infersNoise() {
        return fitted.inferNoise;
    }

    /** Roles of the kernel parameters (lengthscale, outputscale, warp), in θ's order. */
    public List<HyperparameterKind> kernelKinds() {
        return fitted.kernel.hyperparameterKinds();
    }

    /** Input dimension d. */
    public int dimension() {
        return fitted.d;
    }

    /** The fitted GP's θ (its packed vector without the mean constant); a new array. */
    public double[] fittedParameters() {
        return Arrays.copyOf(fitted.params, numParameters());
    }

    /** Lower and upper bounds on θ (the fit's bounds); new arrays {lo, hi}. */
    public double[][] bounds() {
        return new double[][] {bounds[0].clone(), bounds[1].clone()};
    }

    /**
     * log ∫ N(y; c·1, K_θ + Σ) dc at θ (length {@link #numParameters()}, not modified); −∞ where K_θ + Σ is not
     * positive definite even with jitter. Afterwards {@link #lastMean} and {@link #lastMeanVariance} hold the mean's
     * conditional posterior at θ.
     */
    public double logLikelihood(double[] theta) {
        if (theta.length != numParameters()) {
            throw new IllegalArgumentException("expected " + numParameters() + " parameters, got " + theta.length);
        }
        System.arraycopy(theta, 0, packed, 0, theta.length);
        packed[packed.length - 1] = 0;
        double profile;
        try {
            profile = ml.evaluate(packed, null);
        } catch (NotPositiveDefiniteException e) {
            lastMean = Double.NaN;
            lastMeanVariance = Double.NaN;
            return Double.NEGATIVE_INFINITY;
        }
        double den = 0;   // ml.ones holds L⁻¹1 after a profiled evaluation
        for (int i = 0; i < fitted.n; i++) {
            den += ml.ones[i] * ml.ones[i];
        }
        lastMean = ml.lastMean;
        lastMeanVariance = 1 / den;
        return profile + 0.5 * LOG_2PI - 0.5 * Math.log(den);
    }

    /** Conditional posterior mean of the mean constant at the θ of the last {@link #logLikelihood} call. */
    public double lastMean() {
        return lastMean;
    }

    /** Conditional posterior variance of the mean constant at the θ of the last {@link #logLikelihood} call. */
    public double lastMeanVariance() {
        return lastMeanVariance;
    }

    /**
     * The GP with hyperparameters θ and mean constant c on the fitted GP's standardised data: a model in the fitted
     * GP's model units (no standardisation of its own). θ not modified.
     */
    public GaussianProcess model(double[] theta, double mean) {
        if (theta.length != numParameters()) {
            throw new IllegalArgumentException("expected " + numParameters() + " parameters, got " + theta.length);
        }
        int nk = numKernelParameters();
        Kernel kernel = fitted.kernel.withHyperparameters(Arrays.copyOf(theta, nk));
        double[] nv;
        if (fitted.inferNoise) {
            nv = new double[fitted.n];
            Arrays.fill(nv, Math.exp(theta[nk]));
        } else {
            nv = fitted.noiseVar.clone();
        }
        double[] p = Arrays.copyOf(theta, theta.length + 1);
        p[theta.length] = mean;
        return GaussianProcess.build(fitted.x, fitted.n, fitted.d, fitted.yModel, nv, fitted.inferNoise, kernel, mean,
                p, 0, 1, OutcomeTransform.NONE, fitted.la);
    }
}

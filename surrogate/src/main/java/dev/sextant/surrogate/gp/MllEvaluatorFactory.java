package dev.sextant.surrogate.gp;

import dev.sextant.surrogate.kernel.Kernel;

import java.util.Optional;

/**
 * SPI for accelerated marginal-likelihood evaluation during fitting. When the {@link GpOptions#backend()} (or the
 * backend chosen by {@code LinearAlgebra.select}) also implements this interface, {@link GaussianProcess#fit} asks it
 * for an evaluator for the full data and uses it instead of the CPU code; an empty result means "not supported
 * for this problem" (e.g. a composite kernel, or n too small to pay off).
 */
public interface MllEvaluatorFactory {

    /**
     * The data of one fit, in model units.
     *
     * @param x          n×d inputs (do not modify)
     * @param y          n standardised outcomes (do not modify)
     * @param fixedNoise per-point noise variances, or null when a homoskedastic noise is a parameter
     * @param kernel     kernel template: its structure and {@link Kernel#stationaryType()} matter, not its values
     */
    record Problem(double[] x, int n, int d, double[] y, double[] fixedNoise, Kernel kernel) {
    }

    Optional<MllEvaluator> create(Problem problem);
}

package dev.sextant.surrogate.bayes;

import java.util.Arrays;

/**
 * Draws of a chain: {@code samples} rows of {@code dimension} values (row-major), their log densities, the
 * number of density evaluations the chain cost, and the bracket widths a continuation of the chain should start
 * with ({@code dimension} values; see {@link SliceSampler#run(double[], double[], SamplerOptions)}). The chain's
 * last point is the last draw. Immutable (accessors return copies).
 */
public record Draws(double[] values, int samples, int dimension, double[] logDensities, long evaluations,
                    double[] nextWidths) {
    public Draws {
        if (values.length != samples * dimension || logDensities.length != samples || nextWidths.length != dimension) {
            throw new IllegalArgumentException("values must be samples×dimension, logDensities of length samples and "
                + "nextWidths of length dimension");
        }
        values = values.clone();
        logDensities = logDensities.clone();
        nextWidths = nextWidths.clone();
    }

    @Override
    public double[] nextWidths() {
        return nextWidths.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[] logDensities() {
        return logDensities.clone();
    }

    /** Draw s (a new array of length dimension). */
    public double[] draw(int s) {
        return Arrays.copyOfRange(values, s * dimension, (s + 1) * dimension);
    }

    /** Sample mean of coordinate j. */
    public double mean(int j) {
        double m = 0;
        for (int s = 0; s < samples; s++) m += values[s * dimension + j];
        return m / samples;
    }

    /** Sample variance of coordinate j (divisor samples − 1; 0 for one draw). */
    public double variance(int j) {
        if (samples < 2) return 0;
        double m = mean(j), v = 0;
        for (int s = 0; s < samples; s++) {
            double e = values[s * dimension + j] - m;
            v += e * e;
        }
        return v / (samples - 1);
    }

    /** Median of coordinate j over the draws. */
    public double median(int j) {
        double[] c = new double[samples];
        for (int s = 0; s < samples; s++) c[s] = values[s * dimension + j];
        Arrays.sort(c);
        return samples % 2 == 1 ? c[samples / 2] : 0.5 * (c[samples / 2 - 1] + c[samples / 2]);
    }
}

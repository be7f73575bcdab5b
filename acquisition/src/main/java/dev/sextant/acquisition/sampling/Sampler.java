package dev.sextant.acquisition.sampling;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Owns the seed and the standard-normal base samples z of a Monte Carlo acquisition (BoTorch's sampler split): the
 * posterior turns given z into samples Y = μ + L·z, and the sampler keeps z fixed while the shape is unchanged, so
 * the acquisition surface is deterministic and a quasi-Newton optimiser can work on it. Thread-safe.
 */
public final class Sampler {
    private final int numSamples;
    private final long seed;
    private final double[][] fixed;
    private final Map<Long, double[]> drawn = new ConcurrentHashMap<>();

    private Sampler(int numSamples, long seed, double[][] fixed) {
        if (numSamples < 1) {
            throw new IllegalArgumentException("need at least one MC sample, got " + numSamples);
        }
        this.numSamples = numSamples;
        this.seed = seed;
        this.fixed = fixed;
    }

    /** Scrambled-Sobol normal base samples ({@link NormalBaseSamples#qmc}), deterministic in the seed. */
    public static Sampler qmc(int numSamples, long seed) {
        return new Sampler(numSamples, seed, null);
    }

    /**
     * Given base samples, one array per metric (objective first), each numSamples × width row-major; not copied,
     * not modified.
     */
    public static Sampler fixed(int numSamples, double[]... perMetric) {
        if (perMetric == null || perMetric.length == 0) {
            throw new IllegalArgumentException("need one base-sample array per metric");
        }
        return new Sampler(numSamples, 0, perMetric);
    }

    public int numSamples() {
        return numSamples;
    }

    public long seed() {
        return seed;
    }

    /**
     * The base samples of metric k (0 = objective) for joint posteriors of the given width: numSamples × width
     * row-major, drawn once per (metric, width) and then reused (not a copy; do not modify).
     *
     * @throws IllegalArgumentException when fixed samples were given with another shape or for fewer metrics
     */
    public double[] baseSamples(int metric, int width) {
        if (fixed != null) {
            if (metric >= fixed.length) {
                throw new IllegalArgumentException("need one base-sample array per metric (objective first); got "
                        + fixed.length + " for metric " + metric);
            }
            if (fixed[metric].length != numSamples * width) {
                throw new IllegalArgumentException("base samples of metric " + metric + " must be " + numSamples + "×"
                        + width + ", got " + fixed[metric].length + " values");
            }
            return fixed[metric];
        }
        return drawn.computeIfAbsent(((long) metric << 32) | width,
                key -> NormalBaseSamples.qmc(numSamples, width, seed + 7919L * metric));
    }
}

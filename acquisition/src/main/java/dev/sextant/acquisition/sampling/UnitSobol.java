package dev.sextant.acquisition.sampling;

import dev.sextant.core.generate.ScrambledSobol;
import java.util.SplittableRandom;

/** Scrambled Sobol points in [0,1)^d (bo-core's {@link ScrambledSobol}), deterministic in the seed; raw acquisition samples. */
public final class UnitSobol {
    private UnitSobol() {}

    /** n×d row-major points. Falls back to seeded uniform random points above 1000 dimensions. */
    public static double[] points(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] out = new double[n * d];
        if (d > NormalBaseSamples.MAX_SOBOL_DIMENSION) {
            for (int i = 0; i < out.length; i++) out[i] = rng.nextDouble();
            return out;
        }
        new ScrambledSobol(d, seed).nextRowMajor(out, n);
        return out;
    }
}

package dev.sextant.acquisition.sampling;

import java.util.SplittableRandom;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/** Randomised (digitally shifted) Sobol points in [0,1)^d, deterministic in the seed; raw acquisition samples. */
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
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(d);
        sobol.skipTo(1 + rng.nextInt(1024));
        long[] shift = new long[d];
        for (int j = 0; j < d; j++) shift[j] = rng.nextLong() >>> 12;
        for (int i = 0; i < n; i++) {
            double[] u = sobol.nextVector();
            for (int j = 0; j < d; j++) {
                long bits = (long) (u[j] * 0x1p52) ^ shift[j];
                out[i * d + j] = (bits + 0.5) * 0x1p-52;
            }
        }
        return out;
    }
}

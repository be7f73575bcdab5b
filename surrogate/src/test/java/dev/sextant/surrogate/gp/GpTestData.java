package dev.sextant.surrogate.gp;

import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.linalg.LinearAlgebra;

import java.util.Random;

/** Random data for tests: uniform inputs and smooth or GP-drawn outcomes. */
final class GpTestData {
    private GpTestData() {
    }

    static double[] uniform(int n, int d, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble();
        }
        return x;
    }

    static double[] smooth(double[] x, int n, int d) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int m = 0; m < d; m++) {
                s += Math.sin(3 * x[i * d + m] + m) * (m + 1) / d;
            }
            y[i] = s;
        }
        return y;
    }

    /** One draw from a zero-mean GP with the given kernel plus N(0, noise) noise. */
    static double[] drawFromGp(Kernel k, double[] x, int n, double noise, long seed) {
        double[] kk = new double[n * n];
        k.symmetricMatrix(x, n, kk);
        for (int i = 0; i < n; i++) {
            kk[i * n + i] += 1e-8;
        }
        if (!LinearAlgebra.cpu().choleskyInPlace(kk, n)) {
            throw new IllegalStateException("test covariance not PD");
        }
        Random r = new Random(seed);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = r.nextGaussian();
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j <= i; j++) {
                s += kk[i * n + j] * z[j];
            }
            y[i] = s + Math.sqrt(noise) * r.nextGaussian();
        }
        return y;
    }
}

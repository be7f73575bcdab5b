package dev.sextant.surrogate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.GpOptions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Candidate sets whose joint covariance, conditioned on the baseline, is (nearly) singular: a candidate on top of a
 * pending point, pending points duplicated, all next to the data. With several workers every candidate set carries
 * the other workers' running trials as pending rows, and late in a campaign the data cluster around the optimum, so
 * these rows have almost no conditional variance left; the candidate block must still be factored (before the fix
 * it threw "candidate posterior covariance … not positive definite" and the generator fell back to Sobol), with
 * samples that stay those of the joint posterior.
 */
class BatchPosteriorPendingTest {
    static final int D = 3;
    /**
     * The first 30 trials of a `workers-bench.sh` campaign (x, y, k encoded in the unit cube, then the loss):
     * 8 Sobol points, then qLogNEI points clustered around the optimum (0.3, 0.6, k = 1).
     */
    static final double[][] CAMPAIGN = {
        {0.7471129453532539, 0.27382852187294904, 1.0, 0.706298},
        {0.16017139874965602, 0.679520971304999, 0.3333333333333333, 0.225876},
        {0.3453676653234943, 0.20102581493530947, 0.6666666666666666, 0.461239},
        {0.8053011033903641, 0.8461129577699382, 0.0, 0.415901},
        {0.9494234269560022, 0.06484476996458377, 0.3333333333333333, 0.908142},
        {0.3957422107946924, 0.9822557514525994, 1.0, 0.555286},
        {0.07869918686074229, 0.3982910776285431, 0.0, 0.189661},
        {0.5093929851704053, 0.555096696639783, 0.6666666666666666, 0.345862},
        {0.0, 0.5770397381961191, 0.0, 0.190527},
        {0.0, 0.47685094595973365, 1.0, 0.505166},
        {0.18172585799618127, 0.5519223882505193, 0.0, 0.1163},
        {0.2571641878642931, 0.5982342155008651, 0.0, 0.101838},
        {0.257868463472869, 0.5889723831965792, 0.0, 0.101897},
        {0.27223866654600937, 0.5960916847479241, 0.0, 0.100786},
        {0.2772547573491246, 0.5975726140720263, 0.0, 0.100523},
        {0.2820725125470366, 0.6005835862286171, 0.0, 0.100322},
        {0.2857871725788858, 0.6014118520687068, 0.0, 0.100204},
        {0.28718389197328964, 0.6037838001013172, 0.0, 0.100179},
        {0.2897603876770795, 0.6032432060922186, 0.0, 0.100115},
        {0.2905861105917946, 0.6039691410191351, 0.0, 0.100104},
        {0.2925211236402181, 0.6022730181077832, 0.0, 0.100061},
        {0.29375013128968414, 0.601669741997015, 0.0, 0.100042},
        {0.2947148320481927, 0.600001541874236, 0.0, 0.100028},
        {0.2948876302062723, 0.5997859655731161, 0.0, 0.100026},
        {0.2951388820241441, 0.5992879118256789, 0.0, 0.100024},
        {0.2953735275570895, 0.598742096636374, 0.0, 0.100023},
        {0.2920287592254006, 0.5978397396287036, 0.0, 0.100068},
        {0.2919754267344975, 0.5982231978216866, 0.0, 0.100068},
        {0.29157667695350653, 0.5987344217856782, 0.0, 0.100073},
        {0.29138498763984544, 0.5990291068922066, 0.0, 0.100075}
    };

    /** The GP the generator fits to the first n campaign trials (maximising −loss), noise floored at 1e-6. */
    static GpModel fitted(int n) {
        double[] x = new double[n * D];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(CAMPAIGN[i], 0, x, i * D, D);
            y[i] = -CAMPAIGN[i][D];
        }
        return GpModel.of(GaussianProcess.fit(x, n, D, y, null, GpOptions.defaults()), 1e-6);
    }

    /** Forward samples (s×q) of candidates c (q×D) through a posterior whose baseline is the training data. */
    static double[] samples(GpModel m, double[] c, int q, int s, long seed) {
        int n = m.trainX().length / D;
        BatchPosterior p = m.batchPosterior(m.trainX(), n);
        int stride = n + q;
        double[] z = new double[s * stride];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < z.length; i++) {
            z[i] = r.nextGaussian();
        }
        double[] out = new double[s * q];
        p.evaluator(q).forward(c, z, s, stride, out);
        return out;
    }

    @Test
    void candidatesOnAndNextToPendingPointsInTheDataClusterAreFactored() {
        GpModel m = fitted(30);
        double[] x = m.trainX();
        SplittableRandom r = new SplittableRandom(7);
        int s = 8;
        for (int t = 0; t < 120; t++) {
            int q = 2 + t % 3;
            double[] c = new double[q * D];
            for (int i = 0; i < q; i++) {   // at or next to one of the last 10 (clustered) trials
                int j = 29 - r.nextInt(10);
                for (int k = 0; k < D; k++) {
                    c[i * D + k] = x[j * D + k] + (t % 4 == 0 || k == 2 ? 0 : 1e-3 * r.nextGaussian());
                }
            }
            if (t % 2 == 0) {
                System.arraycopy(c, 0, c, D, D);   // the candidate on top of a pending point
            }
            double[] out = samples(m, c, q, s, t);
            double[] mean = new double[q];
            double[] var = new double[q];
            m.predict(c, q, mean, var);
            for (int i = 0; i < s * q; i++) {
                int j = i % q;
                double sd = Math.sqrt(var[j] + 1e-6 * m.priorVariance());
                assertTrue(Math.abs(out[i] - mean[j]) <= 8 * sd, "set " + t + ": sample " + out[i] + " of point " + j
                        + " is far from its posterior mean " + mean[j] + " (sd " + sd + ")");
            }
            if (t % 2 == 0) {
                for (int row = 0; row < s; row++) {
                    assertEquals(out[row * q], out[row * q + 1], 1e-2 * Math.sqrt(m.priorVariance()),
                            "set " + t + ": a candidate on a pending point has the pending point's samples");
                }
            }
        }
    }

    @Test
    void pendingPointsDuplicatedAwayFromTheDataGiveEqualSamples() {
        GpModel m = fitted(30);
        double[] c = {0.91, 0.07, 0.5, 0.13, 0.88, 0.42, 0.13, 0.88, 0.42, 0.13, 0.88, 0.42};
        int q = 4;
        int s = 32;
        double[] out = samples(m, c, q, s, 3);
        double spread = 0;
        for (int r = 0; r < s; r++) {
            assertEquals(out[r * q + 1], out[r * q + 2], 1e-3 * Math.sqrt(m.priorVariance()));
            assertEquals(out[r * q + 1], out[r * q + 3], 1e-3 * Math.sqrt(m.priorVariance()));
            spread = Math.max(spread, Math.abs(out[r * q + 1] - out[q + 1]));
        }
        assertTrue(spread > 1e-3, "the duplicated point is away from the data: its samples vary");
    }
}

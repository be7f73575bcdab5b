package dev.sextant.surrogate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.GpOptions;
import dev.sextant.surrogate.gp.OutcomeTransform;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.posterior.Posterior;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GpModelTest {
    static final int N = 14;
    static final int D = 2;

    static double[] inputs(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble();
        }
        return x;
    }

    static double[] outcomes(double[] x, int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.exp(2 * Math.sin(4 * x[i * D]) + x[i * D + 1]); // positive and skewed
        }
        return y;
    }

    static GaussianProcess fitted() {
        double[] x = inputs(1, N);
        double[] y = outcomes(x, N);
        return GaussianProcess.fit(x, N, D, y, null, GpOptions.defaults()
                .withCustomKernel(Kernel.parse("matern32+rbf", D)).withTransform(OutcomeTransform.fitYeoJohnson(y)));
    }

    @Test
    void modelIsTheFittedGpInStandardisedUnits() {
        GaussianProcess gp = fitted();
        GpModel m = GpModel.of(gp);
        double[] xq = inputs(2, 5);
        Posterior fittedUnits = gp.posterior(xq, 5);
        Posterior modelUnits = m.posterior(xq, 5);
        double s = m.outcomeScale();
        double[] mf = fittedUnits.mean();
        double[] mm = modelUnits.mean();
        double[] cf = fittedUnits.covariance();
        double[] cm = modelUnits.covariance();
        double[] mean = new double[5];
        double[] var = new double[5];
        m.predict(xq, 5, mean, var);
        for (int j = 0; j < 5; j++) {
            assertEquals(mf[j], m.outcomeShift() + s * mm[j], 1e-10);
            assertEquals(mm[j], mean[j], 1e-10);
            assertEquals(cm[j * 5 + j], var[j], 1e-10);
            for (int k = 0; k < 5; k++) {
                assertEquals(cf[j * 5 + k], s * s * cm[j * 5 + k], 1e-10);
            }
        }
        // the factorisation is the GP's own (not refactored): same weights
        assertTrue(Arrays.equals(gp.weights(), m.weights()));
    }

    @Test
    void conditioningByBlockUpdateEqualsRefitWithTheSameHyperparameters() {
        GpModel m = GpModel.of(fitted());
        double[] xNew = inputs(3, 2);
        double[] yNew = {0.3, -0.7};
        GpModel updated = m.condition(xNew, 2, yNew);
        double[] xAll = Arrays.copyOf(m.trainX(), (N + 2) * D);
        System.arraycopy(xNew, 0, xAll, N * D, 2 * D);
        double[] yAll = Arrays.copyOf(m.trainY(), N + 2);
        yAll[N] = 0.3;
        yAll[N + 1] = -0.7;
        double[] noise = new double[N + 2];
        Arrays.fill(noise, m.fantasyNoise());
        GpModel refit = GpModel.of(GaussianProcess.withHyperparameters(xAll, N + 2, D, yAll, m.kernel(),
                m.meanConstant(), noise, m.backend()));
        double[] xq = inputs(4, 6);
        double[] a = updated.posteriorMean(xq, 6);
        double[] b = refit.posteriorMean(xq, 6);
        double[] va = updated.posteriorVariance(xq, 6);
        double[] vb = refit.posteriorVariance(xq, 6);
        for (int j = 0; j < 6; j++) {
            assertEquals(b[j], a[j], 1e-8);
            assertEquals(vb[j], va[j], 1e-8);
        }
    }

    @Test
    void noiseFloorIsAppliedWhenItBinds() {
        double[] x = inputs(5, N);
        double[] y = outcomes(x, N);
        double[] sem = new double[N]; // exact observations: noise 0
        GaussianProcess gp = GaussianProcess.fit(x, N, D, y, sem, GpOptions.defaults());
        GpModel exact = GpModel.of(gp);
        GpModel floored = GpModel.of(gp, 1e-2);
        double[] at = Arrays.copyOf(x, D);
        assertTrue(exact.posteriorVariance(at, 1)[0] < 1e-4, "exact data: no latent variance at a training point");
        assertTrue(floored.posteriorVariance(at, 1)[0] > 1e-3, "with noise 1e-2 the data no longer pin f");
        assertEquals(1e-2, floored.fantasyNoise(), 1e-12);
    }
}

package dev.sextant.surrogate.gp;

import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.posterior.Posterior;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The closed-form LOO densities against the definition: n GPs each fitted without one point. */
class LeaveOneOutTest {
    static final int N = 14;
    static final int D = 2;

    @Test
    void closedFormEqualsRefittingWithoutEachPoint() {
        double[] x = GpTestData.uniform(N, D, 11);
        double[] y = GpTestData.smooth(x, N, D);
        Kernel k = Kernel.of(KernelType.MATERN52, new double[] {0.4, 0.7}, 1.3);
        double noise = 0.02;
        double mean = 0.1;
        double[] loo = GaussianProcess.withHyperparameters(x, N, D, y, k, mean, noise).leaveOneOutLogDensities();
        for (int i = 0; i < N; i++) {
            double[] xr = new double[(N - 1) * D];
            double[] yr = new double[N - 1];
            for (int j = 0, r = 0; j < N; j++) {
                if (j != i) {
                    System.arraycopy(x, j * D, xr, r * D, D);
                    yr[r++] = y[j];
                }
            }
            GaussianProcess without = GaussianProcess.withHyperparameters(xr, N - 1, D, yr, k, mean, noise);
            Posterior p = without.posterior(Arrays.copyOfRange(x, i * D, (i + 1) * D), 1);
            double var = p.variance()[0] + noise;
            double r = y[i] - p.mean()[0];
            double expected = -0.5 * (Math.log(2 * Math.PI * var) + r * r / var);
            assertEquals(expected, loo[i], 1e-8 * Math.max(1, Math.abs(expected)), "point " + i);
        }
    }

    @Test
    void fittedModelsReportDensitiesInTheUnitsOfTheirOutcomes() {
        // a GP fitted with the LOG transform: its densities are of y itself, i.e. those of log y plus log(1/y)
        double[] x = GpTestData.uniform(N, D, 12);
        double[] y = GpTestData.smooth(x, N, D);
        double[] pos = new double[N];
        double[] logs = new double[N];
        for (int i = 0; i < N; i++) {
            pos[i] = Math.exp(y[i]);
            logs[i] = y[i];
        }
        GpOptions o = GpOptions.defaults();
        double[] onY = GaussianProcess.fit(x, N, D, pos, null, o.withTransform(OutcomeTransform.LOG))
                .leaveOneOutLogDensities();
        double[] onLog = GaussianProcess.fit(x, N, D, logs, null, o).leaveOneOutLogDensities();
        for (int i = 0; i < N; i++) {
            assertEquals(onLog[i] - Math.log(pos[i]), onY[i], 1e-6, "point " + i);
        }
    }
}

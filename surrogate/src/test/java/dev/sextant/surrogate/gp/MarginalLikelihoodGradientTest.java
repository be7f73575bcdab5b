package dev.sextant.surrogate.gp;

import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.linalg.LinearAlgebra;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarginalLikelihoodGradientTest {
    static final int N = 25;
    static final int D = 3;

    static void checkGradient(MarginalLikelihood ml, double[] p) {
        double[] g = new double[ml.numParameters()];
        ml.evaluate(p, g);
        double h = 1e-6;
        for (int i = 0; i < p.length; i++) {
            double[] pp = p.clone();
            double[] pm = p.clone();
            pp[i] += h;
            pm[i] -= h;
            double fd = (ml.evaluate(pp, null) - ml.evaluate(pm, null)) / (2 * h);
            assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), "parameter " + i);
        }
    }

    @Test
    void inferredNoiseAllKernels() {
        double[] x = GpTestData.uniform(N, D, 1);
        double[] y = GpTestData.smooth(x, N, D);
        for (KernelType t : KernelType.values()) {
            MarginalLikelihood ml = new MarginalLikelihood(x, N, D, y, null, Kernel.of(t, D), LinearAlgebra.cpu());
            checkGradient(ml, new double[] {Math.log(0.3), Math.log(0.6), Math.log(1.2), Math.log(0.8), Math.log(0.05), 0.2});
        }
    }

    @Test
    void fixedNoiseAndCompositeKernel() {
        double[] x = GpTestData.uniform(N, D, 2);
        double[] y = GpTestData.smooth(x, N, D);
        double[] noise = new double[N];
        for (int i = 0; i < N; i++) {
            noise[i] = 0.01 * (1 + i % 3);
        }
        Kernel k = Kernel.sum(Kernel.matern52(D), Kernel.product(Kernel.rbf(D), Kernel.matern32(D)));
        MarginalLikelihood ml = new MarginalLikelihood(x, N, D, y, noise, k, LinearAlgebra.cpu());
        double[] p = new double[ml.numParameters()];
        for (int i = 0; i < p.length - 1; i++) {
            p[i] = Math.log(0.4 + 0.1 * (i % 5));
        }
        p[p.length - 1] = -0.3;
        checkGradient(ml, p);
    }

    @Test
    void mapObjectiveGradientIncludesPriors() {
        double[] x = GpTestData.uniform(N, D, 3);
        double[] y = GpTestData.smooth(x, N, D);
        MarginalLikelihood ml = new MarginalLikelihood(x, N, D, y, null, Kernel.matern52(D), LinearAlgebra.cpu());
        Fitter.MapObjective obj = new Fitter.MapObjective(ml, Prior.defaults(), D, null);
        double[] p = {Math.log(0.2), Math.log(0.9), Math.log(2.0), Math.log(1.5), Math.log(0.002), 0.1};
        double[] g = new double[p.length];
        obj.valueAndGradient(p, g);
        double h = 1e-6;
        double[] tmp = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double[] pp = p.clone();
            double[] pm = p.clone();
            pp[i] += h;
            pm[i] -= h;
            double fd = (obj.valueAndGradient(pp, tmp) - obj.valueAndGradient(pm, tmp)) / (2 * h);
            assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), "parameter " + i);
        }
    }
}

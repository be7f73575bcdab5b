package dev.sextant.surrogate.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.linalg.LinearAlgebra;
import org.junit.jupiter.api.Test;

class IntegratedLikelihoodTest {

    /** The closed form against a numerical integral over the mean constant of the plain marginal likelihood. */
    @Test
    void equalsTheMarginalLikelihoodIntegratedOverTheMean() {
        int n = 9, d = 2;
        double[] x = GpTestData.uniform(n, d, 4);
        double[] y = GpTestData.smooth(x, n, d);
        GaussianProcess map = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withKernel(KernelType.RBF));
        IntegratedLikelihood lik = IntegratedLikelihood.of(map);
        double[] theta = {Math.log(0.4), Math.log(0.7), Math.log(1.3), Math.log(0.05)};
        double closed = lik.logLikelihood(theta);
        Kernel k = Kernel.of(KernelType.RBF, d).withHyperparameters(new double[] {theta[0], theta[1], theta[2]});
        double[] nv = new double[n];
        java.util.Arrays.fill(nv, Math.exp(theta[3]));
        // trapezoid over c in ĉ ± 12 sd
        double c0 = lik.lastMean(), sd = Math.sqrt(lik.lastMeanVariance());
        int m = 4001;
        double h = 24 * sd / (m - 1), max = Double.NEGATIVE_INFINITY;
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            double c = c0 - 12 * sd + i * h;
            v[i] = GaussianProcess.withHyperparameters(x, n, d, map.standardisedY(), k, c, nv, LinearAlgebra.cpu())
                .logMarginalLikelihood();
            max = Math.max(max, v[i]);
        }
        double sum = 0;
        for (int i = 0; i < m; i++) sum += (i == 0 || i == m - 1 ? 0.5 : 1) * Math.exp(v[i] - max);
        assertEquals(max + Math.log(sum * h), closed, 1e-6);
        // the conditional mean of c is where the plain likelihood peaks
        int arg = 0;
        for (int i = 1; i < m; i++) if (v[i] > v[arg]) arg = i;
        assertEquals(c0, c0 - 12 * sd + arg * h, 2 * h);
    }

    @Test
    void membersAreInTheFittedModelsUnits() {
        int n = 12, d = 2;
        double[] x = GpTestData.uniform(n, d, 5);
        double[] y = GpTestData.smooth(x, n, d);
        for (int i = 0; i < n; i++) y[i] = 100 + 50 * y[i];
        GaussianProcess map = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withKernel(KernelType.RBF));
        IntegratedLikelihood lik = IntegratedLikelihood.of(map);
        double[] p = map.hyperparameterVector();
        GaussianProcess member = lik.model(lik.fittedParameters(), p[p.length - 1]);
        double[] xq = {0.3, 0.6};
        double a = member.posterior(xq, 1).mean()[0];
        double b = map.standardised().posterior(xq, 1).mean()[0];
        assertEquals(b, a, 1e-9);
    }
}

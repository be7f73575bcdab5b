package dev.sextant.surrogate.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.GpOptions;
import dev.sextant.surrogate.gp.Prior;
import dev.sextant.surrogate.kernel.KernelType;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SaasPriorTest {

    /** Data that depends on 2 of 10 inputs: the 8 others get much longer posterior median lengthscales. */
    @Test
    void irrelevantInputsAreSwitchedOff() {
        int n = 40, d = 10;
        Random r = new Random(21);
        double[] x = new double[n * d], y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < d; m++) x[i * d + m] = r.nextDouble();
            double a = x[i * d + 3], b = x[i * d + 7];
            y[i] = Math.sin(5 * a) + 2 * (b - 0.4) * (b - 0.4) + 0.01 * r.nextGaussian();
        }
        GaussianProcess map = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withKernel(KernelType.RBF));
        FullyBayesianFit fit = FullyBayesianGp.sample(map, Prior.defaults(), FullyBayesianOptions.defaults().withSeed(5));
        assertTrue(fit.saas(), "SAAS is the default from 8 inputs");
        assertEquals("log_tau", fit.parameterNames().get(fit.parameterNames().size() - 1));
        double[] ls = fit.medianLengthscales();
        double relevant = Math.max(ls[3], ls[7]);
        double irrelevant = Double.POSITIVE_INFINITY;
        for (int m = 0; m < d; m++) if (m != 3 && m != 7) irrelevant = Math.min(irrelevant, ls[m]);
        assertTrue(irrelevant > 5 * relevant, "median lengthscales " + java.util.Arrays.toString(ls));
    }

    @Test
    void autoIsSaasFromEightToTwentyInputs() {
        assertFalse(HyperparameterPrior.AUTO.saas(7));
        assertTrue(HyperparameterPrior.AUTO.saas(8));
        assertTrue(HyperparameterPrior.AUTO.saas(20));
        assertFalse(HyperparameterPrior.AUTO.saas(21), "the standard prior above 20 inputs");
        assertTrue(HyperparameterPrior.SAAS.saas(2));
        assertFalse(HyperparameterPrior.STANDARD.saas(10));
    }

    @Test
    void saasDensityIsTheHalfCauchyHierarchy() {
        // one input: log HC(τ; 0.1) + log τ + log HC(ρ; τ) + log ρ + log 2, ρ = ℓ⁻²
        double logL = Math.log(0.7), logTau = Math.log(0.3);
        double tau = 0.3, rho = 1 / (0.7 * 0.7);
        double hcTau = 2 / (Math.PI * 0.1 * (1 + (tau / 0.1) * (tau / 0.1)));
        double hcRho = 2 / (Math.PI * tau * (1 + (rho / tau) * (rho / tau)));
        double expected = Math.log(hcTau * tau) + Math.log(hcRho * rho * 2);
        assertEquals(expected, HyperparameterPrior.saasLogDensity(new double[] {logL}, 1, logTau), 1e-12);
        // it integrates to 1 over log ℓ for fixed τ (a proper density in the sampler's coordinates)
        double z = 0, h = 1e-3;
        for (double u = -20; u < 20; u += h) {
            z += Math.exp(HyperparameterPrior.saasLogDensity(new double[] {u}, 1, logTau)
                - HyperparameterPrior.logHalfCauchy(tau, 0.1) - logTau) * h;
        }
        assertEquals(1, z, 1e-3);
    }
}

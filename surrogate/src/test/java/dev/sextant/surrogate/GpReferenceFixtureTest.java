package dev.sextant.surrogate;

import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.posterior.Posterior;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every *.json of the GP reference folder: MLL, its gradient, posterior mean and covariance vs GPyTorch, and the
 * base-sample convention (qEI / qNEI formula values recomputed from {@link Posterior#sample}).
 */
class GpReferenceFixtureTest {
    static final double REL = 1e-8;

    static List<GpFixture> fixtures() {
        return GpFixture.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void matchesGpytorch(GpFixture f) {
        GaussianProcess gp = f.model();
        assertClose(f.mll, gp.logMarginalLikelihood(), f.fileName + " mll");
        double[] g = gp.logMarginalLikelihoodGradient();
        double[] ref = f.mllGradient();
        assertEquals(ref.length, g.length, f.fileName + " gradient length");
        for (int i = 0; i < ref.length; i++) {
            assertClose(ref[i], g[i], f.fileName + " mll gradient " + gp.hyperparameterNames().get(i));
        }
        Posterior p = gp.posterior(f.xTest, f.nTest);
        double[] mean = p.mean();
        double[] cov = p.covariance();
        double covScale = 0;
        for (double v : f.postCov) {
            covScale = Math.max(covScale, Math.abs(v));
        }
        for (int i = 0; i < f.nTest; i++) {
            assertClose(f.postMean[i], mean[i], f.fileName + " posterior mean " + i);
            for (int j = 0; j < f.nTest; j++) {
                double e = f.postCov[i * f.nTest + j];
                double a = cov[i * f.nTest + j];
                // relative to the covariance's scale: off-diagonal entries can be ~0
                assertTrue(Math.abs(a - e) <= REL * covScale, f.fileName + " posterior covariance [" + i + "," + j
                        + "]: expected " + e + ", got " + a);
            }
            double withNoise = p.variance()[i] + f.noise;
            assertClose(f.postVarWithNoise[i], withNoise, f.fileName + " posterior variance with noise " + i);
        }
        // base-sample convention Y = mean + z·Lᵀ: the MC formulas of the fixture from our posterior samples
        if (f.qeiBaseSamples != null) {
            double expected = f.json.path("mc").path("qei").path("value_formula").asDouble(f.qeiValue);
            Posterior pc = gp.posterior(f.xTestRows(0, f.mcQ), f.mcQ);
            double[] y = pc.sample(f.qeiBaseSamples, f.mcNumSamples);
            double acc = 0;
            for (int s = 0; s < f.mcNumSamples; s++) {
                double best = 0;
                for (int j = 0; j < f.mcQ; j++) {
                    best = Math.max(best, y[s * f.mcQ + j] - f.bestF);
                }
                acc += best;
            }
            assertClose(expected, acc / f.mcNumSamples, f.fileName + " qEI from posterior samples");
        }
        if (f.qneiBaseSamples != null) {
            double expected = f.json.path("mc").path("qnei").path("value_formula").asDouble(f.qneiValue);
            int q = f.mcBaselineRows + f.mcQ;
            Posterior pj = gp.posterior(f.qneiPoints(), q);
            double[] y = pj.sample(f.qneiBaseSamples, f.mcNumSamples);
            double acc = 0;
            for (int s = 0; s < f.mcNumSamples; s++) {
                double base = Double.NEGATIVE_INFINITY;
                double cand = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < q; j++) {
                    double v = y[s * q + j];
                    if (j < f.mcBaselineRows) {
                        base = Math.max(base, v);
                    } else {
                        cand = Math.max(cand, v);
                    }
                }
                acc += Math.max(cand - base, 0);
            }
            assertClose(expected, acc / f.mcNumSamples, f.fileName + " qNEI from posterior samples");
        }
    }

    static void assertClose(double expected, double actual, String what) {
        double err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12);
        assertTrue(err <= REL, what + ": expected " + expected + ", got " + actual + " (relative error " + err + ")");
    }
}

package dev.sextant.acquisition.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.acquisition.TestModels;
import dev.sextant.acquisition.analytic.AnalyticAcquisition;
import dev.sextant.acquisition.mc.McAcquisitions;
import dev.sextant.acquisition.mc.McContext;
import dev.sextant.acquisition.numerics.SafeMath;
import dev.sextant.acquisition.sampling.NormalBaseSamples;
import dev.sextant.acquisition.sampling.Sampler;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.model.BatchPosterior;
import dev.sextant.surrogate.model.GpModel;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class NumericsAndOraclesTest {
    @Test
    void logEiHelperMatchesDirectFormWhereThatIsAccurateAndStaysFiniteInTheTail() {
        for (double z = -5; z <= 5; z += 0.25) {
            double direct = Math.log(SafeMath.phi(z) + z * SafeMath.cdf(z));
            assertEquals(direct, SafeMath.logEiHelper(z), 1e-10 * Math.max(1, Math.abs(direct)), "z=" + z);
        }
        // asymptote h(z) ~ φ(z)/z² for z → −∞
        for (double z : new double[] {-40, -100, -1e3, -1e5, -1e7}) {
            double asym = SafeMath.logPhi(z) - 2 * Math.log(-z);
            double v = SafeMath.logEiHelper(z);
            assertTrue(Double.isFinite(v));
            assertEquals(asym, v, 1e-3 * Math.abs(asym) + 3.0 / (z * z), "z=" + z);
        }
        // continuity at the branch points
        assertEquals(SafeMath.logEiHelper(-1 - 1e-12), SafeMath.logEiHelper(-1 + 1e-12), 1e-9);
    }

    @Test
    void erfcxAndLogCdfAgreeWithReferences() {
        NormalDistribution nd = new NormalDistribution();
        for (double z = -8; z <= 8; z += 0.5) {
            assertEquals(Math.log(nd.cumulativeProbability(z)), SafeMath.logCdf(z), 1e-10, "z=" + z);
        }
        // erfcx(x) ~ 1/(x√π) for large x; continuity at the series switch point
        assertEquals(SafeMath.erfcx(10 - 1e-12), SafeMath.erfcx(10 + 1e-12), 1e-13);
        assertEquals(1 / (1e4 * Math.sqrt(Math.PI)), SafeMath.erfcx(1e4), 1e-12);
    }

    @Test
    void normalQuantileInvertsTheCdf() {
        for (double p : new double[] {1e-300, 1e-12, 1e-4, 0.02, 0.3, 0.5, 0.77, 0.99, 1 - 1e-10}) {
            double x = SafeMath.normalQuantile(p);
            double back = x < 0 ? SafeMath.cdf(x) : 1 - SafeMath.cdf(-x);
            assertEquals(p, back, 1e-13 * Math.max(p, 1e-3), "p=" + p);
        }
    }

    @Test
    void qmcNormalSamplesHaveUnitMomentsAndAreSeeded() {
        double[] z = NormalBaseSamples.qmc(1024, 3, 42);
        for (int j = 0; j < 3; j++) {
            double m = 0, v = 0;
            for (int i = 0; i < 1024; i++) m += z[i * 3 + j];
            m /= 1024;
            for (int i = 0; i < 1024; i++) v += (z[i * 3 + j] - m) * (z[i * 3 + j] - m);
            v /= 1023;
            assertEquals(0, m, 0.01);
            assertEquals(1, v, 0.02);
        }
        assertEquals(z[17], NormalBaseSamples.qmc(1024, 3, 42)[17]);
        assertTrue(z[17] != NormalBaseSamples.qmc(1024, 3, 43)[17]);
    }

    static GpModel model() {
        int n = 12, d = 2;
        double[] x = new double[n * d], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i * d] = (i * 0.37) % 1;
            x[i * d + 1] = (i * 0.61 + 0.1) % 1;
            y[i] = Math.sin(5 * x[i * d]) + x[i * d + 1];
        }
        return TestModels.gp(KernelType.MATERN52, x, n, d, y, new double[] {0.3, 0.4}, 1.0, 1e-3, 0.0);
    }

    @Test
    void monteCarloQeiConvergesToAnalyticEiForOnePoint() {
        GpModel gp = model();
        double[] x = {0.52, 0.33};
        double best = 1.0;
        double analytic = AnalyticAcquisition.EI.of(gp, best).evaluate(x, null);
        McContext ctx = McContext.of(gp.batchPosterior(new double[0], 0), 1, 8192, 3);
        double mc = McAcquisitions.qEI(ctx, best).evaluate(x, null);
        assertEquals(analytic, mc, 0.01 * analytic + 1e-6);
    }

    @Test
    void cachedBatchPosteriorMatchesDirectJointCovariance() {
        GpModel gp = model();
        int nb = 5, q = 3, d = 2;
        double[] base = java.util.Arrays.copyOf(gp.trainX(), nb * d);
        double[] cand = {0.1, 0.9, 0.5, 0.5, 0.77, 0.2};
        BatchPosterior jp = gp.batchPosterior(base, nb);
        // direct joint covariance over [B; C], then Cholesky, then samples for one z
        double[] all = new double[(nb + q) * d];
        System.arraycopy(base, 0, all, 0, nb * d);
        System.arraycopy(cand, 0, all, nb * d, q * d);
        int m = nb + q;
        dev.sextant.surrogate.posterior.Posterior joint = gp.posterior(all, m);
        double[] mean = joint.mean(), cov = joint.covariance();
        double[] l = cov.clone();
        for (int i = 0; i < m; i++) l[i * m + i] += 0; // no jitter needed
        org.ejml.data.DMatrixRMaj a = new org.ejml.data.DMatrixRMaj(m, m, true, l);
        org.ejml.interfaces.decomposition.CholeskyDecomposition_F64<org.ejml.data.DMatrixRMaj> ch =
            org.ejml.dense.row.factory.DecompositionFactory_DDRM.chol(m, true);
        assertTrue(ch.decompose(a));
        org.ejml.data.DMatrixRMaj lower = ch.getT(null);
        double[] z = NormalBaseSamples.qmc(4, m, 9);
        double[] out = new double[4 * q];
        BatchPosterior.Evaluator ev = jp.evaluator(q);
        ev.forward(cand, z, 4, m, out);
        for (int r = 0; r < 4; r++) {
            for (int j = 0; j < q; j++) {
                double expect = mean[nb + j];
                for (int k = 0; k <= nb + j; k++) expect += lower.get(nb + j, k) * z[r * m + k];
                assertEquals(expect, out[r * q + j], 1e-8, "sample " + r + " point " + j);
            }
        }
    }

    @Test
    void aCandidateOnTopOfAPendingPointAddsNothing() {
        GpModel gp = model();
        BatchPosterior jp = gp.batchPosterior(gp.trainX(), gp.n());
        double[] p = null;
        double alone = -1;
        for (double a = 0.05; a < 1; a += 0.1) {
            for (double b = 0.05; b < 1; b += 0.1) {
                double v = McAcquisitions.qNEI(McContext.of(jp, 1, 512, 1)).evaluate(new double[] {a, b}, null);
                if (v > alone) { alone = v; p = new double[] {a, b}; }
            }
        }
        McContext withPending = new McContext(jp, List.of(), p.clone(), 1, 1, Sampler.qmc(512, 1), McContext.DEFAULT_ETA);
        double duplicate = McAcquisitions.qNEI(withPending).evaluate(new double[] {p[0] + 1e-7, p[1]}, null);
        double far = McAcquisitions.qNEI(withPending).evaluate(new double[] {0.05, 0.95}, null);
        assertTrue(alone > 0);
        assertEquals(alone, duplicate, 0.05 * alone); // different base samples (wider batch)
        assertTrue(far >= duplicate);
    }
}

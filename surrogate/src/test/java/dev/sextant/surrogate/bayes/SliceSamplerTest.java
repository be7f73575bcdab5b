package dev.sextant.surrogate.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.GpOptions;
import dev.sextant.surrogate.gp.Prior;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.linalg.LinearAlgebra;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SliceSamplerTest {

    /** A skewed, bounded 1-d density: moments by the sampler against moments by quadrature. */
    @Test
    void momentsOfABoundedSkewedDensityMatchQuadrature() {
        LogDensity gamma = v -> 2 * Math.log(v[0]) - 1.5 * v[0];   // Gamma(3, 1.5) truncated to [0.1, 4]
        SliceSampler s = new SliceSampler(gamma, new double[] {0.1}, new double[] {4});
        Draws d = s.run(new double[] {1}, new SamplerOptions(100, 20000, 1, 7));
        double[] m = quadrature1(gamma, 0.1, 4);
        assertEquals(m[0], d.mean(0), 0.03);
        assertEquals(m[1], d.variance(0), 0.04);
        for (double v : d.values()) assertTrue(v >= 0.1 && v <= 4);
    }

    private static double[] quadrature1(LogDensity f, double lo, double hi) {
        int k = 20001;
        double h = (hi - lo) / (k - 1), z = 0, m1 = 0, m2 = 0;
        for (int i = 0; i < k; i++) {
            double v = lo + i * h, w = (i == 0 || i == k - 1 ? 0.5 : 1) * Math.exp(f.at(new double[] {v}));
            z += w;
            m1 += w * v;
            m2 += w * v * v;
        }
        double mean = m1 / z;
        return new double[] {mean, m2 / z - mean * mean};
    }

    /**
     * The posterior of a 1-d GP's (log lengthscale, log outputscale) with fixed noise and the mean integrated out:
     * the fully Bayesian GP's draws against a brute-force grid over (log ℓ, log σ², c) of the plain marginal
     * likelihood times the priors (an independent oracle: no integrated likelihood, no sampler) — for a fresh chain
     * from the MAP estimate, and for a chain continued from a state far from the mode with mistuned widths and no
     * warm-up at all (the state and widths change the cost and the first draws, not the stationary distribution).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gpHyperparameterPosteriorMatchesGridQuadrature(boolean continued) {
        int n = 8;
        Random r = new Random(3);
        double[] x = new double[n], y = new double[n], sem = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i + r.nextDouble()) / n;
            y[i] = Math.sin(6 * x[i]) + 0.1 * r.nextGaussian();
            sem[i] = 0.1;
        }
        Prior prior = Prior.defaults();
        GaussianProcess map = GaussianProcess.fit(x, n, 1, y, sem, GpOptions.defaults().withKernel(KernelType.RBF));
        FullyBayesianOptions o = new FullyBayesianOptions(HyperparameterPrior.STANDARD, 200, 0, 6000, 1, 11);
        List<String> names = List.of("log_lengthscale[0]", "log_outputscale");
        double[] p0 = map.hyperparameterVector();
        ChainState from = continued
            ? new ChainState(names, new double[] {p0[0] + 1.5, p0[1] - 1.5}, new double[] {0.05, 4}) : null;
        FullyBayesianFit fit = FullyBayesianGp.sample(map, prior, o, from);
        assertEquals(continued, fit.continued());
        Draws d = fit.draws();
        assertEquals(2, d.dimension());
        assertEquals(names, fit.parameterNames());

        double[] m = gridMoments(x, n, map, prior);
        double ma = m[0], mb = m[1], va = m[2], vb = m[3];
        // the grid's own resolution (0.1 in log units) and the chain's Monte Carlo error (6000 correlated draws)
        assertEquals(ma, d.mean(0), 0.1 * Math.sqrt(va) + 0.02, "posterior mean of log lengthscale");
        assertEquals(mb, d.mean(1), 0.1 * Math.sqrt(vb) + 0.02, "posterior mean of log outputscale");
        assertEquals(1, d.variance(0) / va, 0.2, "posterior variance of log lengthscale");
        assertEquals(1, d.variance(1) / vb, 0.2, "posterior variance of log outputscale");
        // the posterior is not a point: the test would catch a chain stuck at the MAP estimate
        assertTrue(va > 0.01 && vb > 0.01, "posterior spread " + va + ", " + vb);
        // the state to continue from is the last draw, with widths adapted to the draws (about 2 sd)
        assertArrayEquals(d.draw(d.samples() - 1), fit.state().point());
        assertEquals(2 * Math.sqrt(va), fit.state().widths()[0], 0.3 * Math.sqrt(va));
    }

    /** Posterior mean and variance of (log ℓ, log σ²) on a grid: {mean ℓ, mean σ², var ℓ, var σ²}. */
    private static double[] gridMoments(double[] x, int n, GaussianProcess map, Prior prior) {
        double lsLoc = prior.lengthscaleLoc(1) - 3, osLoc = prior.outputscaleLoc() - 1;
        double[] ys = map.standardisedY(), nv = map.noiseVariances();
        int g = 90, gc = 41;
        double a0 = Math.log(0.02), a1 = Math.log(20), b0 = Math.log(0.01), b1 = Math.log(60);
        double[][] lp = new double[g][g];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                double la = a0 + i * (a1 - a0) / (g - 1), lb = b0 + j * (b1 - b0) / (g - 1);
                Kernel k = Kernel.of(KernelType.RBF, 1).withHyperparameters(new double[] {la, lb});
                // integrate c over [-4, 4] (the standardised data's mean is 0, its sd 1) by the trapezoid rule
                double[] v = new double[gc];
                double vm = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < gc; c++) {
                    v[c] = GaussianProcess.withHyperparameters(x, n, 1, ys, k, -4 + 8.0 * c / (gc - 1), nv,
                        LinearAlgebra.cpu()).logMarginalLikelihood();
                    vm = Math.max(vm, v[c]);
                }
                double sum = 0;
                for (int c = 0; c < gc; c++) sum += (c == 0 || c == gc - 1 ? 0.5 : 1) * Math.exp(v[c] - vm);
                lp[i][j] = vm + Math.log(sum) + normal(la, lsLoc, prior.lengthscaleScale())
                    + normal(lb, osLoc, prior.outputscaleScale());
                max = Math.max(max, lp[i][j]);
            }
        }
        double z = 0, ma = 0, mb = 0, va = 0, vb = 0;
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                double w = Math.exp(lp[i][j] - max);
                double la = a0 + i * (a1 - a0) / (g - 1), lb = b0 + j * (b1 - b0) / (g - 1);
                z += w;
                ma += w * la;
                mb += w * lb;
                va += w * la * la;
                vb += w * lb * lb;
            }
        }
        ma /= z;
        mb /= z;
        return new double[] {ma, mb, va / z - ma * ma, vb / z - mb * mb};
    }

    /** Continuing a chain with widths far too small or far too large still samples the same 1-d density. */
    @ParameterizedTest
    @ValueSource(doubles = {0.05, 5})
    void anyInitialWidthKeepsTheStationaryDistribution(double width) {
        LogDensity gamma = v -> 2 * Math.log(v[0]) - 1.5 * v[0];
        SliceSampler s = new SliceSampler(gamma, new double[] {0.1}, new double[] {4});
        Draws d = s.run(new double[] {3.9}, new double[] {width}, new SamplerOptions(0, 20000, 1, 5));
        double[] m = quadrature1(gamma, 0.1, 4);
        assertEquals(m[0], d.mean(0), 0.03);
        assertEquals(m[1], d.variance(0), 0.04);
    }

    /**
     * A continued chain: the same parameters start from the given state with fb_rewarmup sweeps (fewer density
     * evaluations than a fresh chain's warm-up); other parameter names, or a state with zero density, start fresh.
     */
    @Test
    void aChainContinuesOnlyFromACompatibleState() {
        GaussianProcess map = smallMapFit();
        FullyBayesianOptions o = new FullyBayesianOptions(HyperparameterPrior.AUTO, 16, 2, 8, 2, 42);
        FullyBayesianFit fresh = FullyBayesianGp.sample(map, Prior.defaults(), o);
        assertFalse(fresh.continued());
        FullyBayesianFit next = FullyBayesianGp.sample(map, Prior.defaults(), o, fresh.state());
        assertTrue(next.continued());
        assertTrue(next.draws().evaluations() < fresh.draws().evaluations(),
            next.draws().evaluations() + " evaluations continued, " + fresh.draws().evaluations() + " fresh");
        assertEquals(fresh.parameterNames(), next.state().parameterNames());
        ChainState other = new ChainState(List.of("a", "b"), new double[] {0, 0}, new double[] {1, 1});
        assertFalse(FullyBayesianGp.sample(map, Prior.defaults(), o, other).continued());
        // the same seed and state give the same draws (determinism of a continued chain)
        assertArrayEquals(next.draws().values(),
            FullyBayesianGp.sample(map, Prior.defaults(), o, fresh.state()).draws().values());
    }

    /** A MAP-fitted RBF GP on 15 random points in 3 dimensions of cos(4 x₀) + x₁ (seed 9). */
    private static GaussianProcess smallMapFit() {
        int n = 15, d = 3;
        Random r = new Random(9);
        double[] x = new double[n * d], y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < d; m++) x[i * d + m] = r.nextDouble();
            y[i] = Math.cos(4 * x[i * d]) + x[i * d + 1];
        }
        return GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withKernel(KernelType.RBF));
    }

    private static double normal(double p, double loc, double scale) {
        double zz = (p - loc) / scale;
        return -0.5 * zz * zz - Math.log(scale);
    }

    @Test
    void sameSeedSameDrawsOtherSeedOtherDraws() {
        GaussianProcess map = smallMapFit();
        FullyBayesianOptions o = new FullyBayesianOptions(HyperparameterPrior.AUTO, 10, 8, 2, 42);
        FullyBayesianFit a = FullyBayesianGp.sample(map, Prior.defaults(), o);
        FullyBayesianFit b = FullyBayesianGp.sample(map, Prior.defaults(), o);
        FullyBayesianFit c = FullyBayesianGp.sample(map, Prior.defaults(), o.withSeed(43));
        assertArrayEquals(a.draws().values(), b.draws().values());
        assertEquals(a.members().get(3).meanConstant(), b.members().get(3).meanConstant());
        assertFalse(Arrays.equals(a.draws().values(), c.draws().values()));
        assertEquals(8, a.size());
        assertEquals(map.dimension() + 2, a.draws().dimension());   // lengthscales, outputscale, noise; no τ below 8 inputs
        assertFalse(a.saas());
    }

    @Test
    void rejectsBadStartsAndOptions() {
        SliceSampler s = new SliceSampler(v -> -v[0] * v[0], new double[] {-1}, new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> s.run(new double[] {2}, new SamplerOptions(1, 1, 1, 0)));
        assertThrows(IllegalArgumentException.class, () -> new SamplerOptions(-1, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplerOptions(1, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplerOptions(1, 1, 0, 0));
        SliceSampler zero = new SliceSampler(v -> Double.NEGATIVE_INFINITY, new double[] {-1}, new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> zero.run(new double[] {0}, new SamplerOptions(1, 1, 1, 0)));
    }
}

package dev.sextant.experiments.steering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SteeringProblemTest {
    private final SteeringProblem problem = SteeringProblem.standard(2);

    /** Divergence of exact target samples (the floor set by the sample size), averaged over a few seeds. */
    private double exactFloor(double beta, int n) {
        double s = 0;
        for (int seed = 0; seed < 4; seed++) {
            s += problem.metrics(problem.target(beta).sample(n, new Random(100 + seed)), beta).divergence();
        }
        return s / 4;
    }

    private double divergence(SamplerConfig c) {
        double s = 0;
        for (int seed = 0; seed < 4; seed++) {
            s += problem.evaluate(c, seed).divergence();
        }
        return s / 4;
    }

    @Test
    void scoreMatchesFiniteDifferencesOfLogDensity() {
        GaussianMixture g = problem.prior().noised(0.7, 0.51);
        double[] x = {0.3, -0.8};
        double[] s = new double[2];
        g.score(x, s, new double[g.components()]);
        for (int j = 0; j < 2; j++) {
            double[] p = x.clone();
            double[] m = x.clone();
            p[j] += 1e-5;
            m[j] -= 1e-5;
            assertEquals((g.logDensity(p) - g.logDensity(m)) / 2e-5, s[j], 1e-6);
        }
    }

    @Test
    void tiltedMixtureIsProportionalToPriorTimesRewardPower() {
        double beta = 2.5;
        GaussianMixture t = problem.target(beta);
        double[][] xs = {{0, 0}, {1, -1}, {-1.2, 0.4}, {2, 0.5}};
        double ref = t.logDensity(xs[0]) - (problem.prior().logDensity(xs[0]) + beta * Math.log(problem.reward(xs[0], 0)));
        for (double[] x : xs) {
            double v = t.logDensity(x) - (problem.prior().logDensity(x) + beta * Math.log(problem.reward(x, 0)));
            assertEquals(ref, v, 1e-9);
        }
    }

    @Test
    void noGuidanceAndBetaZeroReproducesThePrior() {
        SamplerConfig c = new SamplerConfig(0, 0, 200, 0, 1, 0, SamplerKind.DDIM, GuidanceMode.EXACT, 400);
        double floor = exactFloor(0, 400);
        double div = divergence(c);
        assertTrue(div < 1.5 * floor + 0.02, "DDIM without guidance, beta=0: divergence " + div + " vs floor " + floor);
        // a stochastic sampler too
        double divDdpm = divergence(new SamplerConfig(0, 0, 200, 1, 1, 0, SamplerKind.DDPM, GuidanceMode.EXACT, 400));
        assertTrue(divDdpm < 1.5 * floor + 0.02, "DDPM: " + divDdpm + " vs floor " + floor);
        // and far from a strongly tilted target
        double wrong = problem.metrics(problem.sample(c, 0), 5.0).divergence();
        assertTrue(wrong > 5 * floor, "prior samples vs tilted target " + wrong);
    }

    @Test
    void exactTargetIsApproachedWithManySteps() {
        double beta = 3;
        double floor = exactFloor(beta, 400);
        double few = divergence(new SamplerConfig(1, beta, 3, 0, 1, 0, SamplerKind.DDIM, GuidanceMode.EXACT, 400));
        double many = divergence(new SamplerConfig(1, beta, 300, 0, 1, 0, SamplerKind.DDIM, GuidanceMode.EXACT, 400));
        double manyEuler = divergence(new SamplerConfig(1, beta, 300, 1, 1, 0, SamplerKind.EULER, GuidanceMode.EXACT, 400));
        assertTrue(many < 1.5 * floor + 0.02, "300 DDIM steps: " + many + " vs floor " + floor);
        assertTrue(manyEuler < 1.5 * floor + 0.03, "300 Euler-Maruyama steps: " + manyEuler + " vs floor " + floor);
        assertTrue(few > many + 0.02, "3 steps " + few + " should be worse than 300 steps " + many);
    }

    @Test
    void guidanceRaisesRewardAndLowersDiversity() {
        SteeringMetrics none = problem.evaluate(new SamplerConfig(0, 0, 50, 0, 1, 0, SamplerKind.DDIM, GuidanceMode.EXACT, 300), 1);
        SteeringMetrics strong = problem.evaluate(new SamplerConfig(1, 8, 50, 0, 1, 0, SamplerKind.DDIM, GuidanceMode.EXACT, 300), 1);
        SteeringMetrics dps = problem.evaluate(new SamplerConfig(1, 8, 50, 0, 1, 0, SamplerKind.DDIM, GuidanceMode.TWEEDIE, 300), 1);
        assertTrue(strong.reward() > none.reward() + 0.2, strong + " vs " + none);
        assertTrue(strong.diversity() < none.diversity(), strong + " vs " + none);
        assertTrue(dps.reward() > none.reward() + 0.1, "tweedie guidance also steers: " + dps);
        // the reward of exact target samples matches the exactly-guided sampler
        double exact = problem.metrics(problem.target(8).sample(300, new Random(5)), 8).reward();
        assertEquals(exact, strong.reward(), 6 * strong.rewardSem() + 0.02);
    }

    @Test
    void baseDivergenceGrowsWithTheRewardBought() {
        // the base model's own samples are close to it (the sample-size floor); steered samples pay for their reward
        SteeringMetrics base = problem.metrics(problem.prior().sample(300, new Random(3)), 8);
        SteeringMetrics none = problem.evaluate(new SamplerConfig(0, 0, 50, 0, 1, 0, SamplerKind.DDIM, GuidanceMode.EXACT, 300), 1);
        SteeringMetrics mild = problem.evaluate(new SamplerConfig(1, 1, 50, 0, 1, 0, SamplerKind.DDIM, GuidanceMode.EXACT, 300), 1);
        SteeringMetrics strong = problem.evaluate(new SamplerConfig(1, 8, 50, 0, 1, 0, SamplerKind.DDIM, GuidanceMode.EXACT, 300), 1);
        assertTrue(base.baseDivergence() < 0.1, "prior samples against the prior: " + base);
        assertTrue(none.baseDivergence() < 0.1, "no guidance: " + none);
        assertTrue(mild.reward() > none.reward() && mild.baseDivergence() > none.baseDivergence() + 0.05, mild + " vs " + none);
        assertTrue(strong.reward() > mild.reward() && strong.baseDivergence() > mild.baseDivergence() + 0.05, strong + " vs " + mild);
        // and it is the divergence to the target with β = 0 (the target is then the prior)
        double[] x = problem.sample(new SamplerConfig(1, 8, 50, 0, 1, 0, SamplerKind.DDIM, GuidanceMode.EXACT, 200), 2);
        assertEquals(problem.metrics(x, 0).divergence(), problem.metrics(x, 8).baseDivergence(), 1e-12);
        assertEquals(SteeringMetrics.NAMES, java.util.List.copyOf(strong.asObservations().keySet()));
    }

    /**
     * Every standard error is close to the standard deviation of its estimate over independent sample sets (exact
     * tilted-target samples of n = 200, 60 repeats; MMDs measured against the base model, where they are well away
     * from 0, and against the target itself, where the floor rule applies and the SE must still not understate).
     */
    @Test
    void standardErrorsMatchTheSpreadOverRepeats() {
        int reps = 60;
        int n = 200;
        double beta = 4;
        String[] names = {"reward", "base_divergence", "diversity", "divergence"};
        double[][] values = new double[names.length][reps];
        double[][] sems = new double[names.length][reps];
        for (int r = 0; r < reps; r++) {
            Map<String, double[]> obs = problem.metrics(problem.target(beta).sample(n, new Random(1000 + r)), beta).asObservations();
            for (int k = 0; k < names.length; k++) {
                values[k][r] = obs.get(names[k])[0];
                sems[k][r] = obs.get(names[k])[1];
            }
        }
        for (int k = 0; k < names.length; k++) {
            double m = java.util.Arrays.stream(values[k]).average().orElseThrow();
            double sd = Math.sqrt(java.util.Arrays.stream(values[k]).map(v -> (v - m) * (v - m)).sum() / (reps - 1));
            double se = java.util.Arrays.stream(sems[k]).average().orElseThrow();
            String what = names[k] + ": mean SE " + se + ", SD over repeats " + sd;
            assertTrue(se > 0, what);
            if (names[k].equals("divergence")) {
                assertTrue(se > 0.5 * sd, what);   // near 0 the floored delta method is conservative, never far below
            } else {
                assertTrue(se > 0.6 * sd && se < 1.6 * sd, what);
            }
        }
    }

    @Test
    void seededAndParsedFromParameters() {
        SamplerConfig c = SamplerConfig.fromParameters(Map.of("guidance_scale", 2.0, "beta", 1.5, "steps", 20L,
                "sampler", "ddpm", "eta", 0.3));
        assertEquals(SamplerKind.DDPM, c.sampler());
        assertEquals(20, c.steps());
        assertArrayEquals(problem.sample(c, 9), problem.sample(c, 9));
        assertThrows(IllegalArgumentException.class, () -> SamplerConfig.fromParameters(Map.of("lr", 0.1)));
        assertThrows(IllegalArgumentException.class, () -> SamplerConfig.fromParameters(Map.of("eta", 2.0)));
        assertThrows(IllegalArgumentException.class, () -> SamplerConfig.fromParameters(Map.of("sampler", "heun")));
    }
}

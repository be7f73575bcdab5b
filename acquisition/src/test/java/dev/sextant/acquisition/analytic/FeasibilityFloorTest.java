package dev.sextant.acquisition.analytic;

import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.acquisition.TestModels;
import dev.sextant.acquisition.mc.ConstraintModel;
import dev.sextant.acquisition.mc.GradientCheckTest;
import dev.sextant.acquisition.mc.McAcquisitions;
import dev.sextant.acquisition.mc.McContext;
import dev.sextant.acquisition.optim.AcquisitionOptimizer;
import dev.sextant.acquisition.optim.OptimizerOptions;
import dev.sextant.acquisition.sampling.Sampler;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.model.GpModel;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The floor on predicted feasibility: its value and gradient, and what it changes in the proposals. */
class FeasibilityFloorTest {
    static GpModel model(long seed, KernelType type, double noise) {
        return GradientCheckTest.model(seed, Kernel.of(type, new double[] {0.3, 0.5, 0.8}, 1.5), noise);
    }

    @Test
    void logFeasibilityIsTheProductOfTheConstraintsNormalProbabilitiesOfTheObservedValue() {
        GpModel a = model(2, KernelType.RBF, 0.01);
        GpModel b = model(3, KernelType.MATERN52, 0.01);
        double[] x = GradientCheckTest.point(1, 7);
        var ca = new FeasibilityFloor.Constraint(a, 0.5, true, 0.04);
        var cb = new FeasibilityFloor.Constraint(b, -0.3, false, 0.0);
        FeasibilityFloor f = new FeasibilityFloor(AnalyticAcquisition.UCB.of(a, 1), List.of(ca, cb), 0.5);
        double[] m = new double[1], v = new double[1];
        a.predict(x, 1, m, v);
        double pa = new NormalDistribution(m[0], Math.sqrt(v[0] + 0.04)).cumulativeProbability(0.5);
        b.predict(x, 1, m, v);
        double pb = 1 - new NormalDistribution(m[0], Math.sqrt(v[0])).cumulativeProbability(-0.3);
        assertEquals(Math.log(pa * pb), f.logFeasibility(x, null), 1e-9);
    }

    /**
     * The LOO variance scale against its definition: each point held out, the GP (same hyperparameters) rebuilt on
     * the others, its standardised residual computed; the scale is the mean squared residual (floored at 1). Data
     * scaled by 3 with the hyperparameters kept scale it by 9.
     */
    @Test
    void looVarianceScaleIsTheMeanSquaredHeldOutResidual() {
        int n = 20;
        int d = 2;
        SplittableRandom r = new SplittableRandom(4);
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i * d] = r.nextDouble();
            x[i * d + 1] = r.nextDouble();
            y[i] = 3 * Math.sin(6 * x[i * d]) + x[i * d + 1] + 0.1 * r.nextGaussian();
        }
        double[] ls = {0.4, 0.6};
        double noise = 0.02;
        GpModel m = TestModels.gp(KernelType.MATERN52, x, n, d, y, ls, 1.0, noise, 0.3);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double[] xo = new double[(n - 1) * d];
            double[] yo = new double[n - 1];
            for (int j = 0, k = 0; j < n; j++) {
                if (j == i) continue;
                System.arraycopy(x, j * d, xo, k * d, d);
                yo[k++] = y[j];
            }
            GpModel held = TestModels.gp(KernelType.MATERN52, xo, n - 1, d, yo, ls, 1.0, noise, 0.3);
            double[] mean = new double[1], var = new double[1];
            held.predict(new double[] {x[i * d], x[i * d + 1]}, 1, mean, var);
            double z = (y[i] - mean[0]) / Math.sqrt(var[0] + noise);
            sum += z * z;
        }
        double expected = sum / n;
        assertTrue(expected > 1, "the outputscale 1 is too small for this data: " + expected);
        assertEquals(expected, FeasibilityFloor.looVarianceScale(m), 1e-8 * expected);
        double[] y3 = y.clone();
        for (int i = 0; i < n; i++) y3[i] = 0.3 + 3 * (y[i] - 0.3);
        GpModel m3 = TestModels.gp(KernelType.MATERN52, x, n, d, y3, ls, 1.0, noise, 0.3);
        assertEquals(9 * expected, FeasibilityFloor.looVarianceScale(m3), 1e-8 * expected);
        // a model that explains its data with room to spare is left as fitted
        GpModel wide = TestModels.gp(KernelType.MATERN52, x, n, d, y, ls, 1e4, noise, 0.3);
        assertEquals(1.0, FeasibilityFloor.looVarianceScale(wide), 0.0);
    }

    @Test
    void gradientsMatchCentralDifferencesBelowAndAboveTheFloor() {
        GpModel obj = model(1, KernelType.MATERN52, 0.01);
        GpModel con = model(4, KernelType.RBF, 0.01);
        for (double bound : new double[] {-1.0, 0.0, 1.0, 3.0}) {
            var c = new FeasibilityFloor.Constraint(con, bound, true, 0.02, 2.5);
            var c2 = new FeasibilityFloor.Constraint(obj, bound - 0.5, false, 0.0);
            AcquisitionFunction f = new FeasibilityFloor(AnalyticAcquisition.LOG_EI.of(obj, 2.5), List.of(c, c2), 0.8);
            for (long seed = 0; seed < 4; seed++) {
                GradientCheckTest.check(f, GradientCheckTest.point(1, seed), "bound " + bound + " seed " + seed);
            }
        }
    }

    @Test
    void aboveTheFloorTheAcquisitionIsUnchanged() {
        GpModel obj = model(1, KernelType.RBF, 0.01);
        var c = new FeasibilityFloor.Constraint(obj, 1e6, true, 0.0);   // met with certainty
        AcquisitionFunction inner = AnalyticAcquisition.LOG_EI.of(obj, 2.5);
        AcquisitionFunction f = new FeasibilityFloor(inner, List.of(c), 0.9);
        double[] x = GradientCheckTest.point(1, 3);
        double[] g = new double[x.length], gi = new double[x.length];
        assertEquals(inner.evaluate(x, gi), f.evaluate(x, g), 0.0);
        for (int i = 0; i < x.length; i++) assertEquals(gi[i], g[i], 0.0);
        assertThrows(IllegalArgumentException.class, () -> new FeasibilityFloor(inner, List.of(c), 1.0));
        assertThrows(IllegalArgumentException.class, () -> new FeasibilityFloor(inner, List.of(), 0.5));
    }

    /**
     * Reward and feasibility pull apart: the objective grows with x0 + x1, the constraint metric is x0 + x1 (≤ 0.6);
     * the observations lie at x0 + x1 ≥ 0.9 (infeasible), plus {@code feasible} points near the origin. Returns the
     * predicted feasibility of the proposals of constrained qLogNEI without and with a floor of 0.8, and the largest
     * predicted feasibility on a grid.
     */
    static double[] proposals(int feasible) {
        int d = 2;
        int n = 14 + feasible;
        SplittableRandom r = new SplittableRandom(11);
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            double u;
            double v;
            do {
                u = r.nextDouble();
                v = r.nextDouble();
            } while (i < 14 ? u + v < 0.9 : u + v > 0.3);
            x[i * d] = u;
            x[i * d + 1] = v;
            y[i] = 2 * (u + v) - 2;
            c[i] = u + v - 1.2;
        }
        double[] ls = {0.7, 0.7};
        GpModel objective = TestModels.gp(KernelType.RBF, x, n, d, y, ls, 1.0, 1e-4, 0.0);
        GpModel constraint = TestModels.gp(KernelType.RBF, x, n, d, c, new double[] {0.3, 0.3}, 1.0, 0.01, 0.0);
        double bound = 0.85 - 1.2;
        McContext ctx = new McContext(objective.batchPosterior(x, n),
                List.of(new ConstraintModel(constraint.batchPosterior(x, n), bound, true)), null, 0, 1,
                Sampler.qmc(256, 5), McContext.DEFAULT_ETA);
        AcquisitionFunction plain = McAcquisitions.qLogNEI(ctx);
        var fc = new FeasibilityFloor.Constraint(constraint, bound, true, 0.01);
        FeasibilityFloor floored = new FeasibilityFloor(plain, List.of(fc), 0.8);
        OptimizerOptions o = OptimizerOptions.defaults(3).withRawSamples(512).withRestarts(6).withThreads(1);
        double[] xPlain = AcquisitionOptimizer.maximize(plain, null, null, null, null, o).x();
        double[] xFloor = AcquisitionOptimizer.maximize(floored, null, null, null, null, o).x();
        double best = 0;
        for (int i = 0; i <= 50; i++) {
            for (int j = 0; j <= 50; j++) {
                best = Math.max(best, Math.exp(floored.logFeasibility(new double[] {i / 50.0, j / 50.0}, null)));
            }
        }
        return new double[] {Math.exp(floored.logFeasibility(xPlain, null)),
            Math.exp(floored.logFeasibility(xFloor, null)), best};
    }

    @Test
    void whereRewardAndFeasibilityPullApartTheFloorKeepsProposalsLikelyFeasible() {
        double[] p = proposals(2);
        System.out.printf("two feasible observations: predicted feasibility of the proposal: qLogNEI %.3f, "
                + "with a floor of 0.8 %.3f (largest on a grid %.3f)%n", p[0], p[1], p[2]);
        assertTrue(p[0] < 0.6, "qLogNEI gambles on feasibility: " + p[0]);
        assertTrue(p[1] >= 0.78, "the floored choice meets the floor: " + p[1]);
    }

    @Test
    void withNoFeasibleObservationTheFloorMaximisesTheProbabilityOfFeasibility() {
        double[] p = proposals(0);
        System.out.printf("no feasible observation: predicted feasibility of the proposal: qLogNEI %.3f, "
                + "with a floor of 0.8 %.3f (largest on a grid %.3f)%n", p[0], p[1], p[2]);
        assertTrue(p[2] < 0.8, "the floor cannot be met here: " + p[2]);
        assertTrue(p[0] < 0.5 * p[2], "qLogNEI gambles on feasibility: " + p[0] + " vs at most " + p[2]);
        assertTrue(p[1] >= 0.75 * p[2] && p[1] >= 2 * p[0], "the floored choice is nearly the most likely feasible "
                + "point: " + p[1] + " vs " + p[2] + " at most and " + p[0] + " for qLogNEI");
    }
}

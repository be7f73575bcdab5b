package dev.sextant.acquisition.lookahead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.model.GpModel;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Trees whose stages hold batches of q > 1 points (LookaheadOptions.batchSizes). */
class BatchTreeTest {

    private static int[] ints(String s) {
        return s.isBlank() ? new int[0] : Arrays.stream(s.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    @ParameterizedTest
    @CsvSource({
        // kernel, value, fantasies, batch sizes, quadrature
        "RBF, LOG_EXPECTED_IMPROVEMENT, '', '2', 3",
        "MATERN52, LOG_EXPECTED_IMPROVEMENT, '', '3', 2",
        "MATERN52, LOG_EXPECTED_IMPROVEMENT, '3', '2 1', 3",
        "RBF, LOG_EXPECTED_IMPROVEMENT, '3', '1 2', 2",
        "MATERN52, LOG_EXPECTED_IMPROVEMENT, '2 2', '1 2 1', 2",
        "MATERN52, LOG_EXPECTED_IMPROVEMENT, '2 2', '2 1 2', 2",
        "MATERN52, POSTERIOR_MEAN, '4', '2 1', 3",
        "RBF, POSTERIOR_MEAN, '2 2', '1 3 1', 2",
    })
    void batchTreeGradientMatchesCentralDifferences(KernelType kind, LeafValue value, String m, String q, int g) {
        int d = 3;
        GpModel model = TreeGradientTest.randomModel(kind, 7, d, 1e-3, 17 + m.length() + 5L * q.length());
        LookaheadOptions o = new LookaheadOptions(ints(m), value, 1, 1, 1, 1, ints(q), g);
        MultiStepLookahead la = new MultiStepLookahead(model, o);
        int points = 0;
        int stageNodes = 1;
        for (int t = 0; t < ints(q).length; t++) {
            if (t > 0) {
                stageNodes *= ints(m)[t - 1] * (int) Math.pow(g, ints(q)[t - 1] - 1);
            }
            points += stageNodes * ints(q)[t];
        }
        assertEquals(points, la.nodes(), "compact points: one decision per batch point per stage node");
        assertTrue(la.virtualNodes() > la.nodes(), "batch points are repeated under the quadrature nodes");
        double[] grad =
                TreeGradientTest.assertGradientMatchesCentralDifferences(la, TreeGradientTest.randomTree(la, 5), d);
        double root = 0;
        for (int i = 0; i < d * ints(q)[0]; i++) {
            root += Math.abs(grad[i]);
        }
        assertTrue(root > 0, "the root batch's gradient includes its descendants' dependence on it");
    }

    @Test
    void zeroStepBatchValueIsTheJointExpectedImprovement() {
        GpModel model = TreeGradientTest.randomModel(KernelType.RBF, 6, 2, 1e-6, 21);
        // a: the best EI on a grid; b: a point with a comparable EI about 0.15 away (correlated with a), so that the
        // joint value differs clearly from both EI(a) + EI(b) and max(EI(a), EI(b))
        double best0 = model.bestPosteriorMean();
        double[] grid = new double[41 * 41 * 2];
        for (int i = 0; i < 41 * 41; i++) {
            grid[2 * i] = (i / 41) / 40.0;
            grid[2 * i + 1] = (i % 41) / 40.0;
        }
        double[] gm = model.posteriorMean(grid, 41 * 41);
        double[] gv = model.posteriorVariance(grid, 41 * 41);
        double[] gei = new double[41 * 41];
        int ia = 0;
        for (int i = 0; i < gei.length; i++) {
            gei[i] = FantasyConditioningTest.ei(gm[i], Math.sqrt(gv[i]), best0);
            if (gei[i] > gei[ia]) {
                ia = i;
            }
        }
        int ib = -1;
        for (int i = 0; i < gei.length; i++) {
            double dist = Math.hypot(grid[2 * i] - grid[2 * ia], grid[2 * i + 1] - grid[2 * ia + 1]);
            if (gei[i] > 0.4 * gei[ia] && Math.abs(dist - 0.15) < 0.03) {
                ib = i;
            }
        }
        assertTrue(ib >= 0, "test setup: a second point of comparable EI");
        double[] a = {grid[2 * ia], grid[2 * ia + 1]};
        double[] b = {grid[2 * ib], grid[2 * ib + 1]};
        double[] pair = {a[0], a[1], b[0], b[1]};
        MultiStepLookahead batch = new MultiStepLookahead(model,
                new LookaheadOptions(new int[0], LeafValue.EXPECTED_IMPROVEMENT, 1, 1, 1, 1, new int[] {2}, 64));
        assertEquals(2, batch.proposals());
        double value = batch.value(pair);
        // reference: Monte Carlo qEI = E[max(f_a, f_b, best) − best] under the exact joint posterior
        double best = model.bestPosteriorMean();
        double ma = model.posteriorMean(a, 1)[0];
        double mb = model.posteriorMean(b, 1)[0];
        double va = model.posteriorVariance(a, 1)[0];
        double vb = model.posteriorVariance(b, 1)[0];
        // Cov(a, b) from conditioning on an observation at a: μ_b|y = μ_b + c/(v_a + σ²)(y − μ_a)
        GpModel cond = model.condition(a, 1, new double[] {ma + 1});
        double cov = (cond.posteriorMean(b, 1)[0] - mb) * (va + model.fantasyNoise());
        double l11 = Math.sqrt(va);
        double l21 = cov / l11;
        double l22 = Math.sqrt(Math.max(vb - l21 * l21, 0));
        SplittableRandom rng = new SplittableRandom(1);
        int samples = 400_000;
        double sum = 0;
        for (int s = 0; s < samples; s++) {
            double z1 = gaussian(rng);
            double z2 = gaussian(rng);
            double fa = ma + l11 * z1;
            double fb = mb + l21 * z1 + l22 * z2;
            sum += Math.max(0, Math.max(fa, fb) - best);
        }
        double qei = sum / samples;
        double eiA = FantasyConditioningTest.ei(ma, l11, best);
        double eiB = FantasyConditioningTest.ei(mb, Math.sqrt(vb), best);
        assertTrue(qei > Math.max(eiA, eiB) * 1.01 && qei < (eiA + eiB) * 0.99,
                "test setup: a joint value that differs from both EI(a) + EI(b) and max: " + qei + " " + eiA + " " + eiB);
        assertEquals(qei, value, 0.01 * qei, "quadrature qEI against Monte Carlo");
        // a batch of two copies of one point is worth that point's EI, up to what the second (noisy) observation
        // can add: at most φ(0)·σₙ
        MultiStepLookahead single = new MultiStepLookahead(model,
                new LookaheadOptions(new int[0], LeafValue.EXPECTED_IMPROVEMENT, 1, 1, 1, 1));
        double twice = batch.value(new double[] {a[0], a[1], a[0], a[1]});
        assertTrue(twice >= single.value(a) && twice <= single.value(a) + 0.4 * Math.sqrt(model.fantasyNoise()),
                twice + " vs EI " + single.value(a));
    }

    @Test
    void batchOfOnesIsTheOrdinaryTreeAndShapesAreValidated() {
        GpModel model = TreeGradientTest.randomModel(KernelType.MATERN52, 6, 2, 1e-4, 2);
        MultiStepLookahead plain = new MultiStepLookahead(model, LookaheadOptions.steps(1, 3, 2));
        MultiStepLookahead ones = new MultiStepLookahead(model,
                LookaheadOptions.steps(1, 3, 2).withShape(new int[] {3, 2}, new int[] {1, 1, 1}));
        double[] tree = TreeGradientTest.randomTree(plain, 4);
        assertEquals(plain.value(tree), ones.value(tree), 0);
        assertEquals(plain.nodes(), ones.nodes());
        assertThrows(IllegalArgumentException.class,
                () -> LookaheadOptions.steps(1, 3, 2).withShape(new int[] {3, 2}, new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> LookaheadOptions.knowledgeGradient(4, 1).withShape(new int[] {4}, new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> LookaheadOptions.steps(1, 8, 8, 8).withShape(new int[] {8, 8, 8}, new int[] {1, 8, 8, 8}));
    }

    @Test
    void optimisedBatchTreeProposesDistinctPointsAndBeatsItsStarts() {
        GpModel model = TreeGradientTest.randomModel(KernelType.RBF, 8, 2, 1e-4, 6);
        LookaheadOptions o = LookaheadOptions.steps(3, 4).withShape(new int[] {4}, new int[] {2, 2})
                .withRestarts(2, 16, 100);
        MultiStepLookahead la = new MultiStepLookahead(model, o);
        LookaheadResult r = la.optimize(null);
        double[] p = r.proposal();
        assertEquals(4, p.length);
        double dist = Math.hypot(p[0] - p[2], p[1] - p[3]);
        assertTrue(dist > 1e-3, "the two root points of an optimised batch differ: " + Arrays.toString(p));
        assertEquals(r.value(), la.value(r.tree()), 1e-9 * Math.abs(r.value()));
        assertTrue(r.value() >= la.value(TreeGradientTest.randomTree(la, 8)));
        assertArrayEquals(Arrays.copyOf(r.tree(), 4), p);
    }

    @Test
    void horizonCutsStagesToTheTrialsLeft() {
        LookaheadOptions o = LookaheadOptions.steps(1, 8, 4).withShape(new int[] {8, 4}, new int[] {2, 2, 2});
        // the root batch holds at most the candidates asked for; later stages at most the trials left after it
        assertArrayEquals(new int[] {2, 2, 2}, LookaheadGenerator.horizon(o, 20, 4, 2).batchSizes());
        assertArrayEquals(new int[] {1, 2, 2}, LookaheadGenerator.horizon(o, 20, 4, 1).batchSizes());
        assertArrayEquals(new int[] {2, 2, 1}, LookaheadGenerator.horizon(o, 9, 4, 2).batchSizes());
        LookaheadOptions cut = LookaheadGenerator.horizon(o, 7, 4, 2);
        assertArrayEquals(new int[] {2, 1}, cut.batchSizes());
        assertArrayEquals(new int[] {8}, cut.fantasies());
        LookaheadOptions last = LookaheadGenerator.horizon(o, 6, 4, 2);
        assertArrayEquals(new int[] {2}, last.batchSizes());
        assertEquals(LeafValue.LOG_EXPECTED_IMPROVEMENT, last.value());
        assertEquals(o, LookaheadGenerator.horizon(o, 0, 4, 2), "no budget: no cut");
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}

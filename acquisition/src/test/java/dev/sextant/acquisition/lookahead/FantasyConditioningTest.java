package dev.sextant.acquisition.lookahead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.model.GpModel;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/** The tree's Cholesky-row conditioning against refitting the GP from scratch on each path's fantasies. */
class FantasyConditioningTest {

    private static double[] randomTree(MultiStepLookahead la, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] tree = new double[la.variables()];
        for (int i = 0; i < tree.length; i++) {
            tree[i] = rng.nextDouble();
        }
        return tree;
    }

    static double ei(double mu, double sd, double best) {
        double z = (mu - best) / sd;
        double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        double cdf = 0.5 * Erf.erfc(-z / Math.sqrt(2));
        return sd * (pdf + z * cdf);
    }

    /** Refits along every path: returns {mean, sd, incumbent} per node by brute force. */
    private static double[][] refitNodes(GpModel model, MultiStepLookahead la, double[] tree) {
        int d = model.dimension();
        int nodes = la.nodes();
        GpModel[] conditioned = new GpModel[nodes];
        double[][] out = new double[nodes][3];
        double[] yPred = new double[nodes]; // predictive draw at the node for its children is per child
        for (int node = 0; node < nodes; node++) {
            GpModel m;
            double best;
            if (node == 0) {
                m = model;
                best = model.bestPosteriorMean();
            } else {
                int p = la.parentOf(node);
                double[] xp = java.util.Arrays.copyOfRange(tree, p * d, p * d + d);
                GpModel mp = conditioned[p];
                double mean = mp.posteriorMean(xp, 1)[0];
                double var = mp.posteriorVariance(xp, 1)[0] + model.fantasyNoise();
                double y = mean + Math.sqrt(var) * la.fantasyBaseSample(node);
                m = mp.condition(xp, 1, new double[] {y});
                best = Math.max(out[p][2], y);
            }
            conditioned[node] = m;
            double[] xa = java.util.Arrays.copyOfRange(tree, node * d, node * d + d);
            out[node][0] = m.posteriorMean(xa, 1)[0];
            out[node][1] = Math.sqrt(m.posteriorVariance(xa, 1)[0]);
            out[node][2] = best;
        }
        return out;
    }

    @Test
    void oneStepPosteriorMeanTreeEqualsKnowledgeGradientByRefit() {
        GpModel model = TreeGradientTest.randomModel(KernelType.MATERN52, 8, 2, 1e-4, 3);
        int m = 6;
        MultiStepLookahead la = new MultiStepLookahead(model, LookaheadOptions.knowledgeGradient(m, 1));
        double[] tree = randomTree(la, 9);
        double[][] ref = refitNodes(model, la, tree);
        double kg = 0;
        for (int node = 1; node <= m; node++) {
            kg += ref[node][0] / m;
        }
        kg -= model.bestPosteriorMean();
        assertEquals(kg, la.value(tree), 1e-9);
        assertEquals(kg, KnowledgeGradient.value(model, tree, m), 1e-9);
    }

    @Test
    void treeNodesMatchRefitModelsAndValueIsExpectedCumulativeImprovement() {
        GpModel model = TreeGradientTest.randomModel(KernelType.RBF, 6, 2, 1e-3, 4);
        int[] fantasies = {3, 2, 2};
        MultiStepLookahead la = new MultiStepLookahead(model,
                new LookaheadOptions(fantasies, LeafValue.EXPECTED_IMPROVEMENT, 1, 1, 1, 1));
        double[] tree = randomTree(la, 10);
        double[][] ref = refitNodes(model, la, tree);
        double total = 0;
        for (int node = 0; node < la.nodes(); node++) {
            double w = 1;
            for (int t = 0; t < la.depthOf(node); t++) {
                w /= fantasies[t];
            }
            total += w * ei(ref[node][0], ref[node][1], ref[node][2]);
        }
        assertEquals(total, la.value(tree), 1e-8 * (1 + total));
        MultiStepLookahead logLa = new MultiStepLookahead(model,
                new LookaheadOptions(fantasies, LeafValue.LOG_EXPECTED_IMPROVEMENT, 1, 1, 1, 1));
        assertEquals(Math.log(total), logLa.value(tree), 1e-8);
    }

    @Test
    void zeroStepTreeIsAnalyticExpectedImprovementWithGradient() {
        GpModel model = TreeGradientTest.randomModel(KernelType.MATERN52, 7, 3, 1e-4, 8);
        MultiStepLookahead la = new MultiStepLookahead(model,
                new LookaheadOptions(new int[0], LeafValue.EXPECTED_IMPROVEMENT, 1, 1, 1, 1));
        assertEquals(1, la.nodes());
        double[] x = {0.3, 0.7, 0.1};
        double mu = model.posteriorMean(x, 1)[0];
        double sd = Math.sqrt(model.posteriorVariance(x, 1)[0]);
        assertEquals(ei(mu, sd, model.bestPosteriorMean()), la.value(x), 1e-10);
        double[] g = new double[3];
        la.objectiveAndGradient(x, g);
        for (int i = 0; i < 3; i++) {
            double[] p = x.clone();
            double[] m = x.clone();
            p[i] += 1e-6;
            m[i] -= 1e-6;
            assertEquals((la.objective(p) - la.objective(m)) / 2e-6, g[i], 1e-5);
        }
    }

    @Test
    void optimisedKnowledgeGradientIsNonNegativeAndBeatsItsStart() {
        GpModel model = TreeGradientTest.randomModel(KernelType.MATERN52, 8, 2, 1e-4, 5);
        MultiStepLookahead la = new MultiStepLookahead(model, LookaheadOptions.knowledgeGradient(8, 2));
        LookaheadResult r = la.optimize(null);
        assertTrue(r.value() >= -1e-9, "KG of the optimised tree " + r.value());
        double[] start = randomTree(la, 3);
        assertTrue(r.value() >= la.value(start));
        assertEquals(r.value(), la.value(r.tree()), 1e-12);
    }
}

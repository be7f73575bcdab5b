package dev.sextant.acquisition.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.acquisition.TestModels;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.model.GpModel;
import java.util.List;
import dev.sextant.acquisition.optim.AcquisitionOptimizer;
import dev.sextant.acquisition.optim.OptimizerOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The box: lengthscale weights, intersection with the unit cube, and optimisation restricted to it. */
class TrustRegionTest {
    static final TrustRegionState STATE = new TrustRegionState(0.4, 0, 0, 0, 1.0, 3);

    /** −|x − target|² over q = 1, d rows: maximised at the target. */
    static AcquisitionFunction peak(double[] target) {
        return new AcquisitionFunction() {
            @Override public int q() {
                return 1;
            }

            @Override public int dimension() {
                return target.length;
            }

            @Override public double evaluate(double[] x, double[] grad) {
                double v = 0;
                for (int i = 0; i < target.length; i++) {
                    v -= (x[i] - target[i]) * (x[i] - target[i]);
                    if (grad != null) grad[i] = -2 * (x[i] - target[i]);
                }
                return v;
            }
        };
    }

    @Test
    void weightsHaveGeometricMeanOneAndFollowTheLengthscales() {
        double[] w = TrustRegion.weights(new double[] {0.5, 2, 1});
        assertEquals(1.0, w[0] * w[1] * w[2], 1e-12);
        assertEquals(4.0, w[1] / w[0], 1e-12);
    }

    @Test
    void sidesAreLengthTimesWeightAroundTheCentreIntersectedWithTheCube() {
        TrustRegion r = TrustRegion.around(new double[] {0.5, 0.95, 0.3}, new double[] {0.5, 2, 1},
            new boolean[] {true, true, false}, STATE, 7);
        double g = Math.cbrt(0.5 * 2 * 1);
        assertEquals(0.5 - 0.4 * (0.5 / g) / 2, r.lower()[0], 1e-12);
        assertEquals(0.5 + 0.4 * (0.5 / g) / 2, r.upper()[0], 1e-12);
        assertEquals(0.95 - 0.4 * 2 / g / 2, r.lower()[1], 1e-12);
        assertEquals(1.0, r.upper()[1], "clipped at the cube's face");
        assertEquals(0.0, r.lower()[2], "a discrete dimension keeps its full range");
        assertEquals(1.0, r.upper()[2]);
        Map<String, Object> m = r.metadata();
        assertEquals("step", m.get("phase"));
        assertEquals(7L, m.get("batch"));
        assertEquals(0.4, m.get("length"));
    }

    @Test
    void theOptimumOfTheAcquisitionOutsideTheRegionIsReplacedByTheBestPointOfTheRegion() {
        TrustRegion r = TrustRegion.around(new double[] {0.3, 0.3}, new double[] {1, 1}, new boolean[] {true, true},
            STATE, 1);
        AcquisitionOptimizer.Result res = r.maximize(peak(new double[] {0.9, 0.4}), null, null, null, null,
            OptimizerOptions.defaults(3).withRawSamples(64).withRestarts(3).withThreads(1));
        assertTrue(r.contains(res.x(), 0), "in the region: " + java.util.Arrays.toString(res.x()));
        assertArrayEquals(new double[] {0.5, 0.4}, res.x(), 1e-6, "the region's point nearest the peak");
        assertEquals(-0.16, res.value(), 1e-9);
    }

    @Test
    void linearConstraintsAreMappedIntoTheRegion() {
        // x0 + x1 ≤ 0.7 inside the region [0.1, 0.5]²: the peak at (0.9, 0.9) is pulled to (0.35, 0.35)
        TrustRegion r = TrustRegion.around(new double[] {0.3, 0.3}, new double[] {1, 1}, new boolean[] {true, true},
            STATE, 1);
        AcquisitionOptimizer.Result res = r.maximize(peak(new double[] {0.9, 0.9}), new double[][] {{1, 1}},
            new double[] {0.7}, null, null, OptimizerOptions.defaults(5).withRawSamples(64).withRestarts(3)
                .withThreads(1));
        assertTrue(r.contains(res.x(), 0));
        assertTrue(res.x()[0] + res.x()[1] <= 0.7 + 1e-6, java.util.Arrays.toString(res.x()));
        assertArrayEquals(new double[] {0.35, 0.35}, res.x(), 1e-3);
    }

    @Test
    void thompsonSamplingPicksDistinctPointsInTheRegionPerturbingAboutTwentyCoordinates() {
        int d = 40;
        double[] centre = new double[d];
        java.util.Arrays.fill(centre, 0.5);
        double[] ls = new double[d];
        java.util.Arrays.fill(ls, 0.3);
        boolean[] continuous = new boolean[d];
        java.util.Arrays.fill(continuous, true);
        TrustRegion r = TrustRegion.around(centre, ls, continuous, STATE, 1);
        // a model whose mean rises along x0 (two observations)
        double[] x = new double[2 * d];
        java.util.Arrays.fill(x, 0.5);
        x[0] = 0.3;
        x[d] = 0.7;
        GpModel m = TestModels.gp(KernelType.RBF, x, 2, d, new double[] {0, 1}, ls, 1.0, 1e-4, 0.0);
        TrustRegion.Thompson t = r.thompson(m, List.of(), continuous, null, 3, 11);
        assertEquals(3 * d, t.x().length);
        int perturbed = 0;
        for (int j = 0; j < 3; j++) {
            assertTrue(r.contains(t.x(), j * d));
            for (int i = 0; i < d; i++) if (t.x()[j * d + i] != 0.5) perturbed++;
        }
        assertTrue(perturbed > 3 * 8 && perturbed < 3 * 32, "about half of the 40 coordinates perturbed: " + perturbed);
        assertTrue(!java.util.Arrays.equals(java.util.Arrays.copyOfRange(t.x(), 0, d),
            java.util.Arrays.copyOfRange(t.x(), d, 2 * d)), "no repeats");
        // the draws prefer larger x0 (the model rises along it): the chosen points lean that way
        double mean0 = 0;
        for (int j = 0; j < 3; j++) mean0 += t.x()[j * d] / 3;
        assertTrue(mean0 >= 0.5, "x0 of the chosen points " + mean0);
    }
}

package dev.sextant.acquisition.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.acquisition.AcquisitionFunction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    /** A smooth bump with its peak at c (per row), summed over q rows. */
    static AcquisitionFunction bump(int q, double[] c) {
        int d = c.length;
        return new AcquisitionFunction() {
            @Override public int q() { return q; }
            @Override public int dimension() { return d; }
            @Override public double evaluate(double[] x, double[] grad) {
                double v = 0;
                for (int j = 0; j < q; j++) {
                    double r2 = 0;
                    for (int i = 0; i < d; i++) r2 += (x[j * d + i] - c[i]) * (x[j * d + i] - c[i]);
                    double e = Math.exp(-r2 / 0.1);
                    v += e;
                    if (grad != null) for (int i = 0; i < d; i++) grad[j * d + i] = -2 * (x[j * d + i] - c[i]) / 0.1 * e;
                }
                return v;
            }
        };
    }

    @Test
    void findsAnInteriorOptimum() {
        double[] c = {0.3, 0.7, 0.55};
        AcquisitionOptimizer.Result r = AcquisitionOptimizer.maximize(bump(2, c), null, null, null, null,
            OptimizerOptions.defaults(1).withRawSamples(512).withThreads(2));
        for (int j = 0; j < 2; j++) for (int i = 0; i < 3; i++) assertEquals(c[i], r.x()[j * 3 + i], 1e-4);
    }

    @Test
    void linearConstraintIsRespectedAndActive() {
        double[] c = {0.8, 0.8};
        double[][] a = {{1, 1}};
        double[] b = {1};
        AcquisitionOptimizer.Result r = AcquisitionOptimizer.maximize(bump(1, c), a, b, null, null,
            OptimizerOptions.defaults(2).withRawSamples(512).withThreads(1));
        double sum = r.x()[0] + r.x()[1];
        assertTrue(sum <= 1 + 1e-12, "sum " + sum);
        assertEquals(1, sum, 1e-3);
        assertEquals(0.5, r.x()[0], 1e-2);
    }

    @Test
    void discreteLocalSearchReachesTheBestGridPoint() {
        // dimension 0 is an integer with 5 levels encoded at k/4; the bump peaks between levels 2 and 3 (0.6)
        double[] c = {0.6, 0.4};
        DiscreteStructure ds = new DiscreteStructure() {
            @Override public double[] snap(double[] u) {
                double[] s = u.clone();
                s[0] = Math.round(u[0] * 4) / 4.0;
                return s;
            }
            @Override public List<double[]> neighbours(double[] s) {
                List<double[]> out = new ArrayList<>();
                for (int dl : new int[] {-1, 1}) {
                    double v = s[0] + dl / 4.0;
                    if (v >= -1e-12 && v <= 1 + 1e-12) {
                        double[] nb = s.clone();
                        nb[0] = v;
                        out.add(nb);
                    }
                }
                return out;
            }
        };
        AcquisitionOptimizer.Result r = AcquisitionOptimizer.maximize(bump(1, c), null, null, ds, null,
            OptimizerOptions.defaults(3).withRawSamples(512).withThreads(1));
        assertEquals(0.5, r.x()[0], 1e-12);
        assertEquals(0.4, r.x()[1], 1e-3);
    }
}

package dev.sextant.surrogate.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LbfgsbTest {
    static final BoundedObjective ROSENBROCK = (x, g) -> {
        double f = 0;
        java.util.Arrays.fill(g, 0);
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * x[i] * a - 2 * b;
            g[i + 1] += 200 * a;
        }
        return f;
    };

    @Test
    void minimisesRosenbrockUnbounded() {
        Lbfgsb.Result r = Lbfgsb.minimize(ROSENBROCK, new double[] {-1.2, 1, -1.2, 1}, null, null,
                Lbfgsb.Options.defaults().withMaxIterations(500).withTolerances(1e-8, 0));
        for (double v : r.x()) {
            assertEquals(1.0, v, 1e-5);
        }
        assertEquals(Lbfgsb.Status.GRADIENT_CONVERGED, r.status());
    }

    @Test
    void activeBoundsSatisfyKkt() {
        // min Σ (x_i − c_i)² with c outside the box on some coordinates
        double[] c = {2.0, -3.0, 0.25, 0.5};
        BoundedObjective f = (x, g) -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                double t = x[i] - c[i];
                s += t * t * (i + 1);
                g[i] = 2 * t * (i + 1);
            }
            return s;
        };
        double[] lo = {-1, -1, -1, -1};
        double[] hi = {1, 1, 1, 1};
        Lbfgsb.Result r = Lbfgsb.minimize(f, new double[] {0, 0, 0, 0}, lo, hi, Lbfgsb.Options.defaults());
        assertEquals(1.0, r.x()[0], 1e-9);
        assertEquals(-1.0, r.x()[1], 1e-9);
        assertEquals(0.25, r.x()[2], 1e-6);
        assertEquals(0.5, r.x()[3], 1e-6);
        assertTrue(Lbfgsb.projectedGradientNorm(r.x(), r.gradient(), lo, hi) <= 1e-5);
    }

    @Test
    void backsOffFromNonFiniteRegions() {
        // f = x − log(x): minimum at 1, undefined for x ≤ 0; start where a full step overshoots into x < 0
        BoundedObjective f = (x, g) -> {
            if (x[0] <= 0) {
                g[0] = Double.NaN;
                return Double.NaN;
            }
            g[0] = 1 - 1 / x[0];
            return x[0] - Math.log(x[0]);
        };
        Lbfgsb.Result r = Lbfgsb.minimize(f, new double[] {0.05}, null, null, Lbfgsb.Options.defaults());
        assertEquals(1.0, r.x()[0], 1e-5);
    }

    @Test
    void startIsProjectedIntoTheBox() {
        BoundedObjective f = (x, g) -> {
            g[0] = 2 * x[0];
            return x[0] * x[0];
        };
        Lbfgsb.Result r = Lbfgsb.minimize(f, new double[] {-5}, new double[] {1}, new double[] {2}, Lbfgsb.Options.defaults());
        assertEquals(1.0, r.x()[0], 0.0);
        assertTrue(r.evaluations() >= 1);
    }

    @Test
    void memoryFromARelatedProblemSavesEvaluations() {
        // an ill-conditioned quadratic, and the same one scaled by 4 (as a subset's MLL is to the full one)
        double[] h = {1, 10, 100, 1000, 3, 30};
        double[] c = {0.3, -0.2, 0.1, 0.05, -0.4, 0.25};
        java.util.function.DoubleFunction<BoundedObjective> quad = scale -> (x, g) -> {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                double t = x[i] - c[i];
                f += 0.5 * scale * h[i] * t * t;
                g[i] = scale * h[i] * t;
            }
            return f;
        };
        Lbfgsb.Options opt = Lbfgsb.Options.defaults().withTolerances(1e-8, 0);
        double[] x0 = new double[6];
        Lbfgsb.Result small = Lbfgsb.minimize(quad.apply(1), x0, null, null, opt);
        assertTrue(small.memory().s().length > 0);
        Lbfgsb.Result cold = Lbfgsb.minimize(quad.apply(4), x0, null, null, opt);
        Lbfgsb.Result seeded = Lbfgsb.minimize(quad.apply(4), x0, null, null, opt, small.memory().scaled(4));
        for (int i = 0; i < 6; i++) {
            assertEquals(c[i], seeded.x()[i], 1e-8);
            assertEquals(c[i], cold.x()[i], 1e-8);
        }
        assertTrue(seeded.evaluations() < cold.evaluations(), seeded.evaluations() + " vs " + cold.evaluations());
        // pairs of the wrong length or without positive curvature are ignored
        Lbfgsb.Memory bad = new Lbfgsb.Memory(new double[][] {{1, 0}, {1, 0, 0, 0, 0, 0}},
                new double[][] {{1, 0}, {-1, 0, 0, 0, 0, 0}});
        Lbfgsb.Result ignored = Lbfgsb.minimize(quad.apply(4), x0, null, null, opt, bad);
        assertEquals(cold.evaluations(), ignored.evaluations());
    }
}

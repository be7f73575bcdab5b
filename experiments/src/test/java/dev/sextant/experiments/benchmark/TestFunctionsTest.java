package dev.sextant.experiments.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TestFunctionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"branin", "six-hump-camel", "hartmann3", "hartmann6", "hartmann6-constrained", "cosine8",
            "ackley", "ackley10", "levy", "levy5", "rosenbrock", "rosenbrock4", "styblinski-tang", "styblinski-tang7",
            "michalewicz", "michalewicz5", "michalewicz10", "griewank", "griewank6",
            // the public suite's problems at its dimensions
            "griewank5", "levy10", "ackley20",
            // embedded in inputs that are ignored (SAAS-style)
            "hartmann6-in-30d", "branin-in-20d"})
    void optimumValueIsAttainedAtEveryKnownOptimizerAndNotBeatenNearby(String name) {
        TestFunction f = TestFunctions.byName(name, 0);
        double tol = name.startsWith("hartmann") ? 1e-5 : 1e-9 * Math.max(1, Math.abs(f.optimalValue()));
        Random rnd = new Random(42);
        for (double[] x : f.optimizers()) {
            assertEquals(f.optimalValue(), f.value(x), tol, name + " at its optimizer");
            assertTrue(f.feasible(x));
            // no point in a small neighbourhood (inside the box) scores better than the optimum
            double[] lo = f.lower();
            double[] hi = f.upper();
            for (int k = 0; k < 2000; k++) {
                double[] y = x.clone();
                for (int j = 0; j < y.length; j++) {
                    double h = 1e-3 * (hi[j] - lo[j]);
                    y[j] = Math.min(hi[j], Math.max(lo[j], y[j] + h * (2 * rnd.nextDouble() - 1)));
                }
                assertTrue(f.score(y) <= f.optimalScore() + tol, name + " beaten near its optimizer at k=" + k);
            }
        }
        // and no random point of the box beats it
        for (int k = 0; k < 5000; k++) {
            double[] y = new double[f.dimension()];
            for (int j = 0; j < y.length; j++) {
                y[j] = f.lower()[j] + rnd.nextDouble() * (f.upper()[j] - f.lower()[j]);
            }
            assertTrue(f.score(y) <= f.optimalScore() + tol, name + " beaten by a random point");
        }
    }

    @Test
    void publishedValues() {
        // published optima (BoTorch / Surjanovic & Bingham)
        assertEquals(0.397887, TestFunctions.byName("branin", 0).optimalValue(), 1e-6);
        assertEquals(-1.0316, TestFunctions.byName("six-hump-camel", 0).optimalValue(), 1e-4);
        assertEquals(-3.86278, TestFunctions.byName("hartmann", 3).optimalValue(), 1e-5);
        assertEquals(-3.32237, TestFunctions.byName("hartmann", 6).optimalValue(), 1e-5);
        assertEquals(-1.80130341, TestFunctions.byName("michalewicz", 2).optimalValue(), 1e-7);
        assertEquals(-4.687658, TestFunctions.byName("michalewicz", 5).optimalValue(), 1e-6);
        assertEquals(-9.66015, TestFunctions.byName("michalewicz", 10).optimalValue(), 1e-5);
        assertEquals(-39.166166 * 3, TestFunctions.byName("styblinski-tang", 3).optimalValue(), 1e-5);
        assertEquals(0.8, TestFunctions.byName("cosine8", 0).optimalScore(), 0);
        assertEquals(-0.397887, TestFunctions.byName("branin", 0).optimalScore(), 1e-6);
        // a few values away from the optimum, from the definitions
        assertEquals(56 - 10 / (8 * Math.PI), TestFunctions.byName("branin", 0).value(new double[] {0, 0}), 1e-9);
        assertEquals(20 * (1 - Math.exp(-0.2 * Math.sqrt(0.5))), TestFunctions.byName("ackley", 2).value(new double[] {1, 0}), 1e-12);
        assertEquals(1.0, TestFunctions.byName("rosenbrock", 2).value(new double[] {0, 0}), 0);
        // the public suite's new problems: BoTorch's (rounded) optima and optimizers, and their boxes
        TestFunction camel = TestFunctions.byName("six-hump-camel", 0);
        assertEquals(0.0898, camel.optimizers().get(0)[0], 1e-4);
        assertEquals(-0.7126, camel.optimizers().get(0)[1], 1e-4);
        assertArrayEquals(new double[] {-3, -2}, camel.lower());
        assertArrayEquals(new double[] {3, 2}, camel.upper());
        TestFunction griewank = TestFunctions.byName("griewank5", 0);
        assertEquals(0.0, griewank.value(new double[5]), 0);
        assertArrayEquals(new double[] {600, 600, 600, 600, 600}, griewank.upper());
        // G(x) = Σx²/4000 − Π cos(x_i/√i) + 1 at x = (π, 0, 0, 0, 0): π²/4000 + 2
        assertEquals(Math.PI * Math.PI / 4000 + 2, griewank.value(new double[] {Math.PI, 0, 0, 0, 0}), 1e-12);
        TestFunction levy = TestFunctions.byName("levy10", 0);
        double[] ones = new double[10];
        java.util.Arrays.fill(ones, 1.0);
        assertEquals(0.0, levy.value(ones), 1e-15);
        assertArrayEquals(ones, levy.optimizers().get(0));
        assertEquals(-10, levy.lower()[9], 0);
        TestFunction ackley = TestFunctions.byName("ackley20", 0);
        assertEquals(0.0, ackley.value(new double[20]), 1e-14);
        assertEquals(32.768, ackley.upper()[19], 0);
        TestFunction cosine = TestFunctions.byName("cosine8", 0);
        assertTrue(cosine.maximize());
        assertEquals(0.8, cosine.value(new double[8]), 1e-15);
        assertEquals(-1, cosine.lower()[7], 0);
    }

    @Test
    void embeddedFunctionsIgnoreTheExtraInputs() {
        TestFunction base = TestFunctions.byName("hartmann6", 0);
        TestFunction e = TestFunctions.byName("hartmann6-in-30d", 0);
        assertEquals("hartmann6-in-30d", e.name());
        assertEquals(30, e.dimension());
        assertEquals(base.optimalValue(), e.optimalValue());
        Random rnd = new Random(3);
        double[] x = new double[30];
        for (int j = 0; j < 30; j++) x[j] = rnd.nextDouble();
        double v = e.value(x);
        assertEquals(base.value(java.util.Arrays.copyOf(x, 6)), v);
        x[17] = 1 - x[17];
        assertEquals(v, e.value(x), "input 17 is ignored");
        x[2] = 1 - x[2];
        assertTrue(v != e.value(x), "input 2 is Hartmann6's");
        assertEquals(1.0, e.upper()[29]);
        assertThrows(IllegalArgumentException.class, () -> TestFunctions.byName("branin-in-2d", 0));
        assertThrows(IllegalArgumentException.class, () -> TestFunctions.byName("branin-in-20d", 10));
    }

    @Test
    void namesAndDimensions() {
        assertEquals(10, TestFunctions.byName("ackley", 10).dimension());
        assertEquals("ackley10", TestFunctions.byName("Ackley10", 0).name());
        assertEquals(6, TestFunctions.byName("hartmann", 0).dimension());
        assertThrows(IllegalArgumentException.class, () -> TestFunctions.byName("hartmann", 4));
        assertThrows(IllegalArgumentException.class, () -> TestFunctions.byName("branin", 3));
        assertThrows(IllegalArgumentException.class, () -> TestFunctions.byName("ackley10", 5));
        assertThrows(IllegalArgumentException.class, () -> TestFunctions.byName("nope", 0));
        assertTrue(TestFunctions.exists("griewank20"));
        assertFalse(TestFunctions.exists("nope3"));
    }

    @Test
    void constrainedHartmannFeasibility() {
        TestFunction f = TestFunctions.byName("hartmann6-constrained", 0);
        assertEquals(1, f.constraints().size());
        assertTrue(f.feasible(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}));
        assertFalse(f.feasible(new double[] {0.6, 0.5, 0.5, 0.5, 0.5, 0.5}));
        assertEquals(0.1, f.constraints().get(0).value(new double[] {0.6, 0.5, 0.5, 0.5, 0.5, 0.5}), 1e-12);
    }
}

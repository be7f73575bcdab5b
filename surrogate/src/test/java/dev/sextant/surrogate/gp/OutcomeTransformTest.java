package dev.sextant.surrogate.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutcomeTransformTest {
    private static final double[] LAMBDAS = {-1.5, -0.5, 0, 1e-12, 0.5, 1, 1.7, 2, 2.5, 3.5};
    private static final double[] YS = {-50, -3, -1, -0.2, 0, 0.3, 1, 4, 80};

    @Test
    void yeoJohnsonIsIncreasingInvertibleAndItsDerivativeMatchesFiniteDifferences() {
        for (double lambda : LAMBDAS) {
            OutcomeTransform t = new OutcomeTransform.YeoJohnson(lambda);
            double previous = Double.NEGATIVE_INFINITY;
            for (double y : YS) {
                double z = t.apply(y);
                assertTrue(z > previous, "not increasing at λ=" + lambda + ", y=" + y);
                previous = z;
                assertEquals(y, t.inverse(z), 1e-9 * Math.max(1, Math.abs(y)), "λ=" + lambda + " y=" + y);
                double h = 1e-6 * Math.max(1, Math.abs(y));
                double fd = (t.apply(y + h) - t.apply(y - h)) / (2 * h);
                assertEquals(fd, t.derivative(y), 1e-6 * Math.max(1, Math.abs(fd)), "λ=" + lambda + " y=" + y);
            }
        }
        OutcomeTransform identity = new OutcomeTransform.YeoJohnson(1);
        for (double y : YS) {
            assertEquals(y, identity.apply(y), 1e-12 * Math.max(1, Math.abs(y)));
        }
        assertThrows(IllegalArgumentException.class, () -> new OutcomeTransform.YeoJohnson(1).apply(Double.NaN));
    }

    @Test
    void fittedLambdaRecoversTheTransformThatMakesTheSampleNormal() {
        SplittableRandom r = new SplittableRandom(4);
        for (double lambda : new double[]{-0.5, 0.3, 1, 1.8}) {
            OutcomeTransform truth = new OutcomeTransform.YeoJohnson(lambda);
            double[] y = new double[4000];
            for (int i = 0; i < y.length; i++) {   // skewed sample whose YJ(λ) image is normal
                do {
                    y[i] = truth.inverse(0.5 + 0.4 * gaussian(r));
                } while (!Double.isFinite(y[i]));   // YJ(λ < 0) is bounded above: its image is a (barely) cut normal
            }
            OutcomeTransform fitted = OutcomeTransform.fitYeoJohnson(y);
            double got = ((OutcomeTransform.YeoJohnson) fitted).lambda();
            assertEquals(lambda, got, 0.15, "true λ " + lambda);
        }
        // too few distinct values: identity; NaN: a clear error
        assertEquals(1, ((OutcomeTransform.YeoJohnson) OutcomeTransform.fitYeoJohnson(new double[]{2, 2, 5})).lambda(), 0);
        assertThrows(IllegalArgumentException.class, () -> OutcomeTransform.fitYeoJohnson(new double[]{1, Double.NaN, 3}));
    }

    @Test
    void logNormalDataGetALambdaNearZeroAndTheGpFitsInTransformedUnits() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 40, d = 1;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble();
            y[i] = Math.exp(4 * x[i] + 0.05 * gaussian(r));   // four orders of magnitude... of e
        }
        OutcomeTransform t = OutcomeTransform.fitYeoJohnson(y);
        assertTrue(((OutcomeTransform.YeoJohnson) t).lambda() < 0.5, "λ " + t);
        GaussianProcess gp = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withTransform(t));
        assertEquals(t.apply(y[0]), gp.posterior(new double[]{x[0]}, 1).mean()[0], 0.05 * Math.abs(t.apply(y[0])) + 0.05);
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    @Test
    void aReflectedLogIsIncreasingInvertibleConvexAndDefinedBelowItsCeiling() {
        OutcomeTransform t = new OutcomeTransform.Reflected(new OutcomeTransform.ShiftedLog(2));   // −log(2 − y)
        double previousValue = Double.NEGATIVE_INFINITY;
        double previousSlope = 0;
        for (double y : new double[] {-40, -3, 0, 1, 1.9, 1.999}) {
            double z = t.apply(y);
            assertEquals(-Math.log(2 - y), z, 1e-12);
            assertEquals(y, t.inverse(z), 1e-9 * Math.max(1, Math.abs(y)));
            double h = 1e-6;
            assertEquals((t.apply(y + h) - t.apply(y - h)) / (2 * h), t.derivative(y), 1e-5 * t.derivative(y));
            assertTrue(z > previousValue && t.derivative(y) > previousSlope, "increasing and convex at " + y);
            previousValue = z;
            previousSlope = t.derivative(y);
        }
        assertThrows(IllegalArgumentException.class, () -> t.apply(2.5));
    }

    @Test
    void aYeoJohnsonFitKeepsLambdaInTheRangeItIsGiven() {
        double[] rightSkewed = new double[60];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < rightSkewed.length; i++) {
            rightSkewed[i] = Math.exp(2 * r.nextDouble() * r.nextDouble() * 3);
        }
        double free = ((OutcomeTransform.YeoJohnson) OutcomeTransform.fitYeoJohnson(rightSkewed)).lambda();
        assertTrue(free < 0.7, "a right-skewed sample wants λ < 1, got " + free);
        double high = ((OutcomeTransform.YeoJohnson) OutcomeTransform.fitYeoJohnson(rightSkewed, 1, 5)).lambda();
        assertEquals(1, high, 1e-6, "with λ ≥ 1 the best is the bound");
        double low = ((OutcomeTransform.YeoJohnson) OutcomeTransform.fitYeoJohnson(rightSkewed, -3, 1)).lambda();
        assertEquals(free, low, 1e-4);
        assertThrows(IllegalArgumentException.class, () -> OutcomeTransform.fitYeoJohnson(rightSkewed, 1, 1));
    }
}

package dev.sextant.core.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hypervolume against brute-force Monte Carlo, inclusion–exclusion and its invariants. */
class HypervolumeTest {
    /** Points on or inside the positive unit sphere, a front plus dominated ones; seeded. */
    private static double[][] randomPoints(int n, int m, long seed) {
        Random rnd = new Random(seed);
        double[][] p = new double[n][m];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int k = 0; k < m; k++) {
                p[i][k] = Math.abs(rnd.nextGaussian()) + 1e-3;
                norm += p[i][k] * p[i][k];
            }
            double radius = i % 3 == 0 ? 0.6 + 0.4 * rnd.nextDouble() : 1.0;
            for (int k = 0; k < m; k++) {
                p[i][k] = p[i][k] / Math.sqrt(norm) * radius - 0.1;
            }
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void agreesWithMonteCarlo(int m) {
        double[][] points = randomPoints(12, m, 42 + m);
        double[] ref = new double[m];
        Arrays.fill(ref, -0.05);
        double[] upper = new double[m];
        Arrays.fill(upper, Double.NEGATIVE_INFINITY);
        for (double[] p : points) {
            for (int k = 0; k < m; k++) {
                upper[k] = Math.max(upper[k], p[k]);
            }
        }
        double box = 1;
        for (int k = 0; k < m; k++) {
            box *= upper[k] - ref[k];
        }
        Random rnd = new Random(7);
        int samples = 200_000;
        int inside = 0;
        double[] z = new double[m];
        for (int s = 0; s < samples; s++) {
            for (int k = 0; k < m; k++) {
                z[k] = ref[k] + rnd.nextDouble() * (upper[k] - ref[k]);
            }
            for (double[] p : points) {
                boolean dominated = true;
                for (int k = 0; k < m && dominated; k++) {
                    dominated = z[k] <= p[k];
                }
                if (dominated) {
                    inside++;
                    break;
                }
            }
        }
        double fraction = (double) inside / samples;
        double estimate = box * fraction;
        double sigma = box * Math.sqrt(fraction * (1 - fraction) / samples);
        double hv = Hypervolume.of(points, ref);
        assertTrue(hv > 0);
        assertEquals(estimate, hv, 5 * sigma, "m=" + m + ": Monte Carlo " + estimate + " ± " + sigma);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 6})
    void equalsInclusionExclusion(int m) {
        double[][] points = randomPoints(9, m, 100 + m);
        double[] ref = new double[m];
        Arrays.fill(ref, 0.0);
        assertEquals(inclusionExclusion(points, ref), Hypervolume.of(points, ref), 1e-12);
    }

    /** Σ over non-empty subsets of (−1)^(|S|+1) · volume of the box [ref, min over S]. */
    private static double inclusionExclusion(double[][] points, double[] ref) {
        int n = points.length;
        int m = ref.length;
        double total = 0;
        for (int mask = 1; mask < (1 << n); mask++) {
            double vol = 1;
            for (int k = 0; k < m; k++) {
                double lo = Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    if ((mask & (1 << i)) != 0) {
                        lo = Math.min(lo, points[i][k]);
                    }
                }
                vol *= Math.max(0, lo - ref[k]);
            }
            total += (Integer.bitCount(mask) % 2 == 1 ? 1 : -1) * vol;
        }
        return total;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void orderDominatedPointsAndDuplicatesChangeNothing(int m) {
        double[][] points = randomPoints(40, m, 9 + m);
        double[] ref = new double[m];
        Arrays.fill(ref, 0.0);
        double hv = Hypervolume.of(points, ref);
        List<double[]> more = new ArrayList<>(Arrays.asList(points));
        more.add(points[3].clone());
        double[] dominated = points[5].clone();
        for (int k = 0; k < m; k++) {
            dominated[k] -= 0.01;
        }
        more.add(dominated);
        Collections.shuffle(more, new Random(1));
        assertEquals(hv, Hypervolume.of(more.toArray(double[][]::new), ref), 1e-13);
        assertEquals(hv, Hypervolume.bySlicing(points, ref), 1e-13);
    }

    @Test
    void singleObjectiveIsTheBestImprovement() {
        assertEquals(2.5, Hypervolume.of(new double[][] {{1.0}, {3.0}, {-4.0}}, new double[] {0.5}), 0.0);
    }

    @Test
    void noPointAboveTheReferenceGivesZero() {
        assertEquals(0.0, Hypervolume.of(new double[][] {{1, 0}, {0, 1}}, new double[] {0, 0}), 0.0);
        assertEquals(0.0, Hypervolume.of(new double[0][], new double[] {0, 0}), 0.0);
    }

    @Test
    void badInputIsRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hypervolume.of(new double[][] {{1, 2}, {1, 2, 3}}, new double[] {0, 0}));
        assertTrue(e.getMessage().contains("point 1 has 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Hypervolume.of(new double[][] {{1, 2}}, new double[] {0, 0, 0}));
        assertTrue(e.getMessage().contains("reference point has 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Hypervolume.of(new double[][] {{1, Double.NaN}}, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> Hypervolume.of(new double[][] {{1, 2}}, new double[] {0, Double.NEGATIVE_INFINITY}));
    }
}

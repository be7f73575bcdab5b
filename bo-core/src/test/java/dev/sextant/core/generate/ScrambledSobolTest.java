package dev.sextant.core.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;

class ScrambledSobolTest {

    @Test
    void unscrambledSequenceEqualsCommonsMathSobol() {
        // a second implementation of the same direction numbers and Gray-code order
        for (int d : new int[] {1, 2, 7, 100, 1000}) {
            ScrambledSobol ours = new ScrambledSobol(d, 0, false);
            SobolSequenceGenerator theirs = new SobolSequenceGenerator(d);
            for (int i = 0; i < 300; i++) {
                assertArrayEquals(theirs.nextVector(), ours.next(), 0.0, "dimension " + d + " point " + i);
            }
        }
    }

    @Test
    void everyBlockOfTwoToTheKPointsStratifiesEachCoordinate() {
        int d = 100;
        ScrambledSobol sobol = new ScrambledSobol(d, 42);
        for (int k : new int[] {1, 4, 8, 10}) {
            int n = 1 << k;
            sobol.seek(3L * n); // any aligned block, not only the first
            double[][] x = sobol.next(n);
            for (int j = 0; j < d; j++) {
                int[] counts = new int[n];
                for (double[] p : x) {
                    assertTrue(p[j] >= 0 && p[j] < 1);
                    counts[(int) Math.floor(p[j] * n)]++;
                }
                for (int c : counts) {
                    assertEquals(1, c, "k=" + k + " coordinate " + j);
                }
            }
        }
    }

    @Test
    void firstTwoCoordinatesFormANetWithTZero() {
        // Sobol's first two coordinates are a (0,m,2)-net: every elementary box of area 2^-m holds one point
        int m = 10;
        int n = 1 << m;
        double[][] x = new ScrambledSobol(2, 7).next(n);
        for (int a = 0; a <= m; a++) {
            int nx = 1 << a;
            int ny = 1 << (m - a);
            int[] counts = new int[n];
            for (double[] p : x) {
                counts[(int) (p[0] * nx) * ny + (int) (p[1] * ny)]++;
            }
            for (int c : counts) {
                assertEquals(1, c, "boxes 2^-" + a + " x 2^-" + (m - a));
            }
        }
    }

    @Test
    void centredDiscrepancyIsFarBelowPlainRandom() {
        SplittableRandom random = new SplittableRandom(2024);
        for (int d : new int[] {2, 5, 10, 20}) {
            int n = 512;
            double sobol = 0;
            double plain = 0;
            int reps = 4;
            for (int r = 0; r < reps; r++) {
                sobol += centredL2Discrepancy(new ScrambledSobol(d, 100 + r).next(n));
                double[][] u = new double[n][d];
                for (double[] row : u) {
                    for (int j = 0; j < d; j++) {
                        row[j] = random.nextDouble();
                    }
                }
                plain += centredL2Discrepancy(u);
            }
            sobol /= reps;
            plain /= reps;
            System.out.printf("centred L2 discrepancy^2, d=%d n=%d: scrambled Sobol %.3g, random %.3g%n", d, n, sobol, plain);
            assertTrue(sobol < 0.6 * plain, "d=" + d + ": Sobol CD2 " + sobol + " vs random " + plain);
        }
    }

    /** Hickernell's centred L2 discrepancy (its square), O(n² d). */
    static double centredL2Discrepancy(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double a = Math.pow(13.0 / 12.0, d);
        double b = 0;
        for (double[] p : x) {
            double prod = 1;
            for (int k = 0; k < d; k++) {
                double z = Math.abs(p[k] - 0.5);
                prod *= 1 + 0.5 * z - 0.5 * z * z;
            }
            b += prod;
        }
        double c = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double prod = 1;
                for (int k = 0; k < d; k++) {
                    double zi = Math.abs(x[i][k] - 0.5);
                    double zj = Math.abs(x[j][k] - 0.5);
                    prod *= 1 + 0.5 * zi + 0.5 * zj - 0.5 * Math.abs(x[i][k] - x[j][k]);
                }
                c += prod;
            }
        }
        return a - 2.0 / n * b + c / ((double) n * n);
    }

    @Test
    void seekAndSkipMatchSequentialDrawing() {
        ScrambledSobol a = new ScrambledSobol(13, 5);
        double[][] first = a.next(1000);
        ScrambledSobol b = new ScrambledSobol(13, 5);
        b.skip(577);
        assertEquals(577, b.index());
        assertArrayEquals(first[577], b.next(), 0.0);
        b.seek(3);
        assertArrayEquals(first[3], b.next(), 0.0);
        assertEquals(4, b.index());
        double[] rowMajor = new double[2 * 13];
        b.seek(998);
        b.nextRowMajor(rowMajor, 2);
        assertArrayEquals(first[999], Arrays.copyOfRange(rowMajor, 13, 26), 0.0);
    }

    @Test
    void seedDeterminesTheScramble() {
        double[][] a = new ScrambledSobol(5, 1).next(16);
        double[][] b = new ScrambledSobol(5, 1).next(16);
        double[][] c = new ScrambledSobol(5, 2).next(16);
        for (int i = 0; i < 16; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
        assertFalse(Arrays.equals(a[0], c[0]));
        // scrambling moves the first point off the origin
        assertFalse(Arrays.equals(new double[5], a[0]));
        // lower dimensions are a prefix of higher ones under the same seed
        assertArrayEquals(a[3], Arrays.copyOf(new ScrambledSobol(9, 1).next(4)[3], 5), 0.0);
    }

    @Test
    void coordinatesAreUniformInMean() {
        // the random shift makes every point uniform: the mean over seeds of point 0 is about 1/2
        double sum = 0;
        int seeds = 4000;
        for (int s = 0; s < seeds; s++) {
            sum += new ScrambledSobol(3, s).next()[2];
        }
        assertEquals(0.5, sum / seeds, 0.03);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new ScrambledSobol(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScrambledSobol(1001, 1));
        ScrambledSobol s = new ScrambledSobol(2, 1);
        assertThrows(IllegalArgumentException.class, () -> s.skip(-1));
        assertThrows(IllegalArgumentException.class, () -> s.seek(1L << 52));
        assertThrows(IllegalArgumentException.class, () -> s.next(-1));
    }
}

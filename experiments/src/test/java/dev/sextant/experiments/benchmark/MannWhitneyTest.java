package dev.sextant.experiments.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MannWhitneyTest {

    @Test
    void smallCaseByHand() {
        // ours {3, 4} against reference {1, 2}: U = 4 (all four pairs ours > reference); of the C(4,2) = 6 splits only
        // this one has rank sum 7, and only {1, 2} is as far from the centre on the other side
        MannWhitney.Result r = MannWhitney.test(new double[] {3, 4}, new double[] {1, 2});
        assertEquals(4, r.u());
        assertEquals(2.0 / 6, r.pTwoSided(), 1e-15);
        assertEquals(1.0 / 6, r.pSecondSmaller(), 1e-15);
        MannWhitney.Result flipped = MannWhitney.test(new double[] {1, 2}, new double[] {3, 4});
        assertEquals(0, flipped.u());
        assertEquals(1.0, flipped.pSecondSmaller(), 0);
    }

    /** Without ties: scipy 1.10.1 {@code mannwhitneyu(a, b, method='exact')}, alternatives two-sided and greater. */
    @Test
    void tenAgainstTenWithoutTiesMatchesScipyExact() {
        double[] a = {1.1, 2.3, 3.5, 4.7, 5.2, 6.8, 7.9, 8.4, 9.6, 10.0};
        double[] b = {0.5, 1.5, 2.5, 3.0, 4.0, 4.5, 5.5, 6.0, 7.0, 8.0};
        MannWhitney.Result r = MannWhitney.test(a, b);
        assertEquals(66.0, r.u());
        assertEquals(0.24745069172313758, r.pTwoSided(), 1e-12);
        assertEquals(0.12372534586156879, r.pSecondSmaller(), 1e-12);

        double[] odd = {3, 5, 7, 9, 11, 13, 15, 17, 19, 21};
        double[] rest = {1, 2, 4, 6, 8, 10, 12, 14, 16, 18};
        MannWhitney.Result s = MannWhitney.test(odd, rest);
        assertEquals(64.0, s.u());
        assertEquals(0.31499924224382436, s.pTwoSided(), 1e-12);
        assertEquals(0.15749962112191218, s.pSecondSmaller(), 1e-12);

        double[] low = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] high = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
        MannWhitney.Result t = MannWhitney.test(low, high);
        assertEquals(0.0, t.u());
        assertEquals(1.082508822446903e-05, t.pTwoSided(), 1e-17);      // 2 / C(20, 10)
        assertEquals(1.0, t.pSecondSmaller(), 0);
        assertEquals(1.0 / 184756, MannWhitney.test(high, low).pSecondSmaller(), 1e-18);
    }

    /**
     * With ties: the exact permutation p-values, computed independently by enumerating all C(20, 10) = 184756 splits
     * of scipy's {@code rankdata} mid-ranks in Python. The first pair are the Branin regrets of BENCHMARKS.md
     * section 1 (ours against BoTorch's, one tie at 0.0005).
     */
    @Test
    void tenAgainstTenWithTiesMatchesFullEnumeration() {
        double[] ours = {0.0005, 0.0018, 0.0022, 0.0034, 0.0048, 0.0054, 0.0101, 0.0131, 0.0144, 0.0218};
        double[] botorch = {0.0005, 0.0012, 0.0016, 0.0017, 0.0036, 0.0045, 0.0070, 0.0080, 0.0190, 0.0224};
        MannWhitney.Result r = MannWhitney.test(ours, botorch);
        assertEquals(57.5, r.u());
        assertEquals(0.5935504124358614, r.pTwoSided(), 1e-12);
        assertEquals(0.2967752062179307, r.pSecondSmaller(), 1e-12);

        double[] c = {1, 1, 2, 2, 3, 3, 3, 4, 5, 5};
        double[] d = {1, 2, 2, 3, 4, 4, 4, 5, 5, 6};
        MannWhitney.Result s = MannWhitney.test(c, d);
        assertEquals(37.0, s.u());
        assertEquals(0.3666132628980926, s.pTwoSided(), 1e-12);
        assertEquals(0.8486490289895863, s.pSecondSmaller(), 1e-12);
    }

    /** Second algorithm: enumeration of every split in Java, on random heavily tied samples of unequal sizes. */
    @Test
    void dynamicProgrammingEqualsEnumerationOnRandomTiedSamples() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 30; trial++) {
            int m = 1 + rnd.nextInt(7);
            int n = 1 + rnd.nextInt(7);
            double[] a = new double[m];
            double[] b = new double[n];
            for (int i = 0; i < m; i++) {
                a[i] = rnd.nextInt(5);
            }
            for (int i = 0; i < n; i++) {
                b[i] = rnd.nextInt(5) + (trial % 3 == 0 ? Double.POSITIVE_INFINITY : 0);
            }
            MannWhitney.Result r = MannWhitney.test(a, b);
            double[] e = enumerate(a, b);
            assertEquals(e[0], r.u(), 1e-12);
            assertEquals(e[1], r.pTwoSided(), 1e-12, "two-sided, trial " + trial);
            assertEquals(e[2], r.pSecondSmaller(), 1e-12, "one-sided, trial " + trial);
        }
    }

    @Test
    void midRanksAndErrors() {
        assertArrayEquals(new int[] {5, 5, 2, 10, 10, 10}, MannWhitney.doubledMidRanks(new double[] {2, 2, 1, 5, 5, 5}));
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(new double[] {Double.NaN}, new double[] {1}));
    }

    /** {U, two-sided p, one-sided p} by visiting every split of the pooled sample (U counted pair by pair). */
    private static double[] enumerate(double[] a, double[] b) {
        int m = a.length;
        int total = m + b.length;
        double[] pooled = new double[total];
        System.arraycopy(a, 0, pooled, 0, m);
        System.arraycopy(b, 0, pooled, m, b.length);
        double uObs = u(pooled, (1 << m) - 1);
        double centre = m * (double) b.length / 2;
        int all = 0;
        int atLeast = 0;
        int extreme = 0;
        for (int mask = 0; mask < (1 << total); mask++) {
            if (Integer.bitCount(mask) != m) {
                continue;
            }
            double u = u(pooled, mask);
            all++;
            atLeast += u >= uObs - 1e-9 ? 1 : 0;
            extreme += Math.abs(u - centre) >= Math.abs(uObs - centre) - 1e-9 ? 1 : 0;
        }
        return new double[] {uObs, extreme / (double) all, atLeast / (double) all};
    }

    private static double u(double[] pooled, int firstGroup) {
        double u = 0;
        for (int i = 0; i < pooled.length; i++) {
            for (int j = 0; j < pooled.length; j++) {
                boolean iIn = (firstGroup >> i & 1) == 1;
                boolean jIn = (firstGroup >> j & 1) == 1;
                if (iIn && !jIn) {
                    u += pooled[i] > pooled[j] ? 1 : pooled[i] == pooled[j] ? 0.5 : 0;
                }
            }
        }
        return u;
    }
}

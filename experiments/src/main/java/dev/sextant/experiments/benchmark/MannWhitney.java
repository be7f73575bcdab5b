package dev.sextant.experiments.benchmark;

import java.util.Arrays;

/**
 * The exact Mann–Whitney U test of two samples, ties included: the null distribution is the permutation
 * distribution of the rank sum given the pooled mid-ranks (every split of the pooled values into groups of the two
 * sizes equally likely), counted exactly by dynamic programming over doubled mid-ranks (integers). Cost
 * O(m·N·m·N) for sizes m ≤ n, N = m + n: instant for 10 against 10, fine up to a few dozen per group.
 */
public final class MannWhitney {
    /**
     * {@code u} = U of the first sample ("ours"): the number of pairs (a, b) with a &gt; b, plus half the ties;
     * {@code pTwoSided} = P(|U − mn/2| ≥ |u − mn/2|); {@code pSecondSmaller} = P(U ≥ u), the one-sided p of "the
     * second sample tends to be smaller" (for regrets: the reference is better).
     */
    public record Result(double u, double pTwoSided, double pSecondSmaller) {
    }

    private MannWhitney() {
    }

    /**
     * Tests {@code a} (size m ≥ 1) against {@code b} (size n ≥ 1). Values may be ±∞ (e.g. the regret of a run that
     * found no feasible point), not NaN. Neither array is modified.
     *
     * @throws IllegalArgumentException for an empty sample or a NaN value
     */
    public static Result test(double[] a, double[] b) {
        int m = a.length;
        int n = b.length;
        if (m == 0 || n == 0) {
            throw new IllegalArgumentException("Mann–Whitney needs two non-empty samples, got sizes " + m + " and " + n);
        }
        int total = m + n;
        double[] pooled = new double[total];
        System.arraycopy(a, 0, pooled, 0, m);
        System.arraycopy(b, 0, pooled, m, n);
        for (double v : pooled) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("Mann–Whitney: a sample holds NaN");
            }
        }
        int[] doubledRank = doubledMidRanks(pooled);
        int observed = 0;                                       // doubled rank sum of a
        for (int i = 0; i < m; i++) {
            observed += doubledRank[i];
        }
        // counts[k][s]: number of k-subsets of the pooled values (seen so far) whose doubled rank sum is s
        int maxSum = 0;
        for (int r : doubledRank) {
            maxSum += r;
        }
        double[][] counts = new double[m + 1][maxSum + 1];
        counts[0][0] = 1;
        for (int i = 0; i < total; i++) {
            int r = doubledRank[i];
            for (int k = Math.min(i + 1, m); k >= 1; k--) {
                double[] to = counts[k];
                double[] from = counts[k - 1];
                for (int s = maxSum; s >= r; s--) {
                    to[s] += from[s - r];
                }
            }
        }
        double[] dist = counts[m];
        long centre = (long) m * (total + 1);                  // doubled expected rank sum
        long dev = Math.abs(observed - centre);
        double all = 0;
        double atLeast = 0;
        double asExtreme = 0;
        for (int s = 0; s <= maxSum; s++) {
            double c = dist[s];
            if (c == 0) {
                continue;
            }
            all += c;
            if (s >= observed) {
                atLeast += c;
            }
            if (Math.abs(s - centre) >= dev) {
                asExtreme += c;
            }
        }
        double u = observed / 2.0 - m * (m + 1) / 2.0;
        return new Result(u, Math.min(1, asExtreme / all), Math.min(1, atLeast / all));
    }

    /** 2 × the mid-rank (1-based) of every value among {@code v}; ties share the mean of their ranks. */
    static int[] doubledMidRanks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(v[i], v[j]));
        int[] out = new int[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            int doubled = (i + 1) + (j + 1);                   // 2 × mean of ranks i+1 … j+1
            for (int k = i; k <= j; k++) {
                out[order[k]] = doubled;
            }
            i = j + 1;
        }
        return out;
    }
}

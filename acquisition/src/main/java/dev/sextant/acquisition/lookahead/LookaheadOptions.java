package dev.sextant.acquisition.lookahead;

import java.util.Arrays;

/**
 * Settings of a one-shot lookahead tree.
 *
 * @param fantasies      fantasies per step m₁…m_k (k = number of lookahead steps, 0…4; each >= 1): the joint
 *                       observations of stage t−1's batch that stage t branches on. Copied.
 * @param value          what the tree scores
 * @param restarts       L-BFGS runs continued to maxIterations, the best of all screened starts (>= 1); the starts
 *                       are rooted at up to 2·restarts myopic optima and at the roots of the best restarts random
 *                       trees, plus the warm start (see {@link MultiStepLookahead}'s "Optimisation")
 * @param initialTrees   random initial trees scored to choose the random starts from (>= restarts)
 * @param maxIterations  L-BFGS iterations per start, screening included (>= 1)
 * @param seed           seed of every random choice (initial trees)
 * @param batchSizes     points per stage q₀…q_k (k + 1 entries, each 1…8): every stage-t node of the tree holds a
 *                       batch of q_t points evaluated together; q₀ points are proposed at once. Empty = all 1 (one
 *                       point per node, the default). A posterior-mean tree (KG) needs q_k = 1 (its leaf is the
 *                       recommended point). Copied.
 * @param batchQuadrature G, the quadrature nodes per point inside a batch (>= 1): the value of a batch
 *                       E[max(b, f₁…f_q)] − b is computed as EI(x₁) + E_{y₁}[EI(x₂ | y₁)] + … with G normal
 *                       quantiles for each of y₁…y_{q−1}, and stage t + 1 branches on G^{q_t − 1}·m_{t+1} joint
 *                       fantasies of the batch (see {@link MultiStepLookahead}). Unused when every batch is 1.
 */
public record LookaheadOptions(int[] fantasies, LeafValue value, int restarts, int initialTrees, int maxIterations,
                               long seed, int[] batchSizes, int batchQuadrature) {
    /** Default quadrature nodes per point inside a batch. */
    public static final int DEFAULT_BATCH_QUADRATURE = 4;

    public LookaheadOptions {
        if (fantasies == null || fantasies.length > 4) {
            throw new IllegalArgumentException("fantasies must list 0 to 4 steps, got "
                    + (fantasies == null ? "null" : Arrays.toString(fantasies)));
        }
        fantasies = fantasies.clone();
        for (int m : fantasies) {
            if (m < 1) {
                throw new IllegalArgumentException("every step needs at least one fantasy, got " + Arrays.toString(fantasies));
            }
        }
        if (batchSizes == null || batchSizes.length == 0) {
            batchSizes = new int[fantasies.length + 1];
            Arrays.fill(batchSizes, 1);
        } else {
            batchSizes = batchSizes.clone();
        }
        if (batchSizes.length != fantasies.length + 1) {
            throw new IllegalArgumentException("batch sizes need one entry per stage (" + (fantasies.length + 1)
                    + " for fantasies " + Arrays.toString(fantasies) + "), got " + Arrays.toString(batchSizes));
        }
        for (int q : batchSizes) {
            if (q < 1 || q > 8) {
                throw new IllegalArgumentException("every batch size must be 1…8, got " + Arrays.toString(batchSizes));
            }
        }
        if (batchQuadrature < 1) {
            throw new IllegalArgumentException("batchQuadrature must be >= 1, got " + batchQuadrature);
        }
        if (value == null) {
            throw new IllegalArgumentException("value must not be null");
        }
        if (value == LeafValue.POSTERIOR_MEAN && batchSizes[fantasies.length] != 1) {
            throw new IllegalArgumentException("a posterior-mean tree recommends one point per leaf: the last batch "
                    + "size must be 1, got " + Arrays.toString(batchSizes));
        }
        long nodes = virtualNodes(fantasies, batchSizes, batchQuadrature);
        if (nodes > 20_000) {
            throw new IllegalArgumentException("a tree with fantasies " + Arrays.toString(fantasies) + " and batch sizes "
                    + Arrays.toString(batchSizes) + " has " + nodes
                    + " points (counting batch quadrature); use fewer fantasies (at most 20000 points)");
        }
        if (restarts < 1 || initialTrees < restarts || maxIterations < 1) {
            throw new IllegalArgumentException("need restarts >= 1, initialTrees >= restarts and maxIterations >= 1; got "
                    + restarts + ", " + initialTrees + ", " + maxIterations);
        }
    }

    /** One point per node (all batch sizes 1). */
    public LookaheadOptions(int[] fantasies, LeafValue value, int restarts, int initialTrees, int maxIterations,
                            long seed) {
        this(fantasies, value, restarts, initialTrees, maxIterations, seed, null, DEFAULT_BATCH_QUADRATURE);
    }

    /** Points the tree evaluates (its virtual nodes, batches expanded by their quadrature; saturates at 2⁴⁰). */
    static long virtualNodes(int[] fantasies, int[] batchSizes, int g) {
        long nodes = 0;
        long level = 1;
        for (int t = 0; t <= fantasies.length; t++) {
            if (t > 0) {
                level = Math.min(level * fantasies[t - 1], 1L << 40);
            }
            for (int i = 0; i < batchSizes[t]; i++) {
                if (i > 0) {
                    level = Math.min(level * g, 1L << 40);
                }
                nodes = Math.min(nodes + level, 1L << 40);
            }
        }
        return nodes;
    }

    @Override
    public int[] fantasies() {
        return fantasies.clone();
    }

    @Override
    public int[] batchSizes() {
        return batchSizes.clone();
    }

    /** True when some stage holds more than one point. */
    public boolean batched() {
        for (int q : batchSizes) {
            if (q > 1) {
                return true;
            }
        }
        return false;
    }

    /** The knowledge gradient: one step, m fantasies, posterior-mean value. */
    public static LookaheadOptions knowledgeGradient(int fantasies, long seed) {
        return new LookaheadOptions(new int[] {fantasies}, LeafValue.POSTERIOR_MEAN, 4, 64, 200, seed);
    }

    /** k-step lookahead with expected cumulative improvement and the given fantasies per step. */
    public static LookaheadOptions steps(long seed, int... fantasies) {
        return new LookaheadOptions(fantasies, LeafValue.LOG_EXPECTED_IMPROVEMENT, 4, 64, 200, seed);
    }

    public LookaheadOptions withValue(LeafValue v) {
        return new LookaheadOptions(fantasies, v, restarts, initialTrees, maxIterations, seed, batchSizes,
                batchQuadrature);
    }

    public LookaheadOptions withRestarts(int r, int initial, int iterations) {
        return new LookaheadOptions(fantasies, value, r, initial, iterations, seed, batchSizes, batchQuadrature);
    }

    public LookaheadOptions withSeed(long s) {
        return new LookaheadOptions(fantasies, value, restarts, initialTrees, maxIterations, s, batchSizes,
                batchQuadrature);
    }

    /** The same tree with fantasies m (k entries) and batch sizes q (k + 1 entries; null = all 1). */
    public LookaheadOptions withShape(int[] m, int[] q) {
        return new LookaheadOptions(m, value, restarts, initialTrees, maxIterations, seed, q, batchQuadrature);
    }

    /** The same tree with G quadrature nodes per point inside a batch. */
    public LookaheadOptions withBatchQuadrature(int g) {
        return new LookaheadOptions(fantasies, value, restarts, initialTrees, maxIterations, seed, batchSizes, g);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LookaheadOptions other && Arrays.equals(fantasies, other.fantasies) && value == other.value
                && restarts == other.restarts && initialTrees == other.initialTrees
                && maxIterations == other.maxIterations && seed == other.seed
                && Arrays.equals(batchSizes, other.batchSizes) && batchQuadrature == other.batchQuadrature;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(fantasies) * 31 + Arrays.hashCode(batchSizes)) * 31
                + java.util.Objects.hash(value, restarts, initialTrees, maxIterations, seed, batchQuadrature);
    }

    @Override
    public String toString() {
        return "LookaheadOptions[fantasies=" + Arrays.toString(fantasies) + ", batchSizes=" + Arrays.toString(batchSizes)
                + ", batchQuadrature=" + batchQuadrature + ", value=" + value + ", restarts=" + restarts
                + ", initialTrees=" + initialTrees + ", maxIterations=" + maxIterations + ", seed=" + seed + "]";
    }
}

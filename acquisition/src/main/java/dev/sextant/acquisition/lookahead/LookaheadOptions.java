package dev.sextant.acquisition.lookahead;

import java.util.Arrays;

/**
 * Settings of a one-shot lookahead tree.
 *
 * @param fantasies      fantasies per step m₁…m_k (k = number of lookahead steps, 0…4; each >= 1). The tree has
 *                       1 + m₁ + m₁m₂ + … decision points; k = 0 is the myopic value (log EI, or the posterior
 *                       mean). Copied.
 * @param value          what the tree scores
 * @param restarts       L-BFGS runs from the best initial trees (>= 1; a warm start adds one)
 * @param initialTrees   random initial trees scored to choose the restarts from (>= restarts)
 * @param maxIterations  L-BFGS iterations per restart (>= 1)
 * @param seed           seed of every random choice (initial trees)
 */
public record LookaheadOptions(int[] fantasies, LeafValue value, int restarts, int initialTrees, int maxIterations,
                               long seed) {
    public LookaheadOptions {
        if (fantasies == null || fantasies.length > 4) {
            throw new IllegalArgumentException("fantasies must list 0 to 4 steps, got "
                    + (fantasies == null ? "null" : Arrays.toString(fantasies)));
        }
        fantasies = fantasies.clone();
        long nodes = 1;
        long level = 1;
        for (int m : fantasies) {
            if (m < 1) {
                throw new IllegalArgumentException("every step needs at least one fantasy, got " + Arrays.toString(fantasies));
            }
            level *= m;
            nodes += level;
        }
        if (nodes > 20_000) {
            throw new IllegalArgumentException("a tree with fantasies " + Arrays.toString(fantasies) + " has " + nodes
                    + " points; use fewer fantasies (at most 20000 points)");
        }
        if (value == null) {
            throw new IllegalArgumentException("value must not be null");
        }
        if (restarts < 1 || initialTrees < restarts || maxIterations < 1) {
            throw new IllegalArgumentException("need restarts >= 1, initialTrees >= restarts and maxIterations >= 1; got "
                    + restarts + ", " + initialTrees + ", " + maxIterations);
        }
    }

    @Override
    public int[] fantasies() {
        return fantasies.clone();
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
        return new LookaheadOptions(fantasies, v, restarts, initialTrees, maxIterations, seed);
    }

    public LookaheadOptions withRestarts(int r, int initial, int iterations) {
        return new LookaheadOptions(fantasies, value, r, initial, iterations, seed);
    }

    public LookaheadOptions withSeed(long s) {
        return new LookaheadOptions(fantasies, value, restarts, initialTrees, maxIterations, s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LookaheadOptions other && Arrays.equals(fantasies, other.fantasies) && value == other.value
                && restarts == other.restarts && initialTrees == other.initialTrees
                && maxIterations == other.maxIterations && seed == other.seed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fantasies) * 31 + java.util.Objects.hash(value, restarts, initialTrees, maxIterations, seed);
    }

    @Override
    public String toString() {
        return "LookaheadOptions[fantasies=" + Arrays.toString(fantasies) + ", value=" + value + ", restarts=" + restarts
                + ", initialTrees=" + initialTrees + ", maxIterations=" + maxIterations + ", seed=" + seed + "]";
    }
}

package dev.sextant.experiments.benchmark;

import java.util.List;

/**
 * One seed's run: {@code best} holds the best true score (feasible points only; NaN while none is feasible) after
 * each iteration (length iters), {@code regret} = |optimum − final best| (+∞ when no feasible point was found),
 * {@code secondsPerIter} the mean wall time of one iteration (ask + evaluate + tell), {@code iterationSeconds} each
 * iteration's wall time in order (length iters; empty when not recorded), for medians that leave out the first
 * iterations' JIT warm-up.
 */
public record SeedResult(long seed, List<Double> best, double regret, double secondsPerIter, double initBest,
                         List<Double> iterationSeconds) {
    public SeedResult {
        best = List.copyOf(best);
        iterationSeconds = List.copyOf(iterationSeconds);
    }

    /** A run whose per-iteration times were not recorded. */
    public SeedResult(long seed, List<Double> best, double regret, double secondsPerIter, double initBest) {
        this(seed, best, regret, secondsPerIter, initBest, List.of());
    }
}

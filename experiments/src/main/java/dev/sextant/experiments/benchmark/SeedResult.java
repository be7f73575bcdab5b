package dev.sextant.experiments.benchmark;

import java.util.List;

/**
 * One seed's run: {@code best} holds the best true score (feasible points only; NaN while none is feasible) after
 * each iteration (length iters), {@code regret} = |optimum − final best| (+∞ when no feasible point was found),
 * {@code secondsPerIter} the mean wall time of one iteration (ask + evaluate + tell).
 */
public record SeedResult(long seed, List<Double> best, double regret, double secondsPerIter, double initBest) {
    public SeedResult {
        best = List.copyOf(best);
    }
}

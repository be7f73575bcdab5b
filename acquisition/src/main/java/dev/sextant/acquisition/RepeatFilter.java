package dev.sextant.acquisition;

import dev.sextant.core.space.EncodedDimension;
import dev.sextant.core.space.Encoding;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place where {@link BayesianGenerator} avoids proposing a point it already has, in spaces where every
 * parameter is discrete (integers, ordinals, categories; a repeat there is an exact repeat, which a continuous
 * optimum practically never is). Applied to each single candidate (q = 1, the sequential mode) the acquisition
 * optimiser returns, against the "visited" points: every completed and pending trial plus the candidates already
 * chosen in this call; in a joint q-batch ({@code sequential: false}) to each of the batch's points in turn, judged
 * as a single point (q = 1) with the earlier points of the batch pending, so a batch never holds a point twice either.
 *
 * <p>The rule, when the optimiser's point x* is visited: the unvisited points are enumerated (a breadth-first walk
 * over discrete neighbours from x*, at most {@link #MAX_ENUMERATED} points, feasible for the parameter constraints)
 * and the one with the largest acquisition value, u*, is found.
 * <ul>
 *   <li>Noise-free objective (every completed observation of the objective reports SEM 0; or none reports an SEM and
 *       the GP's fitted noise variance is at most {@link #NEGLIGIBLE_NOISE} in standardised units, i.e. the model
 *       interpolates the data): u* replaces x*.
 *       Repeating an exact observation teaches nothing, so no point is proposed twice until every point was tried.</li>
 *   <li>Otherwise (noise reported or unknown): x* is kept only when its acquisition value is larger than u*'s, i.e.
 *       when the acquisition itself prefers measuring that point again (a noisy point's mean can be worth
 *       refining); else u* replaces it.</li>
 *   <li>No unvisited point left (the space is exhausted): x* is kept.</li>
 * </ul>
 * Not thread-safe: one per generation call.
 */
final class RepeatFilter {
    /** Fitted noise variance (standardised outcome units: noise SD at most 10% of the outcomes' SD) up to which data without SEMs counts as noise-free. */
    static final double NEGLIGIBLE_NOISE = 0.01;

    /**
     * Whether the objective counts as noise-free: every completed observation reports SEM 0, or none reports an SEM
     * and every fitted noise variance ({@code fittedNoise}, standardised units; not modified) is negligible.
     */
    static boolean noiseFree(List<dev.sextant.core.trial.Trial> completed, String metric, double[] fittedNoise) {
        boolean allZero = true;
        boolean anyReported = false;
        for (dev.sextant.core.trial.Trial t : completed) {
            double sem = t.values().get(metric).sem();
            anyReported |= !Double.isNaN(sem);
            allZero &= sem == 0.0;
        }
        if (allZero) {
            return true;
        }
        if (anyReported) {
            return false;
        }
        for (double v : fittedNoise) {
            if (!(v <= NEGLIGIBLE_NOISE)) {
                return false;
            }
        }
        return true;
    }

    /** Most unvisited points whose acquisition value is compared when the optimiser proposes a visited one. */
    static final int MAX_ENUMERATED = 1024;

    private final Encoding enc;
    private final int d;
    private final Set<List<Double>> visited = new HashSet<>();

    /** A chosen point and its acquisition value; {@code replaced} when the filter changed the optimiser's point. */
    record Choice(double[] x, double value, boolean replaced) {
    }

    /** @param rows visited points (unit cube, length d each; not modified) */
    RepeatFilter(Encoding enc, List<double[]> rows) {
        this.enc = enc;
        this.d = enc.dimension();
        for (double[] r : rows) {
            add(r);
        }
    }

    /** Whether the filter acts on this space: every dimension is discrete. */
    static boolean appliesTo(Encoding enc) {
        if (enc.dimension() == 0) {
            return false;
        }
        for (EncodedDimension dim : enc.dimensions()) {
            if (dim.kind() == EncodedDimension.Kind.CONTINUOUS) {
                return false;
            }
        }
        return true;
    }

    /** Whether a point (snapped first; not modified) is visited. */
    boolean visited(double[] x) {
        return visited.contains(key(x));
    }

    /** Marks a point visited (snapped first; not modified). */
    void add(double[] x) {
        visited.add(key(x));
    }

    private List<Double> key(double[] x) {
        double[] s = enc.snap(x);
        List<Double> k = new ArrayList<>(d);
        for (double v : s) {
            k.add(Math.rint(v * 1e9) / 1e9);
        }
        return k;
    }

    /**
     * The candidate to use instead of the optimiser's {@code x} (length d, value {@code value}; not modified) by the
     * rule above; {@code f} is the q = 1 acquisition the optimiser maximised.
     */
    Choice choose(double[] x, double value, AcquisitionFunction f, boolean noiseFree) {
        if (!visited.contains(key(x))) {
            return new Choice(x, value, false);
        }
        double[] best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (double[] u : unvisited(x)) {
            double v = f.evaluate(u, null);
            if (best == null || v > bestValue) {
                best = u;
                bestValue = v;
            }
        }
        if (best == null) {
            return new Choice(x, value, false);   // every point was tried: a repeat is all that is left
        }
        if (!noiseFree && value > bestValue) {
            return new Choice(x, value, false);   // the acquisition prefers measuring the noisy point again
        }
        return new Choice(best, bestValue, true);
    }

    /** Unvisited feasible points reachable from x through discrete neighbours, at most {@link #MAX_ENUMERATED}. */
    private List<double[]> unvisited(double[] x) {
        List<double[]> out = new ArrayList<>();
        Set<List<Double>> seen = new HashSet<>();
        Deque<double[]> queue = new ArrayDeque<>();
        double[] start = enc.snap(x);
        queue.add(start);
        seen.add(key(start));
        int walked = 0;
        while (!queue.isEmpty() && out.size() < MAX_ENUMERATED && walked < 20 * MAX_ENUMERATED) {
            double[] p = queue.poll();
            walked++;
            for (double[] nb : enc.neighbours(p)) {
                List<Double> k = key(nb);
                if (!seen.add(k)) {
                    continue;
                }
                double[] s = enc.snap(nb);
                queue.add(s);
                if (!visited.contains(k) && enc.satisfiesConstraints(s)) {
                    out.add(Arrays.copyOf(s, d));
                }
            }
        }
        return out;
    }
}

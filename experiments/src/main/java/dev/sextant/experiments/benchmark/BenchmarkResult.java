package dev.sextant.experiments.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of {@link BenchmarkRunner#run}: the settings, the optimal score, per-seed results and medians. */
public record BenchmarkResult(String problem, int dim, int init, int iters, int batch, double noise, String acquisition,
                              double optimum, List<SeedResult> seeds) {
    public BenchmarkResult {
        seeds = List.copyOf(seeds);
    }

    public double medianRegret() {
        return median(seeds.stream().mapToDouble(SeedResult::regret).toArray());
    }

    public double medianSecondsPerIter() {
        return median(seeds.stream().mapToDouble(SeedResult::secondsPerIter).toArray());
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /**
     * The JSON shape of {@code sextant bench --out}: {"problem", "dim", "init", "iters", "batch", "noise",
     * "acquisition", "optimum", "median_regret", "median_seconds_per_iter", "seeds": [{"seed", "best", "regret",
     * "seconds_per_iter", "iteration_seconds"}]}; non-finite numbers become null.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("problem", problem);
        m.put("dim", dim);
        putProtocol(m, init, iters, batch, noise, acquisition);
        m.put("optimum", finite(optimum));
        m.put("median_regret", finite(medianRegret()));
        m.put("median_seconds_per_iter", finite(medianSecondsPerIter()));
        List<Object> list = new ArrayList<>();
        for (SeedResult s : seeds) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("seed", s.seed());
            List<Object> best = new ArrayList<>();
            for (double b : s.best()) {
                best.add(finite(b));
            }
            e.put("best", best);
            e.put("regret", finite(s.regret()));
            e.put("seconds_per_iter", finite(s.secondsPerIter()));
            e.put("iteration_seconds", s.iterationSeconds().stream().map(BenchmarkResult::finite).toList());
            list.add(e);
        }
        m.put("seeds", list);
        return m;
    }

    /**
     * Adds the protocol keys every {@code sextant bench --out} JSON has, in this order: "init", "iters", "batch",
     * "noise", "acquisition".
     *
     * @param m the JSON map being written; modified
     */
    static void putProtocol(Map<String, Object> m, int init, int iters, int batch, double noise, String acquisition) {
        m.put("init", init);
        m.put("iters", iters);
        m.put("batch", batch);
        m.put("noise", noise);
        m.put("acquisition", acquisition);
    }

    /** A number as the benchmark JSON writes it: itself when finite, else null. */
    static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

package dev.sextant.experiments.steering;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sample-estimated metrics of one steering run: mean reward and its standard error, the kernel MMD to the exact
 * target (and the raw unbiased MMD² estimate, which may be slightly negative), mean pairwise distance and its
 * approximate standard error.
 */
public record SteeringMetrics(double reward, double rewardSem, double divergence, double mmd2, double diversity,
                              double diversitySem) {
    /** Metric name → {mean, sem} (sem NaN when not estimated), names: reward, divergence, diversity. */
    public Map<String, double[]> asObservations() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("reward", new double[] {reward, rewardSem});
        m.put("divergence", new double[] {divergence, Double.NaN});
        m.put("diversity", new double[] {diversity, diversitySem});
        return m;
    }
}

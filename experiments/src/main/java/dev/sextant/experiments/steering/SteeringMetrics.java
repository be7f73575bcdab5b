package dev.sextant.experiments.steering;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sample-estimated metrics of one steering run, each with its standard error: mean reward; the kernel MMD to the
 * exact tilted target ({@code divergence}, with the raw unbiased MMD² estimate, which may be slightly negative);
 * the kernel MMD to the base model, the untilted prior p ({@code baseDivergence}: what the steering costs in
 * faithfulness to the base model); mean pairwise distance ({@code diversity}).
 */
public record SteeringMetrics(double reward, double rewardSem, double divergence, double divergenceSem, double mmd2,
                              double baseDivergence, double baseDivergenceSem, double diversity, double diversitySem) {
    /** The metric names a campaign can use, in the order of {@link #asObservations()}. */
    public static final List<String> NAMES = List.of("reward", "divergence", "base_divergence", "diversity");

    /** Metric name → {mean, standard error}, names as {@link #NAMES}. */
    public Map<String, double[]> asObservations() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("reward", new double[] {reward, rewardSem});
        m.put("divergence", new double[] {divergence, divergenceSem});
        m.put("base_divergence", new double[] {baseDivergence, baseDivergenceSem});
        m.put("diversity", new double[] {diversity, diversitySem});
        return m;
    }
}

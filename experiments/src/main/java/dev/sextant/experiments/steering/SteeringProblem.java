package dev.sextant.experiments.steering;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A reward-guided diffusion steering problem: a Gaussian-mixture data distribution p (the diffusion prior, whose
 * score at every noise level is exact), the Gaussian bump reward r(x) = exp(−|x − c|²/(2s²)) (log-concave, values
 * in (0, 1]), the VP schedule, and the kernel bandwidth h of the divergence metric.
 *
 * <p>Metrics of a sampler configuration ({@link #evaluate}), all estimates from the generated samples:
 * {@code reward} (mean r), {@code divergence} (kernel MMD between the samples and the exact tilted target
 * p·r^β / Z — a Gaussian mixture, so the target's kernel expectations are closed-form and only the samples are
 * random; the unbiased MMD² estimate is clamped at 0 and its square root reported), {@code diversity} (mean
 * pairwise Euclidean distance between samples).
 */
public record SteeringProblem(GaussianMixture prior, double[] rewardCenter, double rewardWidth, VpSchedule schedule,
                              double bandwidth) {
    public SteeringProblem {
        if (rewardCenter.length != prior.dimension()) {
            throw new IllegalArgumentException("reward centre has " + rewardCenter.length + " coordinates, the prior "
                    + prior.dimension());
        }
        if (!(rewardWidth > 0) || !(bandwidth > 0)) {
            throw new IllegalArgumentException("reward width and kernel bandwidth must be > 0");
        }
        rewardCenter = rewardCenter.clone();
    }

    /**
     * The standard problem in d = 2…4 dimensions: five unequal, well-separated modes on a circle of radius 2 in the
     * first two coordinates (variances 0.04…0.12), the reward bump centred between the two lightest modes, width 1.
     */
    public static SteeringProblem standard(int d) {
        if (d < 2 || d > 4) {
            throw new IllegalArgumentException("the standard steering problem has 2 to 4 dimensions, got " + d);
        }
        int k = 5;
        double[] w = {0.35, 0.25, 0.2, 0.12, 0.08};
        double[] m = new double[k * d];
        double[] v = new double[k * d];
        for (int i = 0; i < k; i++) {
            double a = 2 * Math.PI * i / k + 0.3;
            m[i * d] = 2 * Math.cos(a);
            m[i * d + 1] = 2 * Math.sin(a);
            for (int j = 0; j < d; j++) {
                v[i * d + j] = 0.04 + 0.02 * i;
            }
        }
        double[] c = new double[d];
        double a3 = 2 * Math.PI * 3 / k + 0.3;
        double a4 = 2 * Math.PI * 4 / k + 0.3;
        c[0] = 1.6 * (Math.cos(a3) + Math.cos(a4)) / 2;
        c[1] = 1.6 * (Math.sin(a3) + Math.sin(a4)) / 2;
        return new SteeringProblem(new GaussianMixture(w, m, v, d), c, 1.0, VpSchedule.standard(), 0.5);
    }

    public int dimension() {
        return prior.dimension();
    }

    @Override
    public double[] rewardCenter() {
        return rewardCenter.clone();
    }

    /** r(x) = exp(−|x − c|²/(2s²)) at row {@code offset/d} of x. */
    public double reward(double[] x, int offset) {
        double s = 0;
        for (int j = 0; j < rewardCenter.length; j++) {
            double r = x[offset + j] - rewardCenter[j];
            s += r * r;
        }
        return Math.exp(-s / (2 * rewardWidth * rewardWidth));
    }

    /** The exact tilted target ∝ p(x)·r(x)^β. */
    public GaussianMixture target(double beta) {
        return prior.tilted(rewardCenter, rewardWidth, beta);
    }

    /** Generated samples (n×d row-major) of the guided sampler with this configuration; deterministic given seed. */
    public double[] sample(SamplerConfig config, long seed) {
        return new GuidedSampler(this, config).run(new Random(seed));
    }

    /** Metrics of samples x (n×d) against the target of reward temperature β. */
    public SteeringMetrics metrics(double[] x, double beta) {
        int d = dimension();
        int n = x.length / d;
        double rs = 0;
        double rs2 = 0;
        for (int i = 0; i < n; i++) {
            double r = reward(x, i * d);
            rs += r;
            rs2 += r * r;
        }
        double rMean = rs / n;
        double rVar = Math.max(0, (rs2 - n * rMean * rMean) / (n - 1));

        GaussianMixture target = target(beta);
        double h2 = bandwidth * bandwidth;
        double kxx = 0;
        double dist = 0;
        double[] perPoint = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double r = x[i * d + c] - x[j * d + c];
                    s += r * r;
                }
                kxx += Math.exp(-s / (2 * h2));
                double e = Math.sqrt(s);
                dist += e;
                perPoint[i] += e;
                perPoint[j] += e;
            }
        }
        long pairs = (long) n * (n - 1) / 2;
        double kxy = 0;
        for (int i = 0; i < n; i++) {
            kxy += target.expectedKernel(x, i * d, bandwidth);
        }
        double mmd2 = kxx / pairs - 2 * kxy / n + target.expectedKernelSelf(bandwidth);
        double diversity = dist / pairs;
        // jackknife-like standard error of the mean pairwise distance from the per-point means (each ~ U-statistic term)
        double pm = 0;
        double pm2 = 0;
        for (int i = 0; i < n; i++) {
            double v = perPoint[i] / (n - 1);
            pm += v;
            pm2 += v * v;
        }
        pm /= n;
        double varPer = Math.max(0, (pm2 - n * pm * pm) / (n - 1));
        double diversitySem = 2 * Math.sqrt(varPer / n);
        return new SteeringMetrics(rMean, Math.sqrt(rVar / n), Math.sqrt(Math.max(0, mmd2)), mmd2, diversity, diversitySem);
    }

    /** Samples with this configuration and returns their metrics. */
    public SteeringMetrics evaluate(SamplerConfig config, long seed) {
        return metrics(sample(config, seed), config.beta());
    }

    /** A short description (for logs and the campaign summary). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dimension", dimension());
        m.put("components", prior.components());
        m.put("reward_center", Arrays.toString(rewardCenter));
        m.put("reward_width", rewardWidth);
        return m;
    }
}

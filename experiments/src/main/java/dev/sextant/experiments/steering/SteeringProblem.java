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
 * random; the unbiased MMD² estimate is clamped at 0 and its square root reported), {@code base_divergence} (the
 * same MMD to the base model p: how far steering moved the samples from the model it started from; it grows with
 * the reward bought, which makes reward against base_divergence the steering trade-off), {@code diversity} (mean
 * pairwise Euclidean distance between samples); each with a standard error ({@link SteeringMetrics}).
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

    /** Metrics of samples x (n×d, n ≥ 2; not modified) against the target of reward temperature β. */
    public SteeringMetrics metrics(double[] x, double beta) {
        int d = dimension();
        int n = x.length / d;
        if (n < 2) {
            throw new IllegalArgumentException("metrics need at least 2 samples, got " + n);
        }
        double rs = 0;
        double rs2 = 0;
        for (int i = 0; i < n; i++) {
            double r = reward(x, i * d);
            rs += r;
            rs2 += r * r;
        }
        double rMean = rs / n;
        double rVar = Math.max(0, (rs2 - n * rMean * rMean) / (n - 1));

        double h2 = bandwidth * bandwidth;
        double kxx = 0;
        double dist = 0;
        double[] kernelRow = new double[n];   // Σ_{j≠i} k(x_i, x_j)
        double[] distRow = new double[n];     // Σ_{j≠i} |x_i − x_j|
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double r = x[i * d + c] - x[j * d + c];
                    s += r * r;
                }
                double kij = Math.exp(-s / (2 * h2));
                kxx += kij;
                kernelRow[i] += kij;
                kernelRow[j] += kij;
                double e = Math.sqrt(s);
                dist += e;
                distRow[i] += e;
                distRow[j] += e;
            }
        }
        long pairs = (long) n * (n - 1) / 2;
        double[] toTarget = mmd(x, kxx / pairs, kernelRow, target(beta));
        double[] toBase = mmd(x, kxx / pairs, kernelRow, prior);
        double diversity = dist / pairs;
        // the mean pairwise distance is a U-statistic: to first order (2/n)·Σ_i (its per-point mean − diversity)
        double diversitySem = 2 * sdOfMean(distRow, 1.0 / (n - 1));
        return new SteeringMetrics(rMean, Math.sqrt(rVar / n), toTarget[0], toTarget[1], toTarget[2], toBase[0],
                toBase[1], diversity, diversitySem);
    }

    /**
     * {MMD, its standard error, unbiased MMD²} between samples x (n×d) and the mixture q, for the Gaussian kernel of
     * the problem's bandwidth. MMD² = mean_{i<j} k(x_i, x_j) − 2·mean_i E_q k(x_i, Y) + E_q k(Y, Y'), exact in q;
     * reported MMD = √max(0, MMD²). Standard error of MMD² to first order (as a U-statistic): 2·SD(u_i)/√n with
     * u_i = mean_{j≠i} k(x_i, x_j) − E_q k(x_i, Y); of MMD by the delta method, SE(MMD²)/(2·MMD), with MMD floored
     * at √SE(MMD²) (where MMD² is near 0 the first-order term vanishes and the delta method would blow up).
     */
    private double[] mmd(double[] x, double meanKxx, double[] kernelRow, GaussianMixture q) {
        int d = dimension();
        int n = kernelRow.length;
        double[] u = new double[n];
        double kxy = 0;
        for (int i = 0; i < n; i++) {
            double e = q.expectedKernel(x, i * d, bandwidth);
            kxy += e;
            u[i] = kernelRow[i] / (n - 1) - e;
        }
        double mmd2 = meanKxx - 2 * kxy / n + q.expectedKernelSelf(bandwidth);
        double se2 = 2 * sdOfMean(u, 1.0);
        double mmd = Math.sqrt(Math.max(0, mmd2));
        double se = se2 > 0 ? se2 / (2 * Math.max(mmd, Math.sqrt(se2))) : 0;
        return new double[] {mmd, se, mmd2};
    }

    /** Standard deviation of the mean of the values v_i·scale (sample SD / √n). */
    private static double sdOfMean(double[] v, double scale) {
        int n = v.length;
        double m = 0;
        double m2 = 0;
        for (double a : v) {
            m += a * scale;
            m2 += a * scale * a * scale;
        }
        m /= n;
        return Math.sqrt(Math.max(0, (m2 - n * m * m) / (n - 1)) / n);
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

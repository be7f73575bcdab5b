package dev.sextant.experiments.steering;

import java.util.Random;

/**
 * The guided reverse-diffusion sampler. Starts from N(0, I) at t = 1 and integrates down to t_min = 1e-3 on a
 * uniform grid of {@code steps} steps, with the score s = ∇log p_t + clip(w·g_t) (g_t the guidance term, applied
 * while t ≤ guidanceStart); returns the Tweedie denoised estimate x̂₀ at t_min. Package-private.
 */
final class GuidedSampler {
    static final double T_MIN = 1e-3;
    private final SteeringProblem problem;
    private final SamplerConfig config;
    private final GaussianMixture target;
    private final double[] center;

    GuidedSampler(SteeringProblem problem, SamplerConfig config) {
        this.problem = problem;
        this.config = config;
        this.target = problem.target(config.beta());
        this.center = problem.rewardCenter();
    }

    double[] run(Random rnd) {
        int d = problem.dimension();
        int n = config.samples();
        VpSchedule sch = problem.schedule();
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        double[] xi = new double[d];
        double[] s = new double[d];
        double[] work = new double[Math.max(problem.prior().components(), target.components())];
        double[] tmp = new double[d];
        double eta = config.sampler() == SamplerKind.DDPM ? 1.0 : config.eta();
        int steps = config.steps();
        for (int k = 0; k < steps; k++) {
            double t = 1 - (1 - T_MIN) * k / steps;
            double tn = 1 - (1 - T_MIN) * (k + 1) / steps;
            double a = sch.alpha(t);
            double s2 = sch.sigma2(t);
            double an = sch.alpha(tn);
            double s2n = sch.sigma2(tn);
            GaussianMixture pt = problem.prior().noised(a, s2);
            GaussianMixture qt = target.noised(a, s2);
            boolean guide = t <= config.guidanceStart() && config.guidanceScale() > 0;
            for (int i = 0; i < n; i++) {
                System.arraycopy(x, i * d, xi, 0, d);
                score(pt, qt, guide, xi, a, s2, s, tmp, work);
                if (config.sampler() == SamplerKind.EULER) {
                    double b = sch.beta(t);
                    double dt = t - tn;
                    double noise = eta * Math.sqrt(b * dt);
                    for (int j = 0; j < d; j++) {
                        x[i * d + j] = xi[j] + (0.5 * b * xi[j] + 0.5 * (1 + eta * eta) * b * s[j]) * dt
                                + noise * rnd.nextGaussian();
                    }
                } else {
                    double sig = Math.sqrt(s2);
                    double sigEta = eta * Math.sqrt(Math.max(0, s2n / s2 * (1 - a * a / (an * an))));
                    double dirScale = Math.sqrt(Math.max(0, s2n - sigEta * sigEta));
                    for (int j = 0; j < d; j++) {
                        double x0 = (xi[j] + s2 * s[j]) / a;
                        double eps = -sig * s[j];
                        x[i * d + j] = an * x0 + dirScale * eps + sigEta * rnd.nextGaussian();
                    }
                }
            }
        }
        // final denoising step: Tweedie estimate at t_min
        double a = sch.alpha(T_MIN);
        double s2 = sch.sigma2(T_MIN);
        GaussianMixture pt = problem.prior().noised(a, s2);
        GaussianMixture qt = target.noised(a, s2);
        boolean guide = T_MIN <= config.guidanceStart() && config.guidanceScale() > 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * d, xi, 0, d);
            score(pt, qt, guide, xi, a, s2, s, tmp, work);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (xi[j] + s2 * s[j]) / a;
            }
        }
        return x;
    }

    /** Guided score at x into s (length d); tmp and work are scratch. */
    private void score(GaussianMixture pt, GaussianMixture qt, boolean guide, double[] x, double a, double s2,
                       double[] s, double[] tmp, double[] work) {
        int d = x.length;
        pt.score(x, s, work);
        if (!guide) {
            return;
        }
        if (config.guidance() == GuidanceMode.EXACT) {
            qt.score(x, tmp, work);
            for (int j = 0; j < d; j++) {
                tmp[j] -= s[j];
            }
        } else {
            double[] c = center;
            double w2 = problem.rewardWidth() * problem.rewardWidth();
            for (int j = 0; j < d; j++) {
                double x0 = (x[j] + s2 * s[j]) / a;
                tmp[j] = -config.beta() * (x0 - c[j]) / (w2 * a);
            }
        }
        double norm = 0;
        for (int j = 0; j < d; j++) {
            tmp[j] *= config.guidanceScale();
            norm += tmp[j] * tmp[j];
        }
        norm = Math.sqrt(norm);
        double clip = config.clip();
        double f = clip > 0 && Double.isFinite(clip) && norm > clip ? clip / norm : 1;
        for (int j = 0; j < d; j++) {
            s[j] += f * tmp[j];
        }
    }
}

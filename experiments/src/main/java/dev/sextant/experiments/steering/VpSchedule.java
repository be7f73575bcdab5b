package dev.sextant.experiments.steering;

/**
 * The variance-preserving diffusion x_t = α(t)·x_0 + σ(t)·ε with linear β(t) = βmin + t(βmax − βmin), t ∈ [0, 1]:
 * α(t) = exp(−¼t²(βmax − βmin) − ½t·βmin), σ²(t) = 1 − α(t)².
 */
public record VpSchedule(double betaMin, double betaMax) {
    public VpSchedule {
        if (!(betaMin > 0) || !(betaMax > betaMin)) {
            throw new IllegalArgumentException("need 0 < betaMin < betaMax, got " + betaMin + ", " + betaMax);
        }
    }

    /** The usual schedule (βmin 0.1, βmax 20). */
    public static VpSchedule standard() {
        return new VpSchedule(0.1, 20);
    }

    public double alpha(double t) {
        return Math.exp(-0.25 * t * t * (betaMax - betaMin) - 0.5 * t * betaMin);
    }

    public double sigma2(double t) {
        double a = alpha(t);
        return -Math.expm1(2 * Math.log(a));
    }

    public double beta(double t) {
        return betaMin + t * (betaMax - betaMin);
    }
}

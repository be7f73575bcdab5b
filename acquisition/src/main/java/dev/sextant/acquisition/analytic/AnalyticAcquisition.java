package dev.sextant.acquisition.analytic;

import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.acquisition.numerics.SafeMath;
import dev.sextant.surrogate.model.Model;

/**
 * q = 1 acquisition functions of the marginal posterior (mean μ, std σ) at one point, for maximisation:
 * EI = σ·h(z), LogEI = log σ + log h(z) (stable to z ≈ −1e6 and beyond), PI = Φ(z), UCB = μ + √β·σ, z = (μ − best)/σ.
 * {@link #of} wraps one as an {@link AcquisitionFunction} over a {@link Model}.
 */
public enum AnalyticAcquisition {
    EI, LOG_EI, PI, LOG_PI, UCB;

    /** Value at (mean, std); param is best_f (EI, LogEI, PI) or β (UCB). out, if non-null (length 2), gets (∂/∂μ, ∂/∂σ). */
    public double value(double mean, double std, double param, double[] out) {
        switch (this) {
            case UCB: {
                double sb = Math.sqrt(param);
                if (out != null) { out[0] = 1; out[1] = sb; }
                return mean + sb * std;
            }
            case EI: {
                double z = (mean - param) / std;
                double cdf = SafeMath.cdf(z), pdf = SafeMath.phi(z);
                if (out != null) { out[0] = cdf; out[1] = pdf; }
                return std * (pdf + z * cdf);
            }
            case LOG_EI: {
                double z = (mean - param) / std;
                double logH = SafeMath.logEiHelper(z);
                if (out != null) {
                    // d/dμ = Φ(z)/(σ h(z)); d/dσ = φ(z)/(σ h(z))
                    out[0] = Math.exp(SafeMath.logCdf(z) - logH) / std;
                    out[1] = Math.exp(SafeMath.logPhi(z) - logH) / std;
                }
                return Math.log(std) + logH;
            }
            case PI: {
                double z = (mean - param) / std;
                double pdf = SafeMath.phi(z);
                if (out != null) { out[0] = pdf / std; out[1] = -pdf * z / std; }
                return SafeMath.cdf(z);
            }
            case LOG_PI: {
                double z = (mean - param) / std;
                double lc = SafeMath.logCdf(z);
                if (out != null) {
                    double ratio = Math.exp(SafeMath.logPhi(z) - lc);
                    out[0] = ratio / std;
                    out[1] = -ratio * z / std;
                }
                return lc;
            }
            default: throw new IllegalStateException();
        }
    }

    /** This function over the latent posterior of the model at one candidate (q = 1). Thread-safe. */
    public AcquisitionFunction of(Model gp, double param) {
        AnalyticAcquisition kind = this;
        return new AcquisitionFunction() {
            @Override public int q() { return 1; }
            @Override public int dimension() { return gp.dimension(); }
            @Override public double evaluate(double[] x, double[] grad) {
                double[] mean = new double[1], var = new double[1];
                gp.predict(x, 1, mean, var);
                double std = Math.sqrt(var[0]);
                double[] g = grad == null ? null : new double[2];
                double v = kind.value(mean[0], std, param, g);
                if (grad != null) {
                    java.util.Arrays.fill(grad, 0, gp.dimension(), 0);
                    gp.posterior(x, 1).backpropagateMeanStd(new double[] {g[0]}, new double[] {g[1]}, grad);
                }
                return v;
            }
        };
    }
}

package dev.sextant.surrogate.bayes;

/** An unnormalised log density over a parameter vector; −∞ where the density is zero. */
@FunctionalInterface
public interface LogDensity {
    /** log p(θ) up to a constant; θ not modified. */
    double at(double[] theta);
}

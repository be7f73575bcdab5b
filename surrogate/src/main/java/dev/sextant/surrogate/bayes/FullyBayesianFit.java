package dev.sextant.surrogate.bayes;

import dev.sextant.surrogate.gp.GaussianProcess;
import java.util.List;

/**
 * The result of {@link FullyBayesianGp#sample}: S members, each a GP with one posterior draw of the hyperparameters
 * (and of the mean constant from its conditional posterior) on the MAP fit's standardised data, so every member is in
 * the MAP fit's model units; the chain's draws of the sampled vector ({@code parameterNames} names its entries:
 * the kernel's log-hyperparameters, log_noise when inferred, log_tau under SAAS); whether the SAAS prior was used;
 * and the per-input posterior median lengthscales (exp of the median log lengthscale; empty for kernels without d
 * ARD lengthscales).
 */
public record FullyBayesianFit(List<GaussianProcess> members, Draws draws, List<String> parameterNames, boolean saas,
                               double[] medianLengthscales) {
    public FullyBayesianFit {
        members = List.copyOf(members);
        parameterNames = List.copyOf(parameterNames);
        medianLengthscales = medianLengthscales.clone();
        if (members.isEmpty()) throw new IllegalArgumentException("a fully Bayesian fit needs at least one member");
    }

    @Override
    public double[] medianLengthscales() {
        return medianLengthscales.clone();
    }

    /** Number of members S. */
    public int size() {
        return members.size();
    }
}

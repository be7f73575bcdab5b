package dev.sextant.surrogate.bayes;

import dev.sextant.surrogate.gp.GaussianProcess;
import java.util.List;

/**
 * The result of {@link FullyBayesianGp#sample}: S members, each a GP with one posterior draw of the hyperparameters
 * (and of the mean constant from its conditional posterior) on the MAP fit's standardised data, so every member is in
 * the MAP fit's model units; the chain's draws of the sampled vector ({@code parameterNames} names its entries:
 * the kernel's log-hyperparameters, log_noise when inferred, log_tau under SAAS); whether the SAAS prior was used;
 * the per-input posterior median lengthscales (exp of the median log lengthscale; empty for kernels without d
 * ARD lengthscales); whether the chain continued an earlier one ({@code continued}); and the state to continue it
 * from on the next generation's data.
 */
public record FullyBayesianFit(List<GaussianProcess> members, Draws draws, List<String> parameterNames, boolean saas,
                               double[] medianLengthscales, boolean continued, ChainState state) {
    public FullyBayesianFit {
        if (state == null) throw new IllegalArgumentException("a fully Bayesian fit needs its chain state");
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

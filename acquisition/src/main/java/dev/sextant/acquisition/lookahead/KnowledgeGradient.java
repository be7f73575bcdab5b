package dev.sextant.acquisition.lookahead;

import dev.sextant.surrogate.model.GpModel;

/**
 * One-shot knowledge gradient (q = 1): the one-step lookahead tree with a posterior-mean value,
 * KG(x₀) ≈ (1/m) Σᵢ max_{x₁⁽ⁱ⁾} μ(x₁⁽ⁱ⁾ | D ∪ (x₀, y⁽ⁱ⁾)) − max_{x ∈ data} μ(x | D), the inner maxima replaced by free
 * points x₁⁽ⁱ⁾ optimised jointly with x₀ (as BoTorch's qKnowledgeGradient one-shot form).
 */
public final class KnowledgeGradient {
    private KnowledgeGradient() {
    }

    /** The lookahead configured as KG with m fantasies. */
    public static MultiStepLookahead create(GpModel model, int fantasies, long seed) {
        return new MultiStepLookahead(model, LookaheadOptions.knowledgeGradient(fantasies, seed));
    }

    /** KG value of a one-shot tree ((1 + m)×d: x₀ then the m fantasy points; not modified). */
    public static double value(GpModel model, double[] tree, int fantasies) {
        return create(model, fantasies, 0).value(tree);
    }
}

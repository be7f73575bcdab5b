package dev.sextant.acquisition.lookahead;

/**
 * An optimised tree.
 *
 * @param proposal    the first-stage point x₀ (d, unit cube): the candidate to evaluate next
 * @param tree        all N decision points, N×d row-major, breadth first (node 0 = x₀); the warm start of the next call
 * @param value       the tree value in the units of {@link LeafValue}
 * @param evaluations objective evaluations spent
 */
public record LookaheadResult(double[] proposal, double[] tree, double value, int evaluations) {
    public LookaheadResult {
        proposal = proposal.clone();
        tree = tree.clone();
    }

    @Override
    public double[] proposal() {
        return proposal.clone();
    }

    @Override
    public double[] tree() {
        return tree.clone();
    }
}

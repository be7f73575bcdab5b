package dev.sextant.acquisition.lookahead;

/** What a lookahead tree scores. */
public enum LeafValue {
    /**
     * Expected cumulative improvement (Jiang et al. 2020): the EI of every node of the tree, each with the incumbent
     * updated by the fantasy observations on its path, weighted by its path probability. Reported as the value.
     */
    EXPECTED_IMPROVEMENT,
    /** The same tree value reported as its logarithm (what is optimised in both EI cases: same maximiser). */
    LOG_EXPECTED_IMPROVEMENT,
    /** Posterior mean at the leaves only, minus the current best posterior mean (one step: the knowledge gradient). */
    POSTERIOR_MEAN
}

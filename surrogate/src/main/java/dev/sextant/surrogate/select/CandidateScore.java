package dev.sextant.surrogate.select;

/**
 * One fitted candidate's leave-one-out score.
 *
 * @param choice    the candidate
 * @param transform the fitted transform in words (e.g. "yeo-johnson(λ=0.31)"), or the reason it was skipped
 * @param loo       summed exact LOO log predictive density of the observations in original units (−∞ when the
 *                  candidate could not be fitted, e.g. log of values ≤ 0)
 */
public record CandidateScore(ModelChoice choice, String transform, double loo) {
    public CandidateScore {
        if (choice == null) {
            throw new IllegalArgumentException("a candidate score needs its choice");
        }
    }
}

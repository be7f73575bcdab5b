package dev.sextant.core.trial;

/**
 * Life cycle of a trial. Legal transitions: CANDIDATE → RUNNING | COMPLETED | FAILED | ABANDONED;
 * RUNNING → COMPLETED | FAILED | ABANDONED; a finished state (COMPLETED, FAILED, ABANDONED) → nothing.
 */
public enum TrialState {
    /** Proposed (enqueued by the user) but not yet handed to a worker. */
    CANDIDATE,
    /** Handed to a worker, being evaluated. */
    RUNNING,
    /** Evaluated; its observations are final. */
    COMPLETED,
    /** The evaluation failed. */
    FAILED,
    /** Given up without a result (e.g. a worker disappeared). */
    ABANDONED;

    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == ABANDONED;
    }

    /** Whether a trial in this state may move to {@code next}; a state never transitions to itself. */
    public boolean canTransitionTo(TrialState next) {
        if (next == null) {
            return false;
        }
        return switch (this) {
            case CANDIDATE -> next == RUNNING || next == COMPLETED || next == FAILED || next == ABANDONED;
            case RUNNING -> next == COMPLETED || next == FAILED || next == ABANDONED;
            case COMPLETED, FAILED, ABANDONED -> false;
        };
    }
}

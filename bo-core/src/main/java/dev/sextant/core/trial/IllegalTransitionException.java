package dev.sextant.core.trial;

/** A trial was asked to change to a state its current state does not allow (see {@link TrialState#canTransitionTo}). */
public class IllegalTransitionException extends IllegalStateException {
    private final long trialId;
    private final TrialState from;
    private final TrialState to;

    public IllegalTransitionException(long trialId, TrialState from, TrialState to) {
        super(message(trialId, from, to));
        this.trialId = trialId;
        this.from = from;
        this.to = to;
    }

    public IllegalTransitionException(String message) {
        super(message);
        this.trialId = -1;
        this.from = null;
        this.to = null;
    }

    private static String message(long id, TrialState from, TrialState to) {
        String verb = switch (to) {
            case COMPLETED -> "told";
            case FAILED -> "failed";
            case ABANDONED -> "abandoned";
            case RUNNING -> "started";
            case CANDIDATE -> "made a candidate";
        };
        return "trial " + id + " is " + from + "; it cannot be " + verb + (from.isFinished() ? " again" : "")
                + " (" + from + " -> " + to + " is not allowed)";
    }

    /** The trial's number in its study, or -1 when not known. */
    public long trialId() {
        return trialId;
    }

    /** The state the trial was in, or null when not known. */
    public TrialState from() {
        return from;
    }

    /** The state that was refused, or null when not known. */
    public TrialState to() {
        return to;
    }
}

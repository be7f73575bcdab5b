package dev.sextant.store;

/** What {@link DatabaseStorage#reapStale} does with a RUNNING trial whose worker stopped sending heartbeats. */
public enum StaleTrialPolicy {
    /** Mark it ABANDONED. */
    ABANDON,
    /** Mark it ABANDONED and enqueue a new CANDIDATE trial with the same parameters (claimed by the next ask). */
    REQUEUE
}

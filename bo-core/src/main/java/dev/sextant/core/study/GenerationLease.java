package dev.sextant.core.study;

/**
 * The right to generate trials for one study, held by one caller at a time across every process sharing a
 * {@link Storage} (see {@link Storage#acquireGenerationLease} and {@link Storage#tryAcquireGenerationLease}). While it
 * is held, the holder reads the study, generates and creates its trials; nobody else generates for the study, so no
 * two workers propose from the same state (the same Sobol index, the same acquisition optimum) and a trial budget
 * counted under the lease is exact. Closing releases it; closing twice is harmless.
 */
public interface GenerationLease extends AutoCloseable {
    /** A lease that serialises nothing (storages living in one process, where {@link Study}'s lock suffices). */
    GenerationLease LOCAL = () -> { };

    /**
     * How many trials other askers (in other processes) were waiting for when this lease was taken, as they announced
     * with {@link Storage#tryAcquireGenerationLease}: the holder generates those too and queues them as CANDIDATE
     * trials for the waiters to claim without generating. 0 by default.
     */
    default int waitingElsewhere() {
        return 0;
    }

    @Override
    void close();
}

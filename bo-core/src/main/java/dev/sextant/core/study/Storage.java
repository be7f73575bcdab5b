package dev.sextant.core.study;

import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where studies and their trials live (the storage SPI). Implementations: {@link InMemoryStorage} here, a database
 * storage in the store module. Every implementation passes the contract test {@code StorageContractTest} (bo-core
 * test-jar).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Snapshots.</b> Every {@link Trial} returned is an immutable snapshot of the trial at the moment of the call;
 *       later changes produce new snapshots and never alter one already returned. A study spec, once created, never
 *       changes (a study can only be deleted as a whole).</li>
 *   <li><b>Numbers.</b> {@link #createTrial} gives each trial the next number of its study: 1, 2, 3 ... in
 *       creation order, without gaps, never reused within the study, and never the same twice even when several
 *       processes sharing the storage create trials at once. Every method taking a {@code trialNumber} means this
 *       per-study number; a storage's own row ids stay internal. {@link #trials} lists a study's trials ordered by
 *       number.</li>
 *   <li><b>Atomic, checked transitions.</b> {@link #claimCandidate}, {@link #complete}, {@link #fail} and
 *       {@link #abandon} each read and change one trial atomically (as one transaction: concurrent callers, also in
 *       other processes, cannot both succeed on the same trial), and only along the transitions allowed by
 *       {@link TrialState#canTransitionTo}; otherwise they throw
 *       {@link dev.sextant.core.trial.IllegalTransitionException}. {@link #claimCandidate} hands each CANDIDATE to
 *       exactly one caller, oldest (lowest number) first.</li>
 *   <li><b>A rejected call changes nothing.</b> Any exception (unknown study or trial, illegal transition, invalid
 *       argument, existing study) leaves the storage exactly as it was.</li>
 *   <li><b>Typed errors.</b> Unknown study: {@link UnknownStudyException}; unknown trial number within a known study:
 *       {@link UnknownTrialException}; duplicate study name: {@link StudyExistsException}; bad arguments (such as a
 *       null map or creating a trial in a finished state other than COMPLETED): IllegalArgumentException.</li>
 *   <li><b>What is stored, is returned.</b> Parameters, values and generation maps read back equal (as maps, with
 *       numbers of the same boxed type: Long, Double) to what was written; {@code updated} moves on each change;
 *       {@code worker} is set by createTrial/claimCandidate; FAILED trials keep their reason.</li>
 *   <li><b>Thread-safety.</b> All methods may be called from many threads at once.</li>
 * </ul>
 * Storages do not validate parameters against the search space or metrics against the spec; {@link Study} does that
 * before calling them.
 */
public interface Storage extends AutoCloseable {
    /** Stores a new study. Throws {@link StudyExistsException} if the name is taken. */
    void createStudy(StudySpec spec);

    Optional<StudySpec> loadStudy(String name);

    /**
     * Deletes a study with all its trials, observations and notes; its name becomes free again. Throws
     * {@link UnknownStudyException} when there is no such study (nothing changes then).
     */
    void deleteStudy(String name);

    /** Names of all studies, in creation order. */
    List<String> studyNames();

    /**
     * Creates a trial with the study's next number. {@code state} is CANDIDATE, RUNNING or COMPLETED (COMPLETED requires
     * values; the others ignore them unless non-empty, which is an error). {@code worker} may be null. The maps are
     * copied.
     */
    Trial createTrial(String study, TrialState state, Map<String, Object> parameters, Map<String, Observation> values,
                      String generator, Map<String, Object> generation, String worker);

    /** Atomically moves the oldest CANDIDATE of the study to RUNNING for {@code worker}; empty when there is none. */
    Optional<Trial> claimCandidate(String study, String worker);

    /** RUNNING or CANDIDATE → COMPLETED with these values. */
    Trial complete(String study, long trialNumber, Map<String, Observation> values);

    /** CANDIDATE or RUNNING → FAILED with a reason (may be null). */
    Trial fail(String study, long trialNumber, String reason);

    /** CANDIDATE or RUNNING → ABANDONED. */
    Trial abandon(String study, long trialNumber);

    /** Records that the worker is alive: refreshes {@code updated} of a RUNNING trial; no-op for other states. */
    void heartbeat(String study, long trialNumber);

    Optional<Trial> trial(String study, long trialNumber);

    /** All trials of the study ordered by number. Throws {@link UnknownStudyException} for an unknown study. */
    List<Trial> trials(String study);

    /**
     * Takes the study's generation lease for the calling thread, waiting while another holder (in any process
     * sharing this storage) has it. Trials created by this thread while the lease is held are created under it; a
     * storage shared between processes checks in the creating transaction that the lease is still held and throws
     * {@link GenerationLeaseLostException} when it has expired. The default, for storages that live in one process,
     * serialises nothing ({@link Study} already serialises generation within the process). Throws
     * {@link UnknownStudyException} for an unknown study.
     */
    default GenerationLease acquireGenerationLease(String study) {
        return GenerationLease.LOCAL;
    }

    /**
     * Takes the study's generation lease for the calling thread if nobody holds it, without waiting; empty when another
     * holder has it. An empty answer with {@code waitingFor > 0} also announces that the calling thread waits for that
     * many trials (a holder sees the sum of the announcements in {@link GenerationLease#waitingElsewhere()}); the
     * announcement lasts until this thread takes the lease, calls {@link #stopWaiting}, or stops calling for a few
     * seconds. The default, for storages that live in one process, always gives {@link GenerationLease#LOCAL}. Throws
     * {@link UnknownStudyException} for an unknown study.
     */
    default java.util.Optional<GenerationLease> tryAcquireGenerationLease(String study, int waitingFor) {
        return java.util.Optional.of(GenerationLease.LOCAL);
    }

    /**
     * Announces, as an empty {@link #tryAcquireGenerationLease} does, that the calling thread waits for {@code count}
     * trials of the study, without trying to take the lease (a worker that would rather have a warm holder generate for
     * it). The default, for storages that live in one process, does nothing.
     */
    default void announceWaiting(String study, int count) {
    }

    /** Withdraws the calling thread's announcement of waiting for trials of the study (see above); no-op if none. */
    default void stopWaiting(String study) {
    }

    /**
     * RUNNING (or CANDIDATE) → ABANDONED and a new CANDIDATE with the same parameters and generation record, as one
     * atomic step (a worker counting the study's unfinished trials never sees the point missing); returns the new
     * candidate. Throws {@link dev.sextant.core.trial.IllegalTransitionException} when the trial is finished (nothing
     * changes then). The default runs the two steps one after the other, enough for a storage in one process.
     */
    default Trial requeue(String study, long trialNumber) {
        Trial abandoned = abandon(study, trialNumber);
        return createTrial(study, TrialState.CANDIDATE, abandoned.parameters(), Map.of(), abandoned.generator(),
                abandoned.generation(), null);
    }

    @Override
    default void close() {
    }
}

package dev.sextant.core.study;

import dev.sextant.core.trial.IllegalTransitionException;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Storage} in this process's memory (lost when the process ends). Thread-safe: one lock per storage guards
 * all state, so every call is atomic. Trials are immutable records, so snapshots are shared without copying.
 */
public final class InMemoryStorage implements Storage {
    private final Object lock = new Object();
    private final Map<String, StudySpec> specs = new LinkedHashMap<>();
    private final Map<String, Trials> trials = new LinkedHashMap<>();
    private final Clock clock;
    private Instant last = Instant.EPOCH;

    public InMemoryStorage() {
        this(Clock.systemUTC());
    }

    /** With a given clock (tests). */
    public InMemoryStorage(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void createStudy(StudySpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("study spec is null");
        }
        synchronized (lock) {
            if (specs.containsKey(spec.name())) {
                throw new StudyExistsException("a study named '" + spec.name() + "' already exists; choose another name or"
                        + " open the existing study");
            }
            specs.put(spec.name(), spec);
            trials.put(spec.name(), new Trials());
        }
    }

    @Override
    public void deleteStudy(String name) {
        synchronized (lock) {
            studyTrials(name);
            specs.remove(name);
            trials.remove(name);
        }
    }

    @Override
    public Optional<StudySpec> loadStudy(String name) {
        synchronized (lock) {
            return Optional.ofNullable(specs.get(name));
        }
    }

    @Override
    public List<String> studyNames() {
        synchronized (lock) {
            return List.copyOf(specs.keySet());
        }
    }

    @Override
    public Trial createTrial(String study, TrialState state, Map<String, Object> parameters, Map<String, Observation> values,
                             String generator, Map<String, Object> generation, String worker) {
        if (state != TrialState.CANDIDATE && state != TrialState.RUNNING && state != TrialState.COMPLETED) {
            throw new IllegalArgumentException("a new trial must be CANDIDATE, RUNNING or COMPLETED, not " + state);
        }
        if (parameters == null) {
            throw new IllegalArgumentException("a new trial needs parameters");
        }
        Map<String, Observation> v = values == null ? Map.of() : values;
        if (state == TrialState.COMPLETED && v.isEmpty()) {
            throw new IllegalArgumentException("a COMPLETED trial needs values");
        }
        if (state != TrialState.COMPLETED && !v.isEmpty()) {
            throw new IllegalArgumentException("a " + state + " trial cannot have values yet");
        }
        synchronized (lock) {
            Trials list = studyTrials(study);
            Instant now = now();
            // build first: a constructor exception must not consume a number or change anything
            Trial t = new Trial(list.byPosition.size() + 1L, study, state, parameters, v, generator, generation, now, now, null, worker);
            list.add(t);
            return t;
        }
    }

    @Override
    public Optional<Trial> claimCandidate(String study, String worker) {
        synchronized (lock) {
            Trials list = studyTrials(study);
            for (int i = 0; i < list.byPosition.size(); i++) {
                Trial t = list.byPosition.get(i);
                if (t.state() == TrialState.CANDIDATE) {
                    Trial next = t.with(TrialState.RUNNING, t.values(), now(), null, worker);
                    list.byPosition.set(i, next);
                    return Optional.of(next);
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public Trial complete(String study, long trialNumber, Map<String, Observation> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("completing trial " + trialNumber + " needs values");
        }
        return transition(study, trialNumber, TrialState.COMPLETED, values, null);
    }

    @Override
    public Trial fail(String study, long trialNumber, String reason) {
        return transition(study, trialNumber, TrialState.FAILED, null, reason);
    }

    @Override
    public Trial abandon(String study, long trialNumber) {
        return transition(study, trialNumber, TrialState.ABANDONED, null, null);
    }

    private Trial transition(String study, long trialNumber, TrialState to, Map<String, Observation> values, String reason) {
        synchronized (lock) {
            Trial t = existing(study, trialNumber);
            if (!t.state().canTransitionTo(to)) {
                throw new IllegalTransitionException(trialNumber, t.state(), to);
            }
            Trial next = t.with(to, values == null ? t.values() : values, now(), reason, t.worker());
            trials.get(study).replace(next);
            return next;
        }
    }

    @Override
    public void heartbeat(String study, long trialNumber) {
        synchronized (lock) {
            Trial t = existing(study, trialNumber);
            if (t.state() == TrialState.RUNNING) {
                trials.get(study).replace(t.with(t.state(), t.values(), now(), t.failureReason(), t.worker()));
            }
        }
    }

    @Override
    public Optional<Trial> trial(String study, long trialNumber) {
        synchronized (lock) {
            return Optional.ofNullable(studyTrials(study).get(trialNumber));
        }
    }

    @Override
    public List<Trial> trials(String study) {
        synchronized (lock) {
            return List.copyOf(studyTrials(study).byPosition);
        }
    }

    private Trials studyTrials(String study) {
        Trials map = trials.get(study);
        if (map == null) {
            throw new UnknownStudyException("no study named '" + study + "'; create it first (known: " + specs.keySet() + ")");
        }
        return map;
    }

    private Trial existing(String study, long trialNumber) {
        Trial t = studyTrials(study).get(trialNumber);
        if (t == null) {
            throw new UnknownTrialException("study '" + study + "' has no trial " + trialNumber);
        }
        return t;
    }

    /** One study's trials in number order (trial n sits at position n - 1). */
    private static final class Trials {
        final List<Trial> byPosition = new ArrayList<>();

        void add(Trial t) {
            byPosition.add(t);
        }

        Trial get(long number) {
            return number < 1 || number > byPosition.size() ? null : byPosition.get((int) (number - 1));
        }

        void replace(Trial t) {
            byPosition.set((int) (t.number() - 1), t);
        }
    }

    /** Monotone clock reading (never goes back, so updated >= created). */
    private Instant now() {
        Instant n = clock.instant();
        if (n.isBefore(last)) {
            n = last;
        }
        last = n;
        return n;
    }
}

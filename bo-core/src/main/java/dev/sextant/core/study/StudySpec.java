package dev.sextant.core.study;

import dev.sextant.core.space.SearchSpace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything that defines a study: its unique name, search space, objectives (one, the usual case, or several for a
 * Pareto front), outcome constraints, generation settings and seed (every random choice of the study derives from
 * it). Immutable. Settings whose acquisition is left to the default (null) are resolved to
 * {@link GenerationSettings#defaultAcquisition(int)} for the objectives (qlognei for one, qlognehvi for several), so
 * {@code generation().acquisition()} is never null; an acquisition set explicitly is kept as given (the installed
 * strategy rejects a single-objective one on a study with several objectives when the study is created).
 *
 * @param objectives one or more objectives on distinct metrics, in order; unmodifiable
 */
public record StudySpec(String name, SearchSpace space, List<Objective> objectives,
                        List<OutcomeConstraint> outcomeConstraints, GenerationSettings generation, long seed) {
    public StudySpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("study name is empty; give the study a name");
        }
        if (!name.strip().equals(name) || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("study name '" + name + "' has surrounding spaces or control characters");
        }
        if (name.length() > 200) {
            throw new IllegalArgumentException("study name is " + name.length() + " characters long; use at most 200");
        }
        if (space == null) {
            throw new IllegalArgumentException("study '" + name + "' has no search space");
        }
        if (objectives == null || objectives.isEmpty()) {
            throw new IllegalArgumentException("study '" + name + "' has no objective");
        }
        Set<String> seen = new HashSet<>();
        for (Objective o : objectives) {
            if (o == null) {
                throw new IllegalArgumentException("study '" + name + "' has a null objective");
            }
            if (!seen.add(o.metric())) {
                throw new IllegalArgumentException("study '" + name + "' names metric '" + o.metric()
                        + "' in two objectives; give each objective its own metric");
            }
        }
        objectives = List.copyOf(objectives);
        outcomeConstraints = List.copyOf(outcomeConstraints == null ? List.of() : outcomeConstraints);
        // the default acquisition depends on the objectives: resolved here, so a spec names what is really used
        generation = (generation == null ? GenerationSettings.defaults() : generation).resolvedFor(objectives.size());
    }

    /** A single-objective spec. */
    public StudySpec(String name, SearchSpace space, Objective objective, List<OutcomeConstraint> outcomeConstraints,
                     GenerationSettings generation, long seed) {
        this(name, space, objective == null ? null : List.of(objective), outcomeConstraints, generation, seed);
    }

    /** A spec with no outcome constraints, default generation settings and seed 0. */
    public static StudySpec of(String name, SearchSpace space, Objective objective) {
        return new StudySpec(name, space, objective, List.of(), GenerationSettings.defaults(), 0L);
    }

    /** A copy with another seed. */
    public StudySpec withSeed(long newSeed) {
        return new StudySpec(name, space, objectives, outcomeConstraints, generation, newSeed);
    }

    /** Whether the study has more than one objective (it then has a Pareto front instead of one best trial). */
    public boolean isMultiObjective() {
        return objectives.size() > 1;
    }

    /**
     * The objective of a single-objective study.
     *
     * @throws MultiObjectiveException when the study has several objectives: use {@link #objectives()}
     */
    public Objective objective() {
        if (objectives.size() > 1) {
            throw new MultiObjectiveException("study '" + name + "' has " + objectives.size() + " objectives ("
                    + String.join(", ", objectiveMetrics()) + "); this operation supports one objective only");
        }
        return objectives.get(0);
    }

    /** The objective metric names, in order. Unmodifiable. */
    public List<String> objectiveMetrics() {
        return objectives.stream().map(Objective::metric).toList();
    }

    /** Distinct metric names: the objective metrics first, then the outcome-constraint metrics in order. Unmodifiable. */
    public List<String> metrics() {
        Set<String> m = new LinkedHashSet<>();
        for (Objective o : objectives) {
            m.add(o.metric());
        }
        for (OutcomeConstraint c : outcomeConstraints) {
            m.add(c.metric());
        }
        return List.copyOf(new ArrayList<>(m));
    }
}

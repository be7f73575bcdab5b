package dev.sextant.core.study;

import dev.sextant.core.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything that defines a study: its unique name, search space, objective, outcome constraints, generation
 * settings and seed (every random choice of the study derives from it). Immutable.
 */
public record StudySpec(String name, SearchSpace space, Objective objective, List<OutcomeConstraint> outcomeConstraints,
                        GenerationSettings generation, long seed) {
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
        if (objective == null) {
            throw new IllegalArgumentException("study '" + name + "' has no objective");
        }
        outcomeConstraints = List.copyOf(outcomeConstraints == null ? List.of() : outcomeConstraints);
        if (generation == null) {
            generation = GenerationSettings.defaults();
        }
    }

    /** A spec with no outcome constraints, default generation settings and seed 0. */
    public static StudySpec of(String name, SearchSpace space, Objective objective) {
        return new StudySpec(name, space, objective, List.of(), GenerationSettings.defaults(), 0L);
    }

    /** A copy with another seed. */
    public StudySpec withSeed(long newSeed) {
        return new StudySpec(name, space, objective, outcomeConstraints, generation, newSeed);
    }

    /** Distinct metric names: the objective metric first, then the outcome-constraint metrics in order. Unmodifiable. */
    public List<String> metrics() {
        Set<String> m = new LinkedHashSet<>();
        m.add(objective.metric());
        for (OutcomeConstraint c : outcomeConstraints) {
            m.add(c.metric());
        }
        return List.copyOf(new ArrayList<>(m));
    }
}

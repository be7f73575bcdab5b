package dev.sextant.core.space;

import java.util.List;

/**
 * An unordered choice among strings, numbers or booleans (encoded one-hot). Choices are stored in canonical form
 * (Long for integral numbers, Double for the others); numbers match numerically (3 matches 3.0).
 */
public record CategoricalParameter(String name, List<Object> choices) implements Parameter {
    public CategoricalParameter {
        choices = Checks.choices(name, choices);
    }

    /** Index of the choice equal to value, or -1. */
    public int indexOf(Object value) {
        return Checks.indexOfChoice(choices, value);
    }
}

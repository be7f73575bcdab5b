package dev.sextant.core.space;

import java.util.List;

/**
 * An ordered choice among strings, numbers or booleans (encoded by rank). Choices are stored in canonical form
 * (Long for integral numbers, Double for the others), in the given order.
 */
public record OrdinalParameter(String name, List<Object> choices) implements Parameter {
    public OrdinalParameter {
        choices = Checks.choices(name, choices);
    }

    /** Rank of the choice equal to value, or -1. */
    public int indexOf(Object value) {
        return Checks.indexOfChoice(choices, value);
    }
}

package dev.sextant.core.space;

/**
 * One dimension of a search space. Implementations are immutable records validated in their constructors
 * (they throw {@link InvalidSearchSpaceException} naming the parameter and what to fix).
 */
public sealed interface Parameter permits FloatParameter, IntParameter, CategoricalParameter, OrdinalParameter, FixedParameter {
    /** The parameter name, unique within a search space; never blank. */
    String name();
}

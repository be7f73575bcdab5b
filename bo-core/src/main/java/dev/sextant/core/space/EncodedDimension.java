package dev.sextant.core.space;

/**
 * One coordinate of the unit-cube encoding.
 *
 * @param parameter the parameter it encodes
 * @param kind      how values map to this coordinate
 * @param levels    number of discrete values (INTEGER: high-low+1, capped at Integer.MAX_VALUE; ORDINAL and ONE_HOT:
 *                  number of choices; CONTINUOUS: 0)
 */
public record EncodedDimension(String parameter, Kind kind, int levels) {
    /** How a coordinate encodes its parameter. */
    public enum Kind {
        /** float, linear or log scale: u in [0,1] maps affinely to value or log(value). */
        CONTINUOUS,
        /** integer: each integer owns an equal-width slice of [0,1] (in log space for log scale); encoded at its centre. */
        INTEGER,
        /** ordinal: rank r of L choices owns [r/L, (r+1)/L); encoded at (r+0.5)/L. */
        ORDINAL,
        /** one coordinate of a categorical's one-hot block (1 for the chosen category, 0 elsewhere; decode = argmax). */
        ONE_HOT
    }

    public EncodedDimension {
        if (parameter == null || kind == null || levels < 0) {
            throw new IllegalArgumentException("encoded dimension needs a parameter, a kind and levels >= 0");
        }
    }
}

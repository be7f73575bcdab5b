package dev.sextant.core.space;

/**
 * An integer parameter in [low, high] (both included), on a linear or logarithmic scale (log requires low &gt;= 1).
 * Canonical values are {@link Long}. The range may hold at most 2^52 values.
 */
public record IntParameter(String name, long low, long high, boolean log) implements Parameter {
    static final long MAX_SPAN = 1L << 52;

    public IntParameter {
        Checks.name(name, "parameter");
        if (low >= high) {
            throw new InvalidSearchSpaceException("lower bound " + low + " is not below upper bound " + high + " for parameter '"
                    + name + "'; make low < high (use a fixed parameter for a single value)");
        }
        if (log && low <= 0) {
            throw new InvalidSearchSpaceException("parameter '" + name + "' is on a log scale but its lower bound " + low
                    + " is not positive; make low >= 1 or use a linear scale");
        }
        if (log && high > (1L << 40)) {
            throw new InvalidSearchSpaceException("parameter '" + name + "' is a log-scale integer with upper bound " + high
                    + " above 2^40; use a log-scale float parameter instead");
        }
        if (high - low < 0 || high - low >= MAX_SPAN) {
            throw new InvalidSearchSpaceException("parameter '" + name + "' has range " + low + " .. " + high
                    + " with more than 2^52 values; narrow it or use a float parameter");
        }
    }

    /** Linear-scale integer parameter. */
    public IntParameter(String name, long low, long high) {
        this(name, low, high, false);
    }

    /** Number of values, high - low + 1. */
    public long size() {
        return high - low + 1;
    }
}

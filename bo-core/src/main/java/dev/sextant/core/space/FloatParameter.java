package dev.sextant.core.space;

/**
 * A real parameter in [low, high], on a linear or logarithmic scale (log requires low &gt; 0).
 * Canonical values are {@link Double}.
 */
public record FloatParameter(String name, double low, double high, boolean log) implements Parameter {
    public FloatParameter {
        Checks.name(name, "parameter");
        if (Double.isNaN(low) || Double.isNaN(high)) {
            throw new InvalidSearchSpaceException("parameter '" + name + "' has a NaN bound (low " + low + ", high " + high
                    + "); give finite numbers");
        }
        if (Double.isInfinite(low) || Double.isInfinite(high)) {
            throw new InvalidSearchSpaceException("parameter '" + name + "' has an infinite bound (low " + low + ", high " + high
                    + "); give finite numbers");
        }
        if (low >= high) {
            throw new InvalidSearchSpaceException("lower bound " + low + " is not below upper bound " + high + " for parameter '"
                    + name + "'; make low < high (use a fixed parameter for a single value)");
        }
        if (log && low <= 0) {
            throw new InvalidSearchSpaceException("parameter '" + name + "' is on a log scale but its lower bound " + low
                    + " is not positive; make low > 0 or use a linear scale");
        }
        if (!Double.isFinite(high - low)) {
            throw new InvalidSearchSpaceException("parameter '" + name + "' has a range " + low + " .. " + high
                    + " too wide to represent; narrow it");
        }
    }

    /** Linear-scale float parameter. */
    public FloatParameter(String name, double low, double high) {
        this(name, low, high, false);
    }
}

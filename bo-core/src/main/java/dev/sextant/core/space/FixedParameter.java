package dev.sextant.core.space;

/** A parameter held at one value (string, number or boolean); it takes no room in the unit-cube encoding. */
public record FixedParameter(String name, Object value) implements Parameter {
    public FixedParameter {
        Checks.name(name, "parameter");
        if (value == null) {
            throw new InvalidSearchSpaceException("fixed parameter '" + name + "' has no value; give a string, number or boolean");
        }
        Object c;
        try {
            c = Checks.canonicalValue(value);
        } catch (ArithmeticException e) {
            throw new InvalidSearchSpaceException("fixed parameter '" + name + "' has value " + value + " outside the long range");
        }
        if (!Checks.allowedChoice(c)) {
            throw new InvalidSearchSpaceException("fixed parameter '" + name + "' has value " + Checks.quote(value)
                    + "; use a string, finite number or boolean");
        }
        value = c;
    }
}

package dev.sextant.core.space;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Shared validation helpers. */
final class Checks {
    private Checks() {
    }

    static String name(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new InvalidSearchSpaceException(what + " name is empty; give every parameter a non-blank name");
        }
        if (!name.strip().equals(name)) {
            throw new InvalidSearchSpaceException(what + " name '" + name + "' has leading or trailing spaces; remove them");
        }
        return name;
    }

    static String quote(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }

    /** Canonical form of a choice or fixed value: Long for integral boxed types, Double for Float, others as is. */
    static Object canonicalValue(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof BigInteger b) {
            return b.longValueExact();
        }
        if (value instanceof BigDecimal b) {
            return b.doubleValue();
        }
        return value;
    }

    static boolean allowedChoice(Object value) {
        return value instanceof String || value instanceof Boolean
                || value instanceof Long || (value instanceof Double d && Double.isFinite(d));
    }

    /** Value equality for choices: numbers compare numerically (3 equals 3.0), others with equals. */
    static boolean sameChoice(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Long lx && y instanceof Long ly) {
                return lx.longValue() == ly.longValue();
            }
            return x.doubleValue() == y.doubleValue();
        }
        return a.equals(b);
    }

    static List<Object> choices(String parameter, List<?> choices) {
        Checks.name(parameter, "parameter");
        if (choices == null || choices.isEmpty()) {
            throw new InvalidSearchSpaceException("parameter '" + parameter + "' has no choices; give at least one choice");
        }
        List<Object> out = new ArrayList<>(choices.size());
        for (Object raw : choices) {
            if (raw == null) {
                throw new InvalidSearchSpaceException("parameter '" + parameter + "' has a null choice; use a string, number or boolean");
            }
            Object c;
            try {
                c = canonicalValue(raw);
            } catch (ArithmeticException e) {
                throw new InvalidSearchSpaceException("parameter '" + parameter + "' has choice " + raw + " outside the long range");
            }
            if (!allowedChoice(c)) {
                throw new InvalidSearchSpaceException("parameter '" + parameter + "' has choice " + quote(raw) + " of type "
                        + raw.getClass().getSimpleName() + "; choices must be strings, finite numbers or booleans");
            }
            for (Object seen : out) {
                if (sameChoice(seen, c)) {
                    throw new InvalidSearchSpaceException("parameter '" + parameter + "' lists choice " + quote(raw)
                            + " twice; remove the duplicate");
                }
            }
            out.add(c);
        }
        return Collections.unmodifiableList(out);
    }

    static int indexOfChoice(List<Object> choices, Object value) {
        if (value == null) {
            return -1;
        }
        Object c;
        try {
            c = canonicalValue(value);
        } catch (ArithmeticException e) {
            return -1;
        }
        for (int i = 0; i < choices.size(); i++) {
            Object choice = choices.get(i);
            if (sameChoice(choice, c)) {
                return i;
            }
        }
        return -1;
    }
}

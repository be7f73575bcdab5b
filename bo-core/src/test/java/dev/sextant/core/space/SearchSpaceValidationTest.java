package dev.sextant.core.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every validation error of parameters, constraints and values, with a message that names the problem. */
class SearchSpaceValidationTest {

    private static String fails(Executable e, String... fragments) {
        InvalidSearchSpaceException ex = assertThrows(InvalidSearchSpaceException.class, e);
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), "message '" + ex.getMessage() + "' should contain '" + f + "'");
        }
        return ex.getMessage();
    }

    private static void invalidValues(SearchSpace space, Map<String, Object> values, String... fragments) {
        InvalidParametersException ex = assertThrows(InvalidParametersException.class, () -> space.validate(values));
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), "message '" + ex.getMessage() + "' should contain '" + f + "'");
        }
        assertThrows(InvalidParametersException.class, () -> space.encode(values));
    }

    @Test
    void emptyOrBlankNameIsRejected() {
        fails(() -> SearchSpace.builder().addFloat("", 0, 1), "name is empty");
        fails(() -> SearchSpace.builder().addInt("  ", 0, 1), "name is empty");
        fails(() -> SearchSpace.builder().addCategorical(null, List.of("a")), "name is empty");
        fails(() -> SearchSpace.builder().addFixed(" x", 1), "leading or trailing spaces");
    }

    @Test
    void duplicateNamesAreRejected() {
        SearchSpace.Builder b = SearchSpace.builder().addFloat("lr", 0, 1);
        fails(() -> b.addInt("lr", 0, 3), "duplicate parameter name 'lr'");
        // the builder is unchanged by the rejected call
        assertEquals(1, b.build().parameters().size());
    }

    @Test
    void lowNotBelowHighIsRejected() {
        fails(() -> SearchSpace.builder().addFloat("lr", 3.0, 1.0), "lower bound 3.0", "upper bound 1.0", "'lr'", "low < high");
        fails(() -> SearchSpace.builder().addFloat("lr", 1.0, 1.0), "'lr'", "low < high");
        fails(() -> SearchSpace.builder().addInt("n", 5, 5), "'n'", "low < high");
        fails(() -> SearchSpace.builder().addInt("n", 7, 2), "lower bound 7", "'n'");
    }

    @Test
    void logScaleNeedsPositiveLowerBound() {
        fails(() -> SearchSpace.builder().addFloat("lr", 0.0, 1.0, true), "'lr'", "log scale", "not positive");
        fails(() -> SearchSpace.builder().addFloat("lr", -1.0, 1.0, true), "'lr'", "log scale");
        fails(() -> SearchSpace.builder().addInt("n", 0, 10, true), "'n'", "log scale", "low >= 1");
        fails(() -> SearchSpace.builder().addInt("n", 1, (1L << 41), true), "'n'", "2^40");
    }

    @Test
    void nanAndInfiniteBoundsAreRejected() {
        fails(() -> SearchSpace.builder().addFloat("x", Double.NaN, 1), "'x'", "NaN");
        fails(() -> SearchSpace.builder().addFloat("x", 0, Double.NaN), "'x'", "NaN");
        fails(() -> SearchSpace.builder().addFloat("x", 0, Double.POSITIVE_INFINITY), "'x'", "infinite");
        fails(() -> SearchSpace.builder().addFloat("x", -Double.MAX_VALUE, Double.MAX_VALUE), "'x'", "too wide");
        fails(() -> SearchSpace.builder().addInt("n", Long.MIN_VALUE, Long.MAX_VALUE), "'n'", "2^52");
    }

    @Test
    void emptyOrDuplicateChoicesAreRejected() {
        fails(() -> SearchSpace.builder().addCategorical("opt", List.of()), "'opt'", "no choices");
        fails(() -> SearchSpace.builder().addOrdinal("size", List.of()), "'size'", "no choices");
        fails(() -> SearchSpace.builder().addCategorical("opt", null), "'opt'", "no choices");
        fails(() -> SearchSpace.builder().addCategorical("opt", List.of("adam", "sgd", "adam")), "'opt'", "'adam' twice");
        fails(() -> SearchSpace.builder().addOrdinal("size", List.of(1, 2, 2.0)), "'size'", "twice");
        fails(() -> SearchSpace.builder().addCategorical("opt", Arrays.asList("a", null)), "'opt'", "null choice");
        fails(() -> SearchSpace.builder().addCategorical("opt", List.of("a", List.of(1))), "'opt'", "strings, finite numbers or booleans");
        fails(() -> SearchSpace.builder().addCategorical("opt", List.of("a", Double.NaN)), "'opt'", "strings, finite numbers");
    }

    @Test
    void fixedValueMustBeScalar() {
        fails(() -> SearchSpace.builder().addFixed("f", null), "'f'", "no value");
        fails(() -> SearchSpace.builder().addFixed("f", Map.of()), "'f'", "string, finite number or boolean");
    }

    @Test
    void emptySpaceIsRejected() {
        fails(() -> SearchSpace.builder().build(), "no parameters");
    }

    @Test
    void constraintParseErrorsPointAtTheProblem() {
        SearchSpace.Builder b = SearchSpace.builder().addFloat("a", 0, 1).addFloat("b", 0, 1);
        fails(() -> b.addConstraint(""), "empty");
        fails(() -> b.addConstraint("a + b"), "missing '<=' or '>='");
        fails(() -> b.addConstraint("a + b < 1"), "expected '<=' or '>='");
        fails(() -> b.addConstraint("a + * b <= 1"), "position 5", "expected a number or a parameter name");
        fails(() -> b.addConstraint("2* <= 1"), "parameter name after '*'");
        fails(() -> b.addConstraint("a + b <= 1 1"), "unexpected");
        fails(() -> b.addConstraint("a - a <= 1"), "no parameter is left");
        fails(() -> b.addConstraint("a + b <="), "expected a number or a parameter name");
        fails(() -> b.addConstraint("a + b <= 1e999"), "not a finite number");
        assertEquals(0, b.build().constraints().size());
    }

    @Test
    void constraintsOnlyOverNumericParameters() {
        SearchSpace.Builder b = SearchSpace.builder().addFloat("a", 0, 1).addFloat("lr", 1e-4, 1, true)
                .addInt("n", 1, 100, true).addCategorical("c", List.of(1, 2)).addOrdinal("o", List.of(1, 2))
                .addFixed("f", 3);
        fails(() -> b.addConstraint("a + c <= 1"), "'c'", "categorical", "only use float and int parameters");
        fails(() -> b.addConstraint("a + o <= 1"), "'o'", "ordinal");
        fails(() -> b.addConstraint("a + f <= 1"), "'f'", "fixed");
        fails(() -> b.addConstraint("a + zz <= 1"), "unknown parameter 'zz'");
        fails(() -> b.addConstraint("a >= 2"), "cannot be satisfied", "at least");
    }

    @Test
    void valueValidationNamesTheParameter() {
        SearchSpace space = SearchSpace.builder().addFloat("x", 0, 1).addInt("n", 1, 10)
                .addCategorical("c", List.of("a", "b")).addOrdinal("o", List.of("s", "m", "l")).addFixed("f", "k")
                .addConstraint("x + n <= 10").build();
        Map<String, Object> ok = new HashMap<>(Map.of("x", 0.5, "n", 3, "c", "a", "o", "m"));
        assertEquals(Map.of("x", 0.5, "n", 3L, "c", "a", "o", "m", "f", "k"), space.validate(ok));

        invalidValues(space, with(ok, "zz", 1), "unknown parameter 'zz'");
        invalidValues(space, without(ok, "n"), "'n' is missing");
        invalidValues(space, with(ok, "x", 1.5), "'x' = 1.5 is outside [0.0, 1.0]");
        invalidValues(space, with(ok, "x", Double.NaN), "'x' is NaN");
        invalidValues(space, with(ok, "x", "0.5"), "'x' needs a number");
        invalidValues(space, with(ok, "n", 11), "'n' = 11 is outside [1, 10]");
        invalidValues(space, with(ok, "n", 2.5), "'n' needs an integer");
        invalidValues(space, with(ok, "c", "z"), "'c' = 'z'", "is not one of [a, b]");
        invalidValues(space, with(ok, "o", 1), "'o' = 1", "not one of");
        invalidValues(space, with(ok, "f", "other"), "'f' is fixed at 'k'");
        invalidValues(space, with(with(ok, "x", 1.0), "n", 10), "violate constraint x + n <= 10");
        assertThrows(InvalidParametersException.class, () -> space.validate(null));
        // integral doubles are accepted for ints
        assertEquals(4L, space.validate(with(ok, "n", 4.0)).get("n"));
    }

    private static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
        Map<String, Object> c = new HashMap<>(m);
        c.put(k, v);
        return c;
    }

    private static Map<String, Object> without(Map<String, Object> m, String k) {
        Map<String, Object> c = new HashMap<>(m);
        c.remove(k);
        return c;
    }
}

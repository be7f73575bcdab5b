package dev.sextant.core.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearConstraintTest {
    private static Map<String, Double> coef(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    @Test
    void parsesSumsAndFlipsGreaterEqual() {
        assertEquals(new LinearConstraint(coef("lr", 2, "wd", 1), 0.1), LinearConstraint.parse("2*lr + wd <= 0.1"));
        assertEquals(new LinearConstraint(coef("a", 1, "b", -1), 0), LinearConstraint.parse("a <= b"));
        assertEquals(new LinearConstraint(coef("x", -1, "y", -1), -1), LinearConstraint.parse("x + y >= 1"));
        assertEquals(new LinearConstraint(coef("a", 3, "b", -0.5), 4), LinearConstraint.parse(" 3 a - b*0.5 + 1 <= 5"));
        assertEquals(new LinearConstraint(coef("a", 2), 1), LinearConstraint.parse("a + a <= 1"));
        assertEquals(new LinearConstraint(coef("x_1.v", 1.5e-3), 2), LinearConstraint.parse("1.5e-3 * x_1.v <= 2"));
        assertEquals(new LinearConstraint(coef("a", -1), -2), LinearConstraint.parse("-a <= -2"));
    }

    @Test
    void toStringParsesBack() {
        for (String text : new String[] {"2*lr + wd <= 0.1", "a - b <= 0", "-x - 0.25*y <= -1", "x + y >= 1", "-a + b >= 2", "0.1*a + 1e-7*b <= 3"}) {
            LinearConstraint c = LinearConstraint.parse(text);
            assertEquals(c, LinearConstraint.parse(c.toString()), text);
        }
        assertEquals("2*lr + wd <= 0.1", LinearConstraint.parse("2*lr + wd <= 0.1").toString());
        assertEquals("a - b <= 0", LinearConstraint.parse("a <= b").toString());
        assertEquals("x + y >= 1", LinearConstraint.parse("x + y >= 1").toString());
        assertEquals("x >= 0", LinearConstraint.parse("0 <= x").toString());
    }

    @Test
    void satisfactionAllowsRoundingOnTheBoundary() {
        LinearConstraint c = LinearConstraint.parse("a + b <= 0.3");
        assertTrue(c.isSatisfiedBy(Map.of("a", 0.1, "b", 0.2))); // 0.30000000000000004
        assertFalse(c.isSatisfiedBy(Map.of("a", 0.1, "b", 0.2001)));
        assertFalse(c.isSatisfiedBy(Map.of("a", 0.1)));
        assertEquals(0.5, c.evaluate(Map.of("a", 0.25, "b", 0.25)), 0.0);
    }

    @Test
    void recordValidation() {
        assertThrows(InvalidSearchSpaceException.class, () -> new LinearConstraint(Map.of(), 1));
        assertThrows(InvalidSearchSpaceException.class, () -> new LinearConstraint(coef("a", 1), Double.NaN));
        assertThrows(InvalidSearchSpaceException.class, () -> new LinearConstraint(coef("a", Double.POSITIVE_INFINITY), 1));
        assertThrows(InvalidSearchSpaceException.class, () -> new LinearConstraint(coef("a", 0), 1));
        assertThrows(UnsupportedOperationException.class,
                () -> LinearConstraint.parse("a <= 1").coefficients().put("b", 1.0));
    }
}

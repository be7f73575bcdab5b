package dev.sextant.core.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.space.EncodedDimension.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncodingTest {
    private final SearchSpace space = SearchSpace.builder()
            .addFloat("x", 0, 10)
            .addInt("n", 0, 2)
            .addCategorical("c", List.of("a", "b", "c"))
            .addOrdinal("o", List.of(1, 2, 4, 8))
            .addFixed("f", true)
            .addConstraint("x + 2*n <= 11")
            .build();

    @Test
    void dimensionsAndGroups() {
        Encoding e = space.encoding();
        assertEquals(6, space.dimension());
        assertEquals(List.of(new EncodedDimension("x", Kind.CONTINUOUS, 0), new EncodedDimension("n", Kind.INTEGER, 3),
                new EncodedDimension("c", Kind.ONE_HOT, 3), new EncodedDimension("c", Kind.ONE_HOT, 3),
                new EncodedDimension("c", Kind.ONE_HOT, 3), new EncodedDimension("o", Kind.ORDINAL, 4)), e.dimensions());
        assertEquals(1, e.oneHotGroups().size());
        assertArrayEquals(new int[] {2, 3, 4}, e.oneHotGroups().get(0));
        e.oneHotGroups().get(0)[0] = 99; // copies
        assertArrayEquals(new int[] {2, 3, 4}, e.oneHotGroups().get(0));
    }

    @Test
    void integersOwnEqualSlices() {
        SearchSpace s = SearchSpace.builder().addInt("n", 0, 2).build();
        assertArrayEquals(new double[] {1.0 / 6}, s.encode(Map.of("n", 0)), 1e-15);
        assertArrayEquals(new double[] {0.5}, s.encode(Map.of("n", 1)), 1e-15);
        assertArrayEquals(new double[] {5.0 / 6}, s.encode(Map.of("n", 2)), 1e-15);
        assertEquals(0L, s.decode(new double[] {0}).get("n"));
        assertEquals(0L, s.decode(new double[] {Math.nextDown(1.0 / 3)}).get("n"));
        assertEquals(1L, s.decode(new double[] {1.0 / 3 + 1e-15}).get("n"));
        assertEquals(1L, s.decode(new double[] {Math.nextDown(2.0 / 3)}).get("n"));
        assertEquals(2L, s.decode(new double[] {2.0 / 3 + 1e-15}).get("n"));
        assertEquals(2L, s.decode(new double[] {1}).get("n"));
        // clamped outside the cube
        assertEquals(0L, s.decode(new double[] {-3}).get("n"));
        assertEquals(2L, s.decode(new double[] {7}).get("n"));
    }

    @Test
    void logScalesAreAffineInLog() {
        SearchSpace s = SearchSpace.builder().addFloat("lr", 1e-4, 1e-1, true).addInt("w", 1, 1000, true).build();
        assertEquals(1.0 / 3, s.encode(Map.of("lr", 1e-3, "w", 1))[0], 1e-12);
        assertEquals(1e-4, s.decode(new double[] {0, 0}).get("lr"));
        assertEquals(1e-1, s.decode(new double[] {1, 1}).get("lr"));
        assertEquals(1000L, s.decode(new double[] {1, 1}).get("w"));
        assertEquals(1L, s.decode(new double[] {0, 0}).get("w"));
        // integer 1 owns [log 0.5, log 1.5] of [log 0.5, log 1000.5]
        double edge = Math.log(1.5 / 0.5) / Math.log(1000.5 / 0.5);
        assertEquals(1L, s.decode(new double[] {0, edge - 1e-12}).get("w"));
        assertEquals(2L, s.decode(new double[] {0, edge + 1e-12}).get("w"));
    }

    @Test
    void snapRoundsDiscreteCoordinatesAndTakesArgmax() {
        double[] u = {1.2, 0.4, 0.2, 0.7, 0.7, 0.1};
        double[] snapped = space.encoding().snap(u);
        assertArrayEquals(new double[] {1.0, 0.5, 0, 1, 0, 0.125}, snapped, 1e-15);
        assertArrayEquals(new double[] {1.2, 0.4, 0.2, 0.7, 0.7, 0.1}, u, 0.0); // not modified
        assertThrows(IllegalArgumentException.class, () -> space.encoding().snap(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> space.decode(new double[] {0, 0, 0, 0, 0, Double.NaN}));
    }

    @Test
    void neighboursStepOneLevelOrSwitchCategory() {
        double[] base = space.encode(Map.of("x", 3.0, "n", 0, "c", "b", "o", 8));
        List<double[]> n = space.encoding().neighbours(base);
        // n: only up (0 -> 1); c: a and c; o: only down (8 -> 4)
        assertEquals(4, n.size());
        List<Map<String, Object>> decoded = n.stream().map(space::decode).toList();
        assertTrue(decoded.contains(Map.of("x", 3.0, "n", 1L, "c", "b", "o", 8L, "f", true)));
        assertTrue(decoded.contains(Map.of("x", 3.0, "n", 0L, "c", "a", "o", 8L, "f", true)));
        assertTrue(decoded.contains(Map.of("x", 3.0, "n", 0L, "c", "c", "o", 8L, "f", true)));
        assertTrue(decoded.contains(Map.of("x", 3.0, "n", 0L, "c", "b", "o", 4L, "f", true)));
    }

    @Test
    void constraintMatrixInUnitCubeForm() {
        // x = 10 u0; n = -0.5 + 3 u1 (at slice centres): x + 2n <= 11  <=>  10 u0 + 6 u1 <= 12
        assertArrayEquals(new double[] {10, 6, 0, 0, 0, 0}, space.encoding().constraintMatrix()[0], 1e-12);
        assertArrayEquals(new double[] {12}, space.encoding().constraintBounds(), 1e-12);
    }

    @Test
    void fixedOnlySpaceHasDimensionZero() {
        SearchSpace s = SearchSpace.builder().addFixed("a", 1).addFixed("b", "x").build();
        assertEquals(0, s.dimension());
        assertEquals(Map.of("a", 1L, "b", "x"), s.decode(new double[0]));
        assertEquals(0, s.encode(Map.of()).length);
    }

    @Test
    void choicesMatchNumerically() {
        SearchSpace s = SearchSpace.builder().addCategorical("c", List.of(1, 2.5, "x", false)).build();
        assertEquals(1L, s.validate(Map.of("c", 1.0)).get("c"));
        assertEquals(2.5, s.validate(Map.of("c", 2.5f)).get("c"));
        assertEquals(false, s.validate(Map.of("c", false)).get("c"));
        assertThrows(InvalidParametersException.class, () -> s.validate(Map.of("c", "1")));
    }

    @Test
    void constraintOverLogScaleParameterIsCheckedInTheUnitCubeButNotAffine() {
        // the campaign example: beta is log scale and appears in a linear constraint
        SearchSpace s = SearchSpace.builder().addFloat("guidance_scale", 0, 10).addFloat("beta", 0.01, 10, true)
                .addInt("steps", 10, 200).addConstraint("guidance_scale + 2*beta <= 20").addConstraint("steps <= 150")
                .build();
        Encoding e = s.encoding();
        assertEquals(1, e.constraintMatrix().length, "only the affine constraint is a matrix row");
        assertEquals(List.of(LinearConstraint.parse("guidance_scale + 2*beta <= 20")), e.nonlinearConstraints());
        java.util.Random random = new java.util.Random(3);
        int infeasible = 0;
        for (int k = 0; k < 2000; k++) {
            double[] u = e.snap(new double[] {random.nextDouble(), random.nextDouble(), random.nextDouble()});
            Map<String, Object> values = s.decode(u);
            assertEquals(s.satisfiesConstraints(values), e.satisfiesConstraints(u), () -> values.toString());
            infeasible += s.satisfiesConstraints(values) ? 0 : 1;
        }
        assertTrue(infeasible > 100 && infeasible < 1900, "both sides of the boundary were sampled: " + infeasible);
    }
}

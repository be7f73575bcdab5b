package dev.sextant.core.pareto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReferencePointTest {
    private static final double NaN = Double.NaN;

    @Test
    void nadirOfTheFrontMinusATenthOfItsRange() {
        // front: (1, 5), (3, 2), (4, 0); (0, 0) and (2, 1) are dominated and must not move the nadir
        double[][] y = {{1, 5}, {3, 2}, {0, 0}, {4, 0}, {2, 1}};
        assertArrayEquals(new double[] {1 - 0.3, 0 - 0.5}, ReferencePoint.infer(y, new double[] {NaN, NaN}), 1e-15);
    }

    @Test
    void thresholdsAreUsedWhereGiven() {
        double[][] y = {{1, 5}, {3, 2}, {4, 0}};
        assertArrayEquals(new double[] {2.0, -0.5}, ReferencePoint.infer(y, new double[] {2.0, NaN}), 1e-15);
        assertArrayEquals(new double[] {2.0, 7.0}, ReferencePoint.infer(new double[0][], new double[] {2.0, 7.0}));
    }

    @Test
    void aSinglePointUsesItsMagnitude() {
        double[][] y = {{-2, 0}, {-2, 0}};
        assertArrayEquals(new double[] {-2.2, -1e-9}, ReferencePoint.infer(y, new double[] {NaN, NaN}), 1e-15);
    }

    @Test
    void everyFrontPointIsStrictlyAboveTheInferredPoint() {
        double[][] y = {{0.1, 0.9, 0.3}, {0.5, 0.5, 0.5}, {0.9, 0.1, 0.2}, {0.2, 0.2, 0.95}};
        double[] ref = ReferencePoint.infer(y, new double[] {NaN, NaN, NaN});
        for (double[] p : y) {
            for (int k = 0; k < 3; k++) {
                assertTrue(p[k] > ref[k]);
            }
        }
    }

    @Test
    void nothingToInferFromIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferencePoint.infer(new double[0][], new double[] {1.0, NaN}));
        assertTrue(e.getMessage().contains("[1]"), e.getMessage());
    }
}

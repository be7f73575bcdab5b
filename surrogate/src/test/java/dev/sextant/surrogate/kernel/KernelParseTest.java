package dev.sextant.surrogate.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelParseTest {

    @Test
    void namesAliasesSumsAndProducts() {
        assertEquals(KernelType.MATERN32, Kernel.parse("Matern_32", 2).stationaryType().orElseThrow());
        assertEquals(KernelType.RBF, Kernel.parse(" se ", 2).stationaryType().orElseThrow());
        assertEquals(KernelType.MATERN52, Kernel.parse("matern", 2).stationaryType().orElseThrow());
        Kernel sum = Kernel.parse("matern52+rbf", 3);
        assertTrue(sum.stationaryType().isEmpty());
        assertEquals(2 * (3 + 1), sum.numHyperparameters());
        Kernel mixed = Kernel.parse("matern32*rbf+rbf", 2);
        assertEquals(3 * (2 + 1), mixed.numHyperparameters());
        // * binds tighter than +: (m32·rbf) + rbf at distance 0 is 1·1 + 1
        double[] p = {0.3, 0.7};
        assertEquals(2.0, mixed.value(p, 0, p, 0), 1e-15);
    }

    @Test
    void unknownNamesAreRejectedWithTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernel.parse("banana", 2));
        assertTrue(e.getMessage().contains("banana") && e.getMessage().contains(KernelType.NAMES), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kernel.parse("rbf+", 2));
        assertThrows(IllegalArgumentException.class, () -> Kernel.parse("", 2));
    }
}

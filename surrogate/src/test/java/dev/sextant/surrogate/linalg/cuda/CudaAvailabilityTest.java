package dev.sextant.surrogate.linalg.cuda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.sextant.surrogate.linalg.LinearAlgebra;

import org.junit.jupiter.api.Test;

/** Runs everywhere: creating the backend never throws, and without an NVIDIA device it is absent with a reason. */
class CudaAvailabilityTest {

    @Test
    void tryCreateNeverThrowsAndAnswersTheSameEveryTime() {
        Optional<LinearAlgebra> first = assertDoesNotThrow(CudaLinearAlgebra::tryCreate);
        Optional<LinearAlgebra> second = assertDoesNotThrow(CudaLinearAlgebra::tryCreate);
        assertSame(first, second);
        if (first.isPresent()) {
            assertTrue(first.get().name().startsWith("cuda:"), first.get().name());
            assertTrue(CudaLinearAlgebra.unavailableReason().isEmpty());
        } else {
            String reason = CudaLinearAlgebra.unavailableReason().orElseThrow();
            assertFalse(reason.isBlank());
        }
    }

    @Test
    void withoutAnNvidiaDeviceNodeTheBackendIsAbsent() {
        boolean deviceNode = Files.exists(Path.of("/dev/nvidia0")) || Files.exists(Path.of("/dev/nvidiactl"));
        org.junit.jupiter.api.Assumptions.assumeFalse(deviceNode, "this machine has an NVIDIA device node");
        assertTrue(CudaLinearAlgebra.tryCreate().isEmpty());
        assertTrue(CudaLinearAlgebra.unavailableReason().isPresent());
    }

    @Test
    void minNComesFromTheSystemPropertyOrTheUnmeasuredDefault() {
        String old = System.getProperty(CudaLinearAlgebra.MIN_N_PROPERTY);
        try {
            System.clearProperty(CudaLinearAlgebra.MIN_N_PROPERTY);
            assertEquals(CudaLinearAlgebra.DEFAULT_MIN_N, CudaLinearAlgebra.minN());
            System.setProperty(CudaLinearAlgebra.MIN_N_PROPERTY, " 5000 ");
            assertEquals(5000, CudaLinearAlgebra.minN());
            System.setProperty(CudaLinearAlgebra.MIN_N_PROPERTY, "many");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, CudaLinearAlgebra::minN);
            assertTrue(e.getMessage().contains(CudaLinearAlgebra.MIN_N_PROPERTY));
        } finally {
            if (old == null) {
                System.clearProperty(CudaLinearAlgebra.MIN_N_PROPERTY);
            } else {
                System.setProperty(CudaLinearAlgebra.MIN_N_PROPERTY, old);
            }
        }
    }

    @Test
    void mllTermsRecordValidates() {
        assertThrows(IllegalArgumentException.class, () -> new MllTerms(0, null, 0, 0, new double[0], -1));
        assertThrows(IllegalArgumentException.class, () -> new MllTerms(0, new double[1], 0, 0, new double[0], -2));
        MllTerms bad = MllTerms.notPositiveDefinite(3, 7);
        assertFalse(bad.positiveDefinite());
        assertEquals(7, bad.failedColumn());
        assertTrue(Double.isNaN(bad.kernelGradient()[2]));
    }

    @Test
    void packedGradientLayoutMatchesTheGpMarginalLikelihood() {
        MllTerms t = new MllTerms(-3.0, new double[] {1, 2, 3}, 4, 5, new double[] {0.5}, -1);
        double[] inferred = new double[DeviceGpTerms.packedLength(2, true)];
        DeviceGpTerms.packGradient(t, true, inferred);
        assertArrayEqualsExactly(new double[] {1, 2, 3, 4, 5}, inferred);
        double[] fixed = new double[DeviceGpTerms.packedLength(2, false)];
        DeviceGpTerms.packGradient(t, false, fixed);
        assertArrayEqualsExactly(new double[] {1, 2, 3, 5}, fixed);
        assertThrows(IllegalArgumentException.class, () -> DeviceGpTerms.packGradient(t, true, new double[4]));
    }

    private static void assertArrayEqualsExactly(double[] expected, double[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 0.0);
    }
}

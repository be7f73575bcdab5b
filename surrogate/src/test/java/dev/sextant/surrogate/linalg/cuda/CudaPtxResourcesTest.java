package dev.sextant.surrogate.linalg.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The committed PTX resources match what the Java side launches; no GPU needed. */
class CudaPtxResourcesTest {

    private static String text(String resource) {
        byte[] z = CudaDevice.ptx(resource);
        assertEquals(0, z[z.length - 1], "cuModuleLoadData needs a NUL-terminated image");
        return new String(z, 0, z.length - 1, StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ValueSource(strings = {CudaDevice.PTX_SM80, CudaDevice.PTX_SM75})
    void everyLaunchedKernelIsAnEntryOfThePtx(String resource) {
        String ptx = text(resource);
        for (CudaDevice.Kernel k : CudaDevice.Kernel.values()) {
            assertTrue(Pattern.compile("\\.visible \\.entry " + k.entry + "\\(").matcher(ptx).find(),
                    resource + " lacks .entry " + k.entry);
        }
        Matcher entries = Pattern.compile("\\.entry (\\w+)\\(").matcher(ptx);
        int count = 0;
        while (entries.find()) {
            count++;
        }
        assertEquals(CudaDevice.Kernel.values().length, count, "entries in " + resource);
    }

    @Test
    void theSm80VariantUsesFp64TensorCoresAndTheSm75VariantDoesNot() {
        String sm80 = text(CudaDevice.PTX_SM80);
        String sm75 = text(CudaDevice.PTX_SM75);
        assertTrue(sm80.contains(".target sm_80"));
        assertTrue(sm80.contains("mma.sync.aligned.m8n8k4.row.col.f64.f64.f64.f64"));
        assertTrue(sm75.contains(".target sm_75"));
        assertFalse(sm75.contains("mma.sync"));
    }

    @ParameterizedTest
    @ValueSource(strings = {CudaDevice.PTX_SM80, CudaDevice.PTX_SM75})
    void thePtxWasBuiltWithTheTileWidthTheHostSchedules(String resource) {
        // sx_trsm_tile holds an SX_NB×(SX_NB+1) triangle in static shared memory: its size reveals SX_NB
        int nb = BlockedAlgorithms.NB;
        String ptx = text(resource);
        assertTrue(ptx.contains("sx_trsm_tileE2Ls[" + nb * (nb + 1) * 8 + "]"), "PTX built with SX_NB != " + nb);
        // sx_mll_grad reduces SX_GRAD_DIMS + 2 sums per warp (8 warps): 8·10 doubles
        assertTrue(ptx.contains("sx_mll_gradE3red[" + 8 * 10 * 8 + "]"), "PTX built with SX_GRAD_DIMS != 8");
    }

    @Test
    void theCudaSourceDefinesTheSameConstants() throws Exception {
        Path cu = Path.of(System.getProperty("user.dir"), "src/main/cuda/sextant_linalg.cu");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(cu), "CUDA source not found at " + cu);
        String source = Files.readString(cu);
        assertTrue(source.contains("#define SX_NB " + BlockedAlgorithms.NB + " "), "SX_NB != BlockedAlgorithms.NB");
        assertTrue(source.contains("#define SX_GRAD_DIMS 8 "));
        assertTrue(source.contains("#define SX_TRSM_ROWS 16 "));
    }

    @ParameterizedTest
    @ValueSource(strings = {CudaDevice.PTX_SM80, CudaDevice.PTX_SM75})
    void javaLaunchSignaturesMatchThePtxParameters(String resource) {
        String ptx = text(resource);
        for (CudaDevice.Kernel k : CudaDevice.Kernel.values()) {
            Matcher m = Pattern.compile("\\.entry " + k.entry + "\\(([^)]*)\\)").matcher(ptx);
            assertTrue(m.find(), k.entry);
            Matcher p = Pattern.compile("\\.param \\.(\\w+) " + k.entry + "_param_\\d+").matcher(m.group(1));
            StringBuilder ptxTypes = new StringBuilder();
            while (p.find()) {
                ptxTypes.append(p.group(1)).append(' ');
            }
            StringBuilder expected = new StringBuilder();
            for (char c : k.signature.toCharArray()) {
                expected.append(c == 'i' ? "u32" : c == 'd' ? "f64" : "u64").append(' ');
            }
            assertEquals(expected.toString(), ptxTypes.toString(), k.entry + " in " + resource);
        }
    }

    @Test
    void launchArgumentsAreCheckedAgainstTheSignature() {
        CudaDevice.checkSignature(CudaDevice.Kernel.ZERO_UPPER, null, 3, 3);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CudaDevice.checkSignature(CudaDevice.Kernel.ZERO_UPPER, null, 3L, 3));
        assertTrue(e.getMessage().contains("sx_zero_upper"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CudaDevice.checkSignature(CudaDevice.Kernel.ADD_DIAG, null, 3, 3, null, 1.0f));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CudaDevice.checkSignature(CudaDevice.Kernel.ADD_DIAG, null, 3, 3, null));
    }
}

package dev.sextant.surrogate.linalg.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;

import dev.sextant.surrogate.linalg.LinearAlgebra;

/** Skips a GPU test class, with the reason, where no CUDA device initialises. */
final class GpuAssumptions {
    private GpuAssumptions() {
    }

    static CudaLinearAlgebra requireGpu() {
        Optional<LinearAlgebra> la = CudaLinearAlgebra.tryCreate();
        assumeTrue(la.isPresent(), () -> "skipped: no CUDA device ("
                + CudaLinearAlgebra.unavailableReason().orElse("unknown") + ")");
        return (CudaLinearAlgebra) la.get();
    }
}

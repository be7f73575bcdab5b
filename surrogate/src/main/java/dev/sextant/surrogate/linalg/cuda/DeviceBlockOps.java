package dev.sextant.surrogate.linalg.cuda;

import dev.sextant.surrogate.linalg.cuda.CudaDevice.Kernel;

/**
 * {@link BlockOps} on the device: each operation is one kernel launch on the default stream (asynchronous; the
 * caller synchronises by reading results back). Failures of the tile Cholesky go to the int at the start of
 * {@code info} (0 = none).
 */
final class DeviceBlockOps implements BlockOps<DeviceRegion> {
    private static final int POTRF_THREADS = 256;
    private static final int TRSM_ROWS = 16;        // SX_TRSM_ROWS
    private static final int GEMM_TILE = 64;        // SX_GBM = SX_GBN

    private final CudaDevice device;
    private final jcuda.driver.CUdeviceptr info;

    DeviceBlockOps(CudaDevice device, jcuda.driver.CUdeviceptr info) {
        this.device = device;
        this.info = info;
    }

    @Override
    public DeviceRegion at(DeviceRegion region, int row, int col) {
        return region.at(row, col);
    }

    @Override
    public void potrfTile(DeviceRegion a, int n, int colOffset) {
        device.launch(Kernel.POTRF_TILE, 1, 1, POTRF_THREADS, 1, TileMath.potrfSharedBytes(n),
                a, n, a.ld(), 0L, info, colOffset);
    }

    @Override
    public void trsmTile(DeviceRegion b, int m, int k, DeviceRegion l, boolean transposedL) {
        device.launch(Kernel.TRSM_TILE, TileMath.ceilDiv(m, TRSM_ROWS), 1, BlockedAlgorithms.NB, 4, 0,
                b, m, k, b.ld(), l, l.ld(), transposedL ? 1 : 0);
    }

    @Override
    public void gemm(int m, int p, int k, double alpha, DeviceRegion a, DeviceRegion b, boolean transB, double beta,
                     DeviceRegion c, boolean lowerOnly) {
        launchGemm(device, m, p, k, alpha, a, b, transB, beta, c, lowerOnly);
    }

    static void launchGemm(CudaDevice device, int m, int p, int k, double alpha, DeviceRegion a, DeviceRegion b,
                           boolean transB, double beta, DeviceRegion c, boolean lowerOnly) {
        if (m <= 0 || p <= 0) {
            return;
        }
        device.launch(Kernel.GEMM, TileMath.ceilDiv(p, GEMM_TILE), TileMath.ceilDiv(m, GEMM_TILE), 128, 1, 0,
                m, p, k, alpha, a, a.ld(), b, b.ld(), transB ? 1 : 0, beta, c, c.ld(), lowerOnly ? 1 : 0);
    }
}

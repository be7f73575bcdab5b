package dev.sextant.surrogate.linalg.cuda;

/**
 * The tile operations the blocked algorithms are built from, over sub-matrix handles {@code R} (a region: storage,
 * offset, leading dimension). The device implementation launches the kernels of sextant_linalg.cu; a host
 * implementation with the same semantics lets the scheduling be tested without a GPU.
 *
 * @param <R> sub-matrix handle
 */
interface BlockOps<R> {

    /** The sub-matrix of {@code region} starting at (row, col), same leading dimension. */
    R at(R region, int row, int col);

    /**
     * In-place lower Cholesky of the n×n tile {@code a} (n ≤ {@link BlockedAlgorithms#NB}); reads the lower triangle,
     * writes L there and zeros above it. On a non-positive pivot j the tile is left unchanged and failure
     * {@code colOffset + j + 1} is recorded; once a failure is recorded later tiles are skipped.
     */
    void potrfTile(R a, int n, int colOffset);

    /**
     * B (m×k) := X with X·Lᵀ = B ({@code transposedL}) or X·L = B; L k×k lower (upper triangle not read),
     * k ≤ {@link BlockedAlgorithms#NB}.
     */
    void trsmTile(R b, int m, int k, R l, boolean transposedL);

    /**
     * C (m×p) := alpha·A·op(B) + beta·C with A m×k, op(B) = Bᵀ (B p×k) when {@code transB}, else B (k×p).
     * beta = 0 does not read C. {@code lowerOnly}: only elements with row ≥ column are written.
     */
    void gemm(int m, int p, int k, double alpha, R a, R b, boolean transB, double beta, R c, boolean lowerOnly);
}

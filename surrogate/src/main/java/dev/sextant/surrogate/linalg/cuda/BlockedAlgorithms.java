package dev.sextant.surrogate.linalg.cuda;

/**
 * Recursive blocked Cholesky and right-hand triangular solves, scheduled on the host over {@link BlockOps}.
 * The recursion halves the problem (split points multiples of {@link #NB}) so that almost all work lands in a few
 * large matrix products (the FP64 tensor-core kernel) rather than in many rank-NB updates; the tiles at the leaves
 * are ≤ NB wide.
 */
final class BlockedAlgorithms {

    /** Leaf tile width; must equal SX_NB in sextant_linalg.cu. */
    static final int NB = 64;

    private BlockedAlgorithms() {
    }

    /** First-part size when splitting n &gt; NB: about n/2, rounded down to a multiple of NB, at least NB; &lt; n. */
    static int split(int n) {
        if (n <= NB) {
            throw new IllegalArgumentException("split needs n > " + NB + ", got " + n);
        }
        return Math.max(NB, ((n / 2) / NB) * NB);
    }

    /**
     * In-place lower Cholesky of the n×n region {@code a} (lower triangle read; L written to the lower triangle;
     * the strict upper triangle of the leaf tiles zeroed, the rest of the upper triangle untouched).
     * {@code colOffset} is added to the recorded failing column.
     */
    static <R> void cholesky(BlockOps<R> ops, R a, int n, int colOffset) {
        if (n <= 0) {
            return;
        }
        if (n <= NB) {
            ops.potrfTile(a, n, colOffset);
            return;
        }
        int n1 = split(n);
        int n2 = n - n1;
        cholesky(ops, a, n1, colOffset);
        R a21 = ops.at(a, n1, 0);
        trsmRight(ops, a21, n2, n1, a, true);                                   // A21 := A21·L11⁻ᵀ
        ops.gemm(n2, n2, n1, -1.0, a21, a21, true, 1.0, ops.at(a, n1, n1), true);   // A22 -= A21·A21ᵀ (lower)
        cholesky(ops, ops.at(a, n1, n1), n2, colOffset + n1);
    }

    /**
     * B (m×k) := X with X·Lᵀ = B ({@code transposedL}) or X·L = B, for a k×k lower-triangular region {@code l}
     * (only its lower triangle is read). B must not overlap L.
     */
    static <R> void trsmRight(BlockOps<R> ops, R b, int m, int k, R l, boolean transposedL) {
        if (m <= 0 || k <= 0) {
            return;
        }
        if (k <= NB) {
            ops.trsmTile(b, m, k, l, transposedL);
            return;
        }
        int k1 = split(k);
        int k2 = k - k1;
        R b2 = ops.at(b, 0, k1);
        R l21 = ops.at(l, k1, 0);      // k2×k1
        R l22 = ops.at(l, k1, k1);
        if (transposedL) {
            // [X1 X2]·[L11ᵀ L21ᵀ; 0 L22ᵀ] = [B1 B2]: X1 = B1·L11⁻ᵀ, X2 = (B2 − X1·L21ᵀ)·L22⁻ᵀ
            trsmRight(ops, b, m, k1, l, true);
            ops.gemm(m, k2, k1, -1.0, b, l21, true, 1.0, b2, false);
            trsmRight(ops, b2, m, k2, l22, true);
        } else {
            // [X1 X2]·[L11 0; L21 L22] = [B1 B2]: X2 = B2·L22⁻¹, X1 = (B1 − X2·L21)·L11⁻¹
            trsmRight(ops, b2, m, k2, l22, false);
            ops.gemm(m, k1, k2, -1.0, b2, l21, false, 1.0, b, false);
            trsmRight(ops, b, m, k1, l, false);
        }
    }

    /**
     * {@link #trsmRight} with {@code transposedL} for a right-hand side whose column j (global column c0 + j) is zero
     * below row c0 + j — e.g. B = I (c0 = 0), giving X = L⁻ᵀ. Rows known to stay zero are skipped, which makes the
     * solve about a third of the full cost. B is m×k.
     */
    static <R> void trsmRightTransposedUpperRhs(BlockOps<R> ops, R b, int m, int k, R l, int c0) {
        if (m <= 0 || k <= 0) {
            return;
        }
        if (k <= NB) {
            ops.trsmTile(b, Math.min(m, c0 + k), k, l, true);
            return;
        }
        int k1 = split(k);
        int k2 = k - k1;
        trsmRightTransposedUpperRhs(ops, b, m, k1, l, c0);
        // B2 −= X1·L21ᵀ; X1 is zero from row c0 + k1 on
        ops.gemm(Math.min(m, c0 + k1), k2, k1, -1.0, b, ops.at(l, k1, 0), true, 1.0, ops.at(b, 0, k1), false);
        trsmRightTransposedUpperRhs(ops, ops.at(b, 0, k1), m, k2, ops.at(l, k1, k1), c0 + k1);
    }

    /**
     * A⁻¹ = L⁻ᵀ·L⁻¹ for A = L·Lᵀ: {@code x} (n×n) must hold the identity on entry and receives A⁻¹ (both triangles);
     * {@code l} lower (only its lower triangle is read). About 4n³/3 flops.
     */
    static <R> void inverseFromCholesky(BlockOps<R> ops, R l, int n, R x) {
        trsmRightTransposedUpperRhs(ops, x, n, n, l, 0);    // X = L⁻ᵀ (upper triangular)
        trsmRight(ops, x, n, n, l, false);                  // X = L⁻ᵀ·L⁻¹
    }
}

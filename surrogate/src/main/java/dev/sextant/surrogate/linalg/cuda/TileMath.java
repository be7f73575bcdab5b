package dev.sextant.surrogate.linalg.cuda;

/** Grid and tile arithmetic shared by the launches (mirrors the index decoding in sextant_linalg.cu). */
final class TileMath {

    private TileMath() {
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Number of tiles (ti, tj) with tj ≤ ti for an n×n matrix cut into tile×tile tiles. */
    static long lowerTriangleTiles(int n, int tile) {
        long nt = ceilDiv(n, tile);
        return nt * (nt + 1) / 2;
    }

    /**
     * The t-th lower-triangular tile in row order (t = ti·(ti+1)/2 + tj, 0 ≤ tj ≤ ti) as {ti, tj}; the same
     * floating-point estimate and integer correction as sx_mll_grad.
     */
    static long[] lowerTriangleTile(long t) {
        if (t < 0) {
            throw new IllegalArgumentException("tile index must be ≥ 0, got " + t);
        }
        long ti = (long) ((Math.sqrt(8.0 * (double) t + 1.0) - 1.0) * 0.5);
        while ((ti + 1) * (ti + 2) / 2 <= t) {
            ti++;
        }
        while (ti * (ti + 1) / 2 > t) {
            ti--;
        }
        return new long[] {ti, t - ti * (ti + 1) / 2};
    }

    /** Dynamic shared memory (bytes) sx_potrf_tile needs for an n×n tile: n·(n+2) doubles. */
    static int potrfSharedBytes(int n) {
        return n * (n + 2) * Double.BYTES;
    }

    /** Largest n whose sx_potrf_tile shared memory fits the default 48 KiB per block. */
    static final int MAX_TILE_N = maxTileN();

    private static int maxTileN() {
        int n = 1;
        while (potrfSharedBytes(n + 1) <= 48 * 1024) {
            n++;
        }
        return n;
    }
}

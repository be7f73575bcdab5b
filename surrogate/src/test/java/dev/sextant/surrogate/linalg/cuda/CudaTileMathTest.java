package dev.sextant.surrogate.linalg.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tile-index arithmetic the kernels share with the host; no GPU needed. */
class CudaTileMathTest {

    @Test
    void lowerTriangleTileEnumeratesEveryTileOnceInRowOrder() {
        long t = 0;
        for (long ti = 0; ti < 400; ti++) {
            for (long tj = 0; tj <= ti; tj++, t++) {
                long[] got = TileMath.lowerTriangleTile(t);
                assertEquals(ti, got[0], "t=" + t);
                assertEquals(tj, got[1], "t=" + t);
            }
        }
    }

    @Test
    void lowerTriangleTileIsExactForMillionsOfTiles() {
        // n = 10^6 points in 16-wide tiles: 62500 tile rows, ~1.95e9 tiles; check the row boundaries
        for (long ti = 62_000; ti < 62_500; ti++) {
            long first = ti * (ti + 1) / 2;
            long[] a = TileMath.lowerTriangleTile(first);
            long[] b = TileMath.lowerTriangleTile(first + ti);
            assertEquals(ti, a[0]);
            assertEquals(0, a[1]);
            assertEquals(ti, b[0]);
            assertEquals(ti, b[1]);
        }
    }

    @Test
    void tileCountsAndSharedMemory() {
        assertEquals(1, TileMath.lowerTriangleTiles(16, 16));
        assertEquals(3, TileMath.lowerTriangleTiles(17, 16));
        assertEquals(1250 * 1251 / 2, TileMath.lowerTriangleTiles(20000, 16));
        assertEquals(64 * 66 * 8, TileMath.potrfSharedBytes(64));
        assertEquals(77, TileMath.MAX_TILE_N);
        assertTrue(TileMath.potrfSharedBytes(TileMath.MAX_TILE_N) <= 48 * 1024);
        assertTrue(TileMath.potrfSharedBytes(TileMath.MAX_TILE_N + 1) > 48 * 1024);
        assertTrue(TileMath.MAX_TILE_N >= BlockedAlgorithms.NB);
    }
}

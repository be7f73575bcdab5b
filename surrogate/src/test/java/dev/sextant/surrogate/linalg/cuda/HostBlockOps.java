package dev.sextant.surrogate.linalg.cuda;

/**
 * {@link BlockOps} on host arrays with the semantics of the device kernels (sx_potrf_tile, sx_trsm_tile, sx_gemm),
 * so the host-side scheduling of the blocked algorithms is tested without a GPU. Counts the calls.
 */
final class HostBlockOps implements BlockOps<HostBlockOps.Region> {

    record Region(double[] data, int offset, int ld) {
        double get(int i, int j) {
            return data[offset + i * ld + j];
        }

        void set(int i, int j, double v) {
            data[offset + i * ld + j] = v;
        }
    }

    int info;
    int potrfCalls;
    int trsmCalls;
    int gemmCalls;
    int maxTileWidth;

    @Override
    public Region at(Region r, int row, int col) {
        return new Region(r.data(), r.offset() + row * r.ld() + col, r.ld());
    }

    @Override
    public void potrfTile(Region a, int n, int colOffset) {
        potrfCalls++;
        maxTileWidth = Math.max(maxTileWidth, n);
        if (n > BlockedAlgorithms.NB) {
            throw new AssertionError("potrf tile of " + n + " > NB");
        }
        if (info != 0) {
            return;
        }
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                s[i][j] = a.get(i, j);
            }
        }
        for (int j = 0; j < n; j++) {
            double d = s[j][j];
            if (!(d > 0)) {
                info = colOffset + j + 1;
                return;
            }
            double l = Math.sqrt(d);
            s[j][j] = l;
            for (int i = j + 1; i < n; i++) {
                s[i][j] /= l;
            }
            for (int i = j + 1; i < n; i++) {
                for (int c = j + 1; c <= i; c++) {
                    s[i][c] -= s[i][j] * s[c][j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.set(i, j, j <= i ? s[i][j] : 0.0);
            }
        }
    }

    @Override
    public void trsmTile(Region b, int m, int k, Region l, boolean transposedL) {
        trsmCalls++;
        maxTileWidth = Math.max(maxTileWidth, k);
        if (k > BlockedAlgorithms.NB) {
            throw new AssertionError("trsm tile of " + k + " > NB");
        }
        for (int r = 0; r < m; r++) {
            if (transposedL) {
                for (int j = 0; j < k; j++) {
                    double v = b.get(r, j);
                    for (int c = 0; c < j; c++) {
                        v -= b.get(r, c) * l.get(j, c);
                    }
                    b.set(r, j, v / l.get(j, j));
                }
            } else {
                for (int j = k - 1; j >= 0; j--) {
                    double v = b.get(r, j);
                    for (int c = j + 1; c < k; c++) {
                        v -= b.get(r, c) * l.get(c, j);
                    }
                    b.set(r, j, v / l.get(j, j));
                }
            }
        }
    }

    @Override
    public void gemm(int m, int p, int k, double alpha, Region a, Region b, boolean transB, double beta, Region c,
                     boolean lowerOnly) {
        gemmCalls++;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < p; j++) {
                if (lowerOnly && j > i) {
                    continue;
                }
                double s = 0;
                for (int q = 0; q < k; q++) {
                    s += a.get(i, q) * (transB ? b.get(j, q) : b.get(q, j));
                }
                double v = alpha * s;
                if (beta != 0) {
                    v += beta * c.get(i, j);
                }
                c.set(i, j, v);
            }
        }
    }
}

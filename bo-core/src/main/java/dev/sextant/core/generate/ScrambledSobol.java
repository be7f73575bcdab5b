package dev.sextant.core.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A scrambled Sobol sequence in [0,1)^dimension, 1 &lt;= dimension &lt;= 1000, with 52-bit resolution.
 *
 * <p>Direction numbers are Joe and Kuo's (new-joe-kuo-6.1000, read from the commons-math3 jar). Each coordinate is
 * scrambled with Matoušek's linear matrix scramble (a random lower-triangular binary matrix with unit diagonal
 * applied to the digits) followed by a random digital shift (XOR with random digits), both drawn from {@code seed}.
 * The scramble keeps the (t,m,s)-net structure: every block of 2^m consecutive points starting at a multiple of 2^m
 * puts exactly one point in each interval [i/2^m, (i+1)/2^m) of every coordinate. Points are produced in Gray-code
 * order. Not thread-safe (one instance per thread); deterministic given (dimension, seed).
 */
public final class ScrambledSobol {
    /** Largest supported dimension. */
    public static final int MAX_DIMENSION = 1000;
    static final int BITS = 52;
    private static final double SCALE = 0x1p-52;
    private static final String RESOURCE = "/assets/org/apache/commons/math3/random/new-joe-kuo-6.1000";

    private final int dimension;
    /** direction[j*BITS + k-1] = scrambled direction number k of coordinate j (BITS-bit integer). */
    private final long[] direction;
    private final long[] shift;
    private final long[] state;
    private long index;

    /** A scrambled sequence; equal (dimension, seed) give equal points. */
    public ScrambledSobol(int dimension, long seed) {
        this(dimension, seed, true);
    }

    /**
     * The plain (unscrambled, unshifted) Sobol sequence with the same direction numbers, starting with the origin;
     * for callers that randomise it themselves (a digital shift, as the acquisition's QMC base samples do).
     */
    public static ScrambledSobol unscrambled(int dimension) {
        return new ScrambledSobol(dimension, 0, false);
    }

    /** scrambled=false gives the plain (unscrambled, unshifted) Sobol sequence, starting with the origin. */
    ScrambledSobol(int dimension, long seed, boolean scrambled) {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("Sobol dimension " + dimension + " is outside 1.." + MAX_DIMENSION);
        }
        this.dimension = dimension;
        this.direction = new long[dimension * BITS];
        this.shift = new long[dimension];
        this.state = new long[dimension];
        long[][] raw = DirectionNumbers.get(dimension);
        SplittableRandom random = new SplittableRandom(seed);
        long[] rows = new long[BITS];
        for (int j = 0; j < dimension; j++) {
            if (scrambled) {
                // row r (r = 0 most significant digit) has its diagonal digit and random digits above it
                for (int r = 0; r < BITS; r++) {
                    long diagonal = 1L << (BITS - 1 - r);
                    long above = r == 0 ? 0 : (random.nextLong() >>> (64 - r)) << (BITS - r);
                    rows[r] = diagonal | above;
                }
                shift[j] = random.nextLong() >>> (64 - BITS);
            }
            for (int k = 0; k < BITS; k++) {
                long v = raw[j][k];
                if (scrambled) {
                    long s = 0;
                    for (int r = 0; r < BITS; r++) {
                        if ((Long.bitCount(rows[r] & v) & 1) != 0) {
                            s |= 1L << (BITS - 1 - r);
                        }
                    }
                    v = s;
                }
                direction[j * BITS + k] = v;
            }
            state[j] = shift[j];
        }
    }

    public int dimension() {
        return dimension;
    }

    /** Index of the point the next call to {@link #next()} returns (0 for a new sequence). */
    public long index() {
        return index;
    }

    /** The next point, a new array of length dimension with coordinates in [0,1). */
    public double[] next() {
        double[] out = new double[dimension];
        next(out);
        return out;
    }

    /** Writes the next point into {@code out} (length &gt;= dimension). */
    public void next(double[] out) {
        for (int j = 0; j < dimension; j++) {
            out[j] = state[j] * SCALE;
        }
        advance();
    }

    /** The next n points as a new n×dimension array (rows are points). */
    public double[][] next(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot draw " + n + " points");
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = next();
        }
        return out;
    }

    /** The next n points row-major into {@code out} (n×dimension, from offset 0). */
    public void nextRowMajor(double[] out, int n) {
        double[] row = new double[dimension];
        for (int i = 0; i < n; i++) {
            next(row);
            System.arraycopy(row, 0, out, i * dimension, dimension);
        }
    }

    /** Skips n points (n &gt;= 0) in O(dimension · 52). */
    public void skip(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot skip " + n + " points");
        }
        seek(index + n);
    }

    /** Moves to absolute index {@code i} (0 &lt;= i &lt; 2^52). */
    public void seek(long i) {
        if (i < 0 || i >= (1L << BITS)) {
            throw new IllegalArgumentException("Sobol index " + i + " is outside 0..2^52-1");
        }
        long gray = i ^ (i >>> 1);
        for (int j = 0; j < dimension; j++) {
            long x = shift[j];
            for (int k = 0; k < BITS; k++) {
                if (((gray >>> k) & 1L) != 0) {
                    x ^= direction[j * BITS + k];
                }
            }
            state[j] = x;
        }
        index = i;
    }

    private void advance() {
        int k = Long.numberOfTrailingZeros(index + 1);
        if (k >= BITS) {
            throw new IllegalStateException("the Sobol sequence is exhausted after 2^52 points");
        }
        for (int j = 0; j < dimension; j++) {
            state[j] ^= direction[j * BITS + k];
        }
        index++;
    }

    /** Joe–Kuo direction numbers, parsed once (lazily, for all 1000 dimensions). */
    static final class DirectionNumbers {
        private static volatile long[][] all;

        static long[][] get(int dimension) {
            long[][] a = all;
            if (a == null) {
                synchronized (DirectionNumbers.class) {
                    a = all;
                    if (a == null) {
                        a = load();
                        all = a;
                    }
                }
            }
            return a;
        }

        private static long[][] load() {
            long[][] v = new long[MAX_DIMENSION][BITS];
            for (int k = 1; k <= BITS; k++) {
                v[0][k - 1] = 1L << (BITS - k);
            }
            try (InputStream in = ScrambledSobol.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Sobol direction numbers " + RESOURCE
                            + " not found; commons-math3 3.6.1 must be on the class path");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                reader.readLine(); // header: d s a m_i
                for (int dim = 2; dim <= MAX_DIMENSION; dim++) {
                    String line = reader.readLine();
                    if (line == null) {
                        throw new IllegalStateException("Sobol direction numbers end before dimension " + dim);
                    }
                    String[] f = line.trim().split("\\s+");
                    int d = Integer.parseInt(f[0]);
                    int s = Integer.parseInt(f[1]);
                    int a = Integer.parseInt(f[2]);
                    if (d != dim || f.length != 3 + s) {
                        throw new IllegalStateException("malformed Sobol direction line for dimension " + dim + ": " + line);
                    }
                    long[] row = v[dim - 1];
                    for (int k = 1; k <= s && k <= BITS; k++) {
                        long m = Long.parseLong(f[2 + k]);
                        row[k - 1] = m << (BITS - k);
                    }
                    // recurrence: V_k = V_{k-s} ^ (V_{k-s} >> s) ^ sum_{i=1}^{s-1} a_i V_{k-i}
                    for (int k = s + 1; k <= BITS; k++) {
                        long x = row[k - s - 1] ^ (row[k - s - 1] >>> s);
                        for (int i = 1; i < s; i++) {
                            if (((a >>> (s - 1 - i)) & 1) != 0) {
                                x ^= row[k - i - 1];
                            }
                        }
                        row[k - 1] = x;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Sobol direction numbers " + RESOURCE, e);
            }
            return v;
        }
    }
}

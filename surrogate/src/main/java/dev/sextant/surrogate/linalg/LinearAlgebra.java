package dev.sextant.surrogate.linalg;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Dense linear algebra backend. Matrices are row-major {@code double[]} (n×n: {@code a[i*n+j]}); every method
 * writes into the arrays it is given and allocates nothing the caller has to keep.
 *
 * <p>Implementations: {@link #cpu()} (EJML plus hand-written loops, always present) and an optional CUDA backend
 * ({@code dev.sextant.surrogate.linalg.cuda.CudaLinearAlgebra}), found reflectively by {@link #select(int)}.
 */
public interface LinearAlgebra {

    /** System property holding the size n from which {@code auto} prefers the GPU backend. */
    String AUTO_GPU_THRESHOLD_PROPERTY = "sextant.cuda.minN";

    /**
     * Default of {@link #AUTO_GPU_THRESHOLD_PROPERTY}. UNMEASURED: no GPU was available when the CUDA backend was
     * written; {@code CudaBenchmark} measures the crossover that should replace it.
     */
    int DEFAULT_AUTO_GPU_THRESHOLD = 2048;

    /** The size n from which {@code auto} prefers the GPU: {@link #AUTO_GPU_THRESHOLD_PROPERTY} or the default. */
    static int autoGpuThreshold() {
        String v = System.getProperty(AUTO_GPU_THRESHOLD_PROPERTY);
        if (v == null || v.isBlank()) {
            return DEFAULT_AUTO_GPU_THRESHOLD;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException("negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(AUTO_GPU_THRESHOLD_PROPERTY + " is '" + v
                    + "'; expected a non-negative integer");
        }
    }

    String name();

    /**
     * In-place lower Cholesky of the symmetric positive-definite {@code a} (n×n, the full symmetric matrix must be
     * present). On success the strict upper triangle is set to 0. Returns false (a then undefined) when a is not PD.
     */
    boolean choleskyInPlace(double[] a, int n);

    /** Solves L·X = B in place: {@code l} n×n lower (not modified), {@code b} n×m overwritten by X. */
    void solveLower(double[] l, int n, double[] b, int m);

    /** Solves Lᵀ·X = B in place: {@code l} n×n lower (not modified), {@code b} n×m overwritten by X. */
    void solveLowerTransposed(double[] l, int n, double[] b, int m);

    /**
     * Solves L·v = b in place for one contiguous vector b[off .. off+n) (dot-product form; the posteriors' per-point
     * solves). {@code l} n×n lower, not modified.
     */
    default void solveLowerVector(double[] l, int n, double[] b, int off) {
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            double t = b[off + i];
            for (int k = 0; k < i; k++) {
                t -= l[ri + k] * b[off + k];
            }
            b[off + i] = t / l[ri + i];
        }
    }

    /**
     * Solves U·v = b in place for one contiguous vector b[off .. off+n), {@code u} n×n upper (row-major, not
     * modified): with U = Lᵀ stored explicitly, the back-substitution reads rows contiguously.
     */
    default void solveUpperVector(double[] u, int n, double[] b, int off) {
        for (int i = n - 1; i >= 0; i--) {
            int ri = i * n;
            double t = b[off + i];
            for (int k = i + 1; k < n; k++) {
                t -= u[ri + k] * b[off + k];
            }
            b[off + i] = t / u[ri + i];
        }
    }

    /** c (n×m) = a (n×k) · b (k×m); c overwritten, a and b not modified; c must not alias a or b. */
    void multiply(double[] a, double[] b, double[] c, int n, int k, int m);

    /** 2·Σ log L_ii for the lower Cholesky factor {@code l} (n×n). */
    default double logDetFromCholesky(double[] l, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(l[i * n + i]);
        }
        return 2 * s;
    }

    /**
     * Batched in-place lower Cholesky of {@code batch} matrices n×n stored contiguously in {@code a}
     * (matrix b at offset b·n·n). {@code ok[b]} is set false when matrix b is not PD (its block is then undefined).
     */
    void batchedCholesky(double[] a, int batch, int n, boolean[] ok);

    /**
     * Inverse of A = L·Lᵀ from its lower Cholesky factor: {@code out} (n×n) receives the full symmetric A⁻¹.
     * {@code l} not modified; {@code work} has length ≥ n·n (scratch). out, l, work must be distinct.
     */
    void inverseFromCholesky(double[] l, int n, double[] out, double[] work);

    /**
     * As {@link #inverseFromCholesky}, but only the lower triangle and diagonal of {@code out} are guaranteed (the
     * strict upper triangle is unspecified), which saves the CPU backend a strided mirror pass. Default: the full
     * inverse.
     */
    default void inverseLowerFromCholesky(double[] l, int n, double[] out, double[] work) {
        inverseFromCholesky(l, n, out, work);
    }

    /** The CPU backend (EJML and plain Java loops). */
    static LinearAlgebra cpu() {
        return CpuLinearAlgebra.INSTANCE;
    }

    /**
     * Backend for problems of size n, honouring the environment variable {@code SEXTANT_DEVICE} or the system
     * property {@code sextant.device} (the property wins): {@code cpu} (default), {@code cuda} (GPU when available),
     * {@code auto} (GPU when available and n ≥ {@link #autoGpuThreshold()}). When the GPU backend is requested but
     * cannot be created this falls back to the CPU and logs one line.
     */
    static LinearAlgebra select(int n) {
        String device = System.getProperty("sextant.device");
        if (device == null || device.isBlank()) {
            device = System.getenv("SEXTANT_DEVICE");
        }
        device = device == null ? "cpu" : device.trim().toLowerCase(Locale.ROOT);
        switch (device) {
            case "", "cpu":
                return cpu();
            case "cuda":
                return BackendLookup.cuda().orElseGet(LinearAlgebra::cpu);
            case "auto":
                return n >= autoGpuThreshold() ? BackendLookup.cuda().orElseGet(LinearAlgebra::cpu) : cpu();
            default:
                throw new IllegalArgumentException("sextant.device / SEXTANT_DEVICE is '" + device
                        + "'; expected cpu, cuda or auto");
        }
    }
}

/** Reflective lookup of the optional CUDA backend, done once. */
final class BackendLookup {
    private static final Logger LOG = Logger.getLogger(LinearAlgebra.class.getName());
    private static final String CUDA_CLASS = "dev.sextant.surrogate.linalg.cuda.CudaLinearAlgebra";
    private static volatile Optional<LinearAlgebra> cuda;

    private BackendLookup() {
    }

    static Optional<LinearAlgebra> cuda() {
        Optional<LinearAlgebra> c = cuda;
        if (c == null) {
            synchronized (BackendLookup.class) {
                c = cuda;
                if (c == null) {
                    c = lookup();
                    cuda = c;
                }
            }
        }
        return c;
    }

    @SuppressWarnings("unchecked")
    private static Optional<LinearAlgebra> lookup() {
        try {
            Class<?> type = Class.forName(CUDA_CLASS);
            Method create = type.getMethod("tryCreate");
            Object result = create.invoke(null);
            if (result instanceof Optional<?> opt && opt.isPresent() && opt.get() instanceof LinearAlgebra) {
                return (Optional<LinearAlgebra>) opt;
            }
            // tryCreate() has already logged its one line saying why
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.info("sextant: CUDA backend not usable (" + e + "); using the CPU backend");
        }
        return Optional.empty();
    }
}

package dev.sextant.surrogate.linalg.cuda;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.sextant.surrogate.gp.MllEvaluator;
import dev.sextant.surrogate.gp.MllEvaluatorFactory;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.linalg.LinearAlgebra;
import dev.sextant.surrogate.linalg.cuda.CudaDevice.Kernel;

/**
 * {@link LinearAlgebra} on an NVIDIA GPU: Sextant's own CUDA kernels (PTX resources built from
 * {@code src/main/cuda}) launched through the JCuda driver API. Each call copies its operands to the device,
 * computes there and copies the result back; {@link #openGpTerms} keeps a GP's data on the device between calls.
 *
 * <p>Obtain it with {@link #tryCreate()}, which never throws: without the JCuda natives, libcuda, a device, or with
 * a failing initialisation it returns empty and logs one line. When the device runs out of memory during a call,
 * that call runs on the CPU backend (one log line); after any other device failure the backend logs one line and
 * delegates everything to the CPU from then on.
 *
 * <p>As an {@link MllEvaluatorFactory} it gives the GP fit a device-resident likelihood ({@link DeviceGpTerms}) for
 * stationary ARD kernels (Matérn-5/2, Matérn-3/2, RBF); composite kernels stay on the CPU path.
 *
 * <p>Results equal the CPU backend's to rounding (the blocked algorithms sum in a different order). System
 * properties: {@code sextant.cuda.device} (ordinal, default 0), {@code sextant.cuda.minN} (see {@link #minN()}).
 */
public final class CudaLinearAlgebra implements LinearAlgebra, MllEvaluatorFactory {
    private static final Logger LOG = Logger.getLogger(CudaLinearAlgebra.class.getName());

    /** System property: problem size from which the GPU is expected to beat the CPU. */
    public static final String MIN_N_PROPERTY = LinearAlgebra.AUTO_GPU_THRESHOLD_PROPERTY;
    /**
     * Default of {@link #MIN_N_PROPERTY}. UNMEASURED: no GPU was available when this backend was written; 2048 is a
     * placeholder to be replaced by the crossover CudaBenchmark measures on the GPU test machine.
     */
    public static final int DEFAULT_MIN_N = LinearAlgebra.DEFAULT_AUTO_GPU_THRESHOLD;

    private static Optional<LinearAlgebra> instance;
    private static String unavailableReason = "not initialised yet";

    private final CudaDevice device;
    private final LinearAlgebra cpu = LinearAlgebra.cpu();
    private final AtomicBoolean oomLogged = new AtomicBoolean();
    private volatile boolean disabled;

    private CudaLinearAlgebra(CudaDevice device) {
        this.device = device;
    }

    /**
     * The CUDA backend when a device initialises, else empty. Initialises once per JVM (later calls return the same
     * answer) and logs exactly one line either way. Never throws.
     */
    public static synchronized Optional<LinearAlgebra> tryCreate() {
        if (instance != null) {
            return instance;
        }
        try {
            int ordinal = Integer.getInteger("sextant.cuda.device", 0);
            CudaDevice device = CudaDevice.open(ordinal);
            instance = Optional.of(new CudaLinearAlgebra(device));
            unavailableReason = null;
            LOG.info("sextant: CUDA backend on " + device.describe());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {            // UnsatisfiedLinkError, NoClassDefFoundError, CudaFailure, ...
            instance = Optional.empty();
            unavailableReason = describe(t);
            LOG.info("sextant: CUDA backend unavailable (" + unavailableReason + "); using the CPU backend");
        }
        return instance;
    }

    /** Why {@link #tryCreate()} returned empty; empty when it succeeded or was not called yet. */
    public static synchronized Optional<String> unavailableReason() {
        return instance == null || instance.isPresent() ? Optional.empty() : Optional.of(unavailableReason);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        String what = t instanceof UnsatisfiedLinkError ? "JCuda natives or libcuda not loadable"
                : t instanceof LinkageError ? "JCuda classes not usable"
                : t instanceof CudaFailure ? "CUDA initialisation failed" : t.getClass().getSimpleName();
        return m == null ? what : what + ": " + m.lines().findFirst().orElse(m);
    }

    /**
     * Problem size n from which the GPU should be chosen automatically: the system property
     * {@value #MIN_N_PROPERTY}, else {@link #DEFAULT_MIN_N} (an unmeasured placeholder).
     */
    public static int minN() {
        return LinearAlgebra.autoGpuThreshold();
    }

    @Override
    public String name() {
        return "cuda:" + device.name();
    }

    /** Device description (name, compute capability, memory, kernel variant). */
    public String deviceDescription() {
        return device.describe();
    }

    /**
     * Opens a device-resident GP for inputs x (n×d row-major, not modified) and outcomes y (n, copied): see
     * {@link DeviceGpTerms}. Empty (one log line) when the device has not enough memory for 2·n² doubles or the
     * backend is disabled; the caller then uses the CPU path.
     */
    public Optional<DeviceGpTerms> openGpTerms(double[] x, int n, int d, double[] y, KernelType type) {
        if (n < 1 || d < 1 || x.length < (long) n * d || y.length != n) {
            throw new IllegalArgumentException("openGpTerms: need n ≥ 1, d ≥ 1, x of n·d and y of n values; got n="
                    + n + ", d=" + d + ", x.length=" + x.length + ", y.length=" + y.length);
        }
        DeviceGpTerms.kindCode(type);
        if (disabled) {
            return Optional.empty();
        }
        synchronized (device) {
            try {
                device.enter();
                return Optional.of(new DeviceGpTerms(device, type, x, n, d, y));
            } catch (DeviceOutOfMemoryException e) {
                logOom("GP terms for n=" + n, e);
                return Optional.empty();
            } catch (CudaFailure e) {
                disable(e);
                return Optional.empty();
            }
        }
    }

    /**
     * A device-resident marginal-likelihood evaluator for the fit's data when the kernel is a stationary ARD kernel;
     * empty for other kernels, when the backend is disabled, or when the device lacks the memory (one log line).
     * The size threshold is applied by {@code LinearAlgebra.select}, not here: a backend forced to cuda is used.
     */
    @Override
    public Optional<MllEvaluator> create(Problem problem) {
        Optional<KernelType> type = problem.kernel().stationaryType();
        if (type.isEmpty() || problem.kernel().numHyperparameters() != problem.d() + 1) {
            return Optional.empty();
        }
        return openGpTerms(problem.x(), problem.n(), problem.d(), problem.y(), type.get())
                .map(t -> new CudaMllEvaluator(this, t, problem.fixedNoise()));
    }

    // ---------------------------------------------------------------------------------------------------------
    // LinearAlgebra
    // ---------------------------------------------------------------------------------------------------------

    @Override
    public boolean choleskyInPlace(double[] a, int n) {
        checkLength("a", a, (long) n * n);
        if (n == 0) {
            return true;
        }
        boolean[] result = new boolean[1];
        if (onDevice("Cholesky n=" + n, () -> {
            try (DeviceBuffer da = device.alloc((long) n * n); DeviceBuffer info = device.alloc(1)) {
                device.upload(a, 0, da, 0, (long) n * n);
                device.zeroInts(info.at(0), 1);
                BlockedAlgorithms.cholesky(new DeviceBlockOps(device, info.at(0)), da.region(0, n), n, 0);
                int[] code = new int[1];
                device.downloadInts(info.at(0), code, 1);
                if (code[0] == 0) {
                    zeroUpper(da, n);
                    device.download(da, 0, a, 0, (long) n * n);
                }
                result[0] = code[0] == 0;
            }
        })) {
            return result[0];
        }
        return cpu.choleskyInPlace(a, n);
    }

    @Override
    public void solveLower(double[] l, int n, double[] b, int m) {
        solve(l, n, b, m, false);
    }

    @Override
    public void solveLowerTransposed(double[] l, int n, double[] b, int m) {
        solve(l, n, b, m, true);
    }

    /** L·X = B (transposedSystem false) or Lᵀ·X = B, as right solves on Bᵀ: Xᵀ·Lᵀ = Bᵀ resp. Xᵀ·L = Bᵀ. */
    private void solve(double[] l, int n, double[] b, int m, boolean transposedSystem) {
        checkLength("l", l, (long) n * n);
        checkLength("b", b, (long) n * m);
        if (n == 0 || m == 0) {
            return;
        }
        if (onDevice("triangular solve n=" + n + ", m=" + m, () -> {
            try (DeviceBuffer dl = device.alloc((long) n * n); DeviceBuffer db = device.alloc((long) n * m);
                 DeviceBuffer dt = m == 1 ? null : device.alloc((long) n * m)) {
                device.upload(l, 0, dl, 0, (long) n * n);
                device.upload(b, 0, db, 0, (long) n * m);
                DeviceBuffer rows = db;
                if (dt != null) {
                    transpose(db, n, m, dt);
                    rows = dt;
                }
                BlockedAlgorithms.trsmRight(new DeviceBlockOps(device, null), rows.region(0, n), m, n,
                        dl.region(0, n), !transposedSystem);
                if (dt != null) {
                    transpose(dt, m, n, db);
                }
                device.download(db, 0, b, 0, (long) n * m);
            }
        })) {
            return;
        }
        if (transposedSystem) {
            cpu.solveLowerTransposed(l, n, b, m);
        } else {
            cpu.solveLower(l, n, b, m);
        }
    }

    @Override
    public void multiply(double[] a, double[] b, double[] c, int n, int k, int m) {
        checkLength("a", a, (long) n * k);
        checkLength("b", b, (long) k * m);
        checkLength("c", c, (long) n * m);
        if (n == 0 || m == 0) {
            return;
        }
        if (onDevice("multiply " + n + "×" + k + "·" + k + "×" + m, () -> {
            try (DeviceBuffer da = device.alloc((long) n * k); DeviceBuffer db = device.alloc((long) k * m);
                 DeviceBuffer dc = device.alloc((long) n * m)) {
                device.upload(a, 0, da, 0, (long) n * k);
                device.upload(b, 0, db, 0, (long) k * m);
                DeviceBlockOps.launchGemm(device, n, m, k, 1.0, da.region(0, Math.max(k, 1)), db.region(0, m), false,
                        0.0, dc.region(0, m), false);
                device.download(dc, 0, c, 0, (long) n * m);
            }
        })) {
            return;
        }
        cpu.multiply(a, b, c, n, k, m);
    }

    @Override
    public void batchedCholesky(double[] a, int batch, int n, boolean[] ok) {
        long nn = (long) n * n;
        checkLength("a", a, batch * nn);
        if (ok.length < batch) {
            throw new IllegalArgumentException("ok has length " + ok.length + ", needs batch = " + batch);
        }
        if (batch == 0) {
            return;
        }
        if (n == 0) {
            java.util.Arrays.fill(ok, 0, batch, true);
            return;
        }
        if (onDevice("batched Cholesky " + batch + "×(" + n + "×" + n + ")", () -> {
            try (DeviceBuffer da = device.alloc(batch * nn); DeviceBuffer info = device.alloc((batch + 1) / 2)) {
                device.upload(a, 0, da, 0, batch * nn);
                device.zeroInts(info.at(0), batch);
                if (n <= TileMath.MAX_TILE_N) {
                    // one thread block per matrix, the matrix in shared memory
                    device.launch(Kernel.POTRF_TILE, batch, 1, n <= 16 ? 64 : 256, 1, TileMath.potrfSharedBytes(n),
                            da, n, n, nn, info, 0);
                } else {
                    for (int q = 0; q < batch; q++) {
                        jcuda.driver.CUdeviceptr flag = info.at(0).withByteOffset((long) q * Integer.BYTES);
                        BlockedAlgorithms.cholesky(new DeviceBlockOps(device, flag), da.region(q * nn, n), n, 0);
                    }
                    for (int q = 0; q < batch; q++) {
                        zeroUpper(da, q * nn, n);
                    }
                }
                int[] codes = new int[batch];
                device.downloadInts(info.at(0), codes, batch);
                device.download(da, 0, a, 0, batch * nn);
                for (int q = 0; q < batch; q++) {
                    ok[q] = codes[q] == 0;
                }
            }
        })) {
            return;
        }
        cpu.batchedCholesky(a, batch, n, ok);
    }

    @Override
    public void inverseFromCholesky(double[] l, int n, double[] out, double[] work) {
        checkLength("l", l, (long) n * n);
        checkLength("out", out, (long) n * n);
        if (n == 0) {
            return;
        }
        if (onDevice("inverse n=" + n, () -> {
            try (DeviceBuffer dl = device.alloc((long) n * n); DeviceBuffer dx = device.alloc((long) n * n)) {
                device.upload(l, 0, dl, 0, (long) n * n);
                device.launch(Kernel.SET_IDENTITY, TileMath.ceilDiv(n, 16), TileMath.ceilDiv(n, 16), 16, 16, 0,
                        dx, n, n);
                DeviceBlockOps ops = new DeviceBlockOps(device, null);
                BlockedAlgorithms.inverseFromCholesky(ops, dl.region(0, n), n, dx.region(0, n));
                device.download(dx, 0, out, 0, (long) n * n);
            }
        })) {
            return;
        }
        cpu.inverseFromCholesky(l, n, out, work);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Package-private access for the benchmark and the tests. */
    CudaDevice device() {
        return device;
    }

    private void zeroUpper(DeviceBuffer a, int n) {
        zeroUpper(a, 0, n);
    }

    private void zeroUpper(DeviceBuffer a, long offset, int n) {
        device.launch(Kernel.ZERO_UPPER, TileMath.ceilDiv(n, 16), TileMath.ceilDiv(n, 16), 16, 16, 0,
                a.at(offset), n, n);
    }

    /** out (cols×rows) = inᵀ for in rows×cols. */
    private void transpose(DeviceBuffer in, int rows, int cols, DeviceBuffer out) {
        device.launch(Kernel.TRANSPOSE, TileMath.ceilDiv(cols, 32), TileMath.ceilDiv(rows, 32), 32, 8, 0,
                in, rows, cols, out);
    }

    private interface DeviceCall {
        void run();
    }

    /**
     * Runs a device computation under the device lock. Returns false when the caller must use the CPU instead: the
     * backend is disabled, the device ran out of memory (logged once at WARNING, then at FINE), or another device
     * failure happened (logged, backend disabled).
     */
    private boolean onDevice(String what, DeviceCall call) {
        if (disabled) {
            return false;
        }
        synchronized (device) {
            try {
                device.enter();
                call.run();
                return true;
            } catch (DeviceOutOfMemoryException e) {
                logOom(what, e);
                return false;
            } catch (CudaFailure e) {
                disable(e);
                return false;
            }
        }
    }

    private void logOom(String what, DeviceOutOfMemoryException e) {
        Level level = oomLogged.compareAndSet(false, true) ? Level.WARNING : Level.FINE;
        LOG.log(level, "sextant: GPU out of memory for " + what + " (" + e.getMessage() + "); using the CPU for it");
    }

    void disable(CudaFailure e) {
        if (!disabled) {
            disabled = true;
            LOG.warning("sextant: CUDA device failure (" + e.getMessage() + "); using the CPU backend from now on");
        }
    }

    private static void checkLength(String name, double[] a, long needed) {
        if (a == null || a.length < needed) {
            throw new IllegalArgumentException(name + " has length " + (a == null ? "null" : a.length)
                    + ", needs at least " + needed);
        }
    }
}

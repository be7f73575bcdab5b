package dev.sextant.surrogate.linalg.cuda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.linalg.LinearAlgebra;
import dev.sextant.surrogate.linalg.cuda.CudaDevice.Kernel;

/**
 * GPU benchmark, printing one JSON object per line on stdout:
 * <ul>
 *   <li>{@code cholesky}: device-resident blocked Cholesky at n = 4096, 8192, 16384, 32768 (TFLOP/s = n³/3 / s);</li>
 *   <li>{@code gemm}: the trailing-update kernel alone (C −= A·Bᵀ, n×n×n; TFLOP/s = 2n³ / s), the practical ceiling;</li>
 *   <li>{@code batched}: 1024 × (64×64) batched Cholesky, device-resident kernel time and with transfers;</li>
 *   <li>{@code gp_mll}: device-resident log marginal likelihood + gradient at n = 5000, 10000, 20000 (d = 6);</li>
 *   <li>{@code gp_fit}: a whole {@code GaussianProcess.fit} (Matérn-5/2, d = 6) with this backend, which the fit uses
 *       through its MllEvaluatorFactory SPI, at the same sizes (the target: ≤ 15 s at n = 20000);</li>
 *   <li>{@code crossover}: CPU vs GPU {@code choleskyInPlace} (with transfers) at small n, and the smallest n from
 *       which the GPU was faster — the measurement that should replace {@link CudaLinearAlgebra#DEFAULT_MIN_N}.</li>
 * </ul>
 * Arguments (all optional): {@code --cholesky 4096,8192} {@code --gp 5000,10000} {@code --fit 5000,10000}
 * {@code --crossover 256,512} {@code --repeats 3} {@code --skip cholesky,gemm,batched,gp,fit,crossover}. Times are medians over repeats after one
 * warm-up. Run on the GPU machine from a packed {@code .device/} folder (see surrogate/src/main/cuda/README.md).
 */
public final class CudaBenchmark {

    private CudaBenchmark() {
    }

    public static void main(String[] args) {
        int[] chol = {4096, 8192, 16384, 32768};
        int[] gp = {5000, 10000, 20000};
        int[] fit = {5000, 10000, 20000};
        int[] cross = {128, 256, 512, 1024, 1536, 2048, 3072, 4096};
        int repeats = 3;
        List<String> skip = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--cholesky" -> chol = ints(args[i + 1]);
                case "--gp" -> gp = ints(args[i + 1]);
                case "--fit" -> fit = ints(args[i + 1]);
                case "--crossover" -> cross = ints(args[i + 1]);
                case "--repeats" -> repeats = Integer.parseInt(args[i + 1]);
                case "--skip" -> skip.addAll(Arrays.asList(args[i + 1].split(",")));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --cholesky, --gp, --fit, --crossover, --repeats or --skip");
            }
        }
        Optional<LinearAlgebra> la = CudaLinearAlgebra.tryCreate();
        if (la.isEmpty()) {
            System.out.println("{\"error\":" + str("no CUDA device: " + CudaLinearAlgebra.unavailableReason().orElse("?"))
                    + "}");
            System.exit(2);
        }
        CudaLinearAlgebra cuda = (CudaLinearAlgebra) la.get();
        CudaDevice device = cuda.device();
        System.out.println("{\"device\":" + str(device.describe()) + ",\"java\":" + str(System.getProperty("java.version"))
                + "}");
        if (!skip.contains("gemm")) {
            gemm(device, 8192, repeats);
        }
        if (!skip.contains("cholesky")) {
            for (int n : chol) {
                cholesky(device, n, repeats);
            }
        }
        if (!skip.contains("batched")) {
            batched(cuda, device, 1024, 64, repeats);
        }
        if (!skip.contains("gp")) {
            for (int n : gp) {
                gpMll(cuda, n, 6, repeats);
            }
        }
        if (!skip.contains("fit")) {
            for (int n : fit) {
                gpFit(cuda, n, 6);
            }
        }
        if (!skip.contains("crossover")) {
            crossover(cuda, cross, repeats);
        }
    }

    private static void gpFit(CudaLinearAlgebra cuda, int n, int d) {
        Random rnd = new Random(7L * n);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble();
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(5 * x[i * d]) + Math.cos(3 * x[i * d + 1]) + 0.1 * rnd.nextGaussian();
        }
        long t0 = System.nanoTime();
        try {
            dev.sextant.surrogate.gp.GaussianProcess gp = dev.sextant.surrogate.gp.GaussianProcess.fit(x, n, d, y, null,
                    dev.sextant.surrogate.gp.GpOptions.defaults().withBackend(cuda));
            double s = (System.nanoTime() - t0) * 1e-9;
            System.out.println(String.format(Locale.ROOT,
                    "{\"bench\":\"gp_fit\",\"n\":%d,\"d\":%d,\"seconds\":%.3f,\"mll\":%.6e}", n, d, s,
                    gp.logMarginalLikelihood()));
        } catch (RuntimeException | OutOfMemoryError e) {
            System.out.println("{\"bench\":\"gp_fit\",\"n\":" + n + ",\"error\":" + str(String.valueOf(e)) + "}");
        }
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    /** Fills a (n×n) with an SPD RBF kernel matrix of n random points in [0,1]^8 plus 1e-2 on the diagonal. */
    private static void spdOnDevice(CudaDevice device, DeviceBuffer a, int n, long seed) {
        int d = 8;
        double[] x = new double[n * d];
        Random rnd = new Random(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble();
        }
        double[] inv = new double[d];
        Arrays.fill(inv, 1.0 / 0.4);
        try (DeviceBuffer dx = device.alloc((long) n * d); DeviceBuffer dinv = device.alloc(d)) {
            device.upload(x, 0, dx, 0, (long) n * d);
            device.upload(inv, 0, dinv, 0, d);
            device.launch(Kernel.KERNEL_MATRIX, TileMath.ceilDiv(n, 16), TileMath.ceilDiv(n, 16), 16, 16, 0,
                    dx, n, dx, n, d, dinv, 1.0, DeviceGpTerms.kindCode(KernelType.RBF), a, n);
            device.launch(Kernel.ADD_DIAG, TileMath.ceilDiv(n, 256), 1, 256, 1, 0, a, n, n, null, 1e-2);
            device.synchronize();
        }
    }

    private static void cholesky(CudaDevice device, int n, int repeats) {
        long nn = (long) n * n;
        synchronized (device) {
            device.enter();
            try (DeviceBuffer pristine = device.alloc(nn); DeviceBuffer a = device.alloc(nn);
                 DeviceBuffer info = device.alloc(1)) {
                spdOnDevice(device, pristine, n, n);
                double[] times = new double[repeats];
                int code = 0;
                for (int r = -1; r < repeats; r++) {
                    device.copy(pristine, 0, a, 0, nn);
                    device.zeroInts(info.at(0), 1);
                    device.synchronize();
                    long t0 = System.nanoTime();
                    BlockedAlgorithms.cholesky(new DeviceBlockOps(device, info.at(0)), a.region(0, n), n, 0);
                    int[] c = new int[1];
                    device.downloadInts(info.at(0), c, 1);     // synchronises
                    double s = (System.nanoTime() - t0) * 1e-9;
                    code = c[0];
                    if (r >= 0) {
                        times[r] = s;
                    }
                }
                double t = median(times);
                double tflops = (double) n * n * n / 3.0 / t * 1e-12;
                System.out.println(String.format(Locale.ROOT,
                        "{\"bench\":\"cholesky\",\"n\":%d,\"seconds\":%.6f,\"tflops\":%.3f,\"info\":%d,\"repeats\":%d}",
                        n, t, tflops, code, repeats));
            } catch (DeviceOutOfMemoryException e) {
                System.out.println("{\"bench\":\"cholesky\",\"n\":" + n + ",\"error\":" + str(e.getMessage()) + "}");
            }
        }
    }

    private static void gemm(CudaDevice device, int n, int repeats) {
        long nn = (long) n * n;
        synchronized (device) {
            device.enter();
            try (DeviceBuffer a = device.alloc(nn); DeviceBuffer c = device.alloc(nn)) {
                spdOnDevice(device, a, n, 1);
                device.copy(a, 0, c, 0, nn);
                double[] times = new double[repeats];
                for (int r = -1; r < repeats; r++) {
                    device.synchronize();
                    long t0 = System.nanoTime();
                    DeviceBlockOps.launchGemm(device, n, n, n, -1.0, a.region(0, n), a.region(0, n), true, 1.0,
                            c.region(0, n), false);
                    device.synchronize();
                    if (r >= 0) {
                        times[r] = (System.nanoTime() - t0) * 1e-9;
                    }
                }
                double t = median(times);
                System.out.println(String.format(Locale.ROOT,
                        "{\"bench\":\"gemm\",\"n\":%d,\"seconds\":%.6f,\"tflops\":%.3f,\"tensor_cores\":%b}",
                        n, t, 2.0 * n * n * n / t * 1e-12, device.tensorCores()));
            } catch (DeviceOutOfMemoryException e) {
                System.out.println("{\"bench\":\"gemm\",\"n\":" + n + ",\"error\":" + str(e.getMessage()) + "}");
            }
        }
    }

    private static void batched(CudaLinearAlgebra cuda, CudaDevice device, int batch, int n, int repeats) {
        long nn = (long) n * n;
        double[] a = new double[(int) (batch * nn)];
        Random rnd = new Random(3);
        double[] g = new double[n * n];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < g.length; i++) {
                g[i] = rnd.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = 0;
                    for (int q = 0; q < n; q++) {
                        s += g[i * n + q] * g[j * n + q];
                    }
                    a[(int) (b * nn) + i * n + j] = s / n + (i == j ? 0.1 : 0);
                    a[(int) (b * nn) + j * n + i] = s / n + (i == j ? 0.1 : 0);
                }
            }
        }
        double[] kernelTimes = new double[repeats];
        synchronized (device) {
            device.enter();
            try (DeviceBuffer pristine = device.alloc(batch * nn); DeviceBuffer da = device.alloc(batch * nn);
                 DeviceBuffer info = device.alloc((batch + 1) / 2)) {
                device.upload(a, 0, pristine, 0, batch * nn);
                for (int r = -1; r < repeats; r++) {
                    device.copy(pristine, 0, da, 0, batch * nn);
                    device.zeroInts(info.at(0), batch);
                    device.synchronize();
                    long t0 = System.nanoTime();
                    device.launch(Kernel.POTRF_TILE, batch, 1, 256, 1, TileMath.potrfSharedBytes(n), da, n, n, nn,
                            info, 0);
                    device.synchronize();
                    if (r >= 0) {
                        kernelTimes[r] = (System.nanoTime() - t0) * 1e-9;
                    }
                }
            }
        }
        double[] totalTimes = new double[repeats];
        boolean[] ok = new boolean[batch];
        for (int r = -1; r < repeats; r++) {
            double[] work = a.clone();
            long t0 = System.nanoTime();
            cuda.batchedCholesky(work, batch, n, ok);
            if (r >= 0) {
                totalTimes[r] = (System.nanoTime() - t0) * 1e-9;
            }
        }
        int failed = 0;
        for (boolean b : ok) {
            failed += b ? 0 : 1;
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"bench\":\"batched\",\"batch\":%d,\"n\":%d,\"kernel_ms\":%.4f,\"with_transfers_ms\":%.4f,"
                        + "\"not_pd\":%d}", batch, n, median(kernelTimes) * 1e3, median(totalTimes) * 1e3, failed));
    }

    private static void gpMll(CudaLinearAlgebra cuda, int n, int d, int repeats) {
        Random rnd = new Random(n);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble();
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(5 * x[i * d]) + Math.cos(3 * x[i * d + 1]) + 0.1 * rnd.nextGaussian();
        }
        double[] theta = new double[d + 1];
        Arrays.fill(theta, Math.log(0.3));
        theta[d] = 0.0;
        Optional<DeviceGpTerms> opened = cuda.openGpTerms(x, n, d, y, KernelType.MATERN52);
        if (opened.isEmpty()) {
            System.out.println("{\"bench\":\"gp_mll\",\"n\":" + n + ",\"error\":\"could not open device GP terms\"}");
            return;
        }
        try (DeviceGpTerms terms = opened.get()) {
            double[] times = new double[repeats];
            MllTerms last = null;
            for (int r = -1; r < repeats; r++) {
                long t0 = System.nanoTime();
                last = terms.evaluate(theta, 0.01, null, 0.0, 0.0);
                if (r >= 0) {
                    times[r] = (System.nanoTime() - t0) * 1e-9;
                }
            }
            System.out.println(String.format(Locale.ROOT,
                    "{\"bench\":\"gp_mll\",\"n\":%d,\"d\":%d,\"kernel\":\"matern52\",\"seconds_per_evaluation\":%.4f,"
                            + "\"mll\":%.6e,\"pd\":%b}", n, d, median(times), last.logMarginalLikelihood(),
                    last.positiveDefinite()));
        }
    }

    private static void crossover(CudaLinearAlgebra cuda, int[] sizes, int repeats) {
        LinearAlgebra cpu = LinearAlgebra.cpu();
        int firstGpuWin = -1;
        for (int n : sizes) {
            double[] a = CudaBenchmarkSupport.spd(n, n);
            double tc = time(() -> cpu.choleskyInPlace(a.clone(), n), repeats);
            double tg = time(() -> cuda.choleskyInPlace(a.clone(), n), repeats);
            if (tg < tc && firstGpuWin < 0) {
                firstGpuWin = n;
            }
            System.out.println(String.format(Locale.ROOT,
                    "{\"bench\":\"crossover\",\"op\":\"choleskyInPlace\",\"n\":%d,\"cpu_seconds\":%.6f,"
                            + "\"gpu_seconds_with_transfers\":%.6f}", n, tc, tg));
        }
        System.out.println("{\"bench\":\"crossover\",\"suggested_min_n\":" + firstGpuWin
                + ",\"note\":\"smallest measured n where the GPU Cholesky (with transfers) beat the CPU; -1 = never\"}");
    }

    private static double time(Runnable r, int repeats) {
        double[] t = new double[repeats];
        r.run();
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) * 1e-9;
        }
        return median(t);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}

/** Host-side test matrices for the benchmark. */
final class CudaBenchmarkSupport {
    private CudaBenchmarkSupport() {
    }

    /** SPD n×n: RBF Gram of n random points in [0,1]^8 (lengthscale 0.4) plus 1e-2·I. */
    static double[] spd(int n, long seed) {
        int d = 8;
        Random rnd = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble();
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double r2 = 0;
                for (int c = 0; c < d; c++) {
                    double t = (x[i * d + c] - x[j * d + c]) / 0.4;
                    r2 += t * t;
                }
                double v = Math.exp(-0.5 * r2) + (i == j ? 1e-2 : 0);
                a[i * n + j] = v;
                a[j * n + i] = v;
            }
        }
        return a;
    }
}

package dev.sextant.surrogate.bench;

import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.GpOptions;
import dev.sextant.surrogate.linalg.LinearAlgebra;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * GP fit time (MAP, default options) on Hartmann-6 data, d = 6. Usage:
 * {@code java -cp ... dev.sextant.surrogate.bench.GpFitBenchmark [n ...]} (default 100 500 2000).
 * Each size is warmed up, then timed over several repetitions with different data; the median wall-clock and
 * process-CPU times are printed (CPU time, summed over threads, is the fairer number on a shared machine). Where the
 * pre-fit ({@link GpOptions#prefitSize()}) applies, each data set is also fitted without it, and the MAP objectives
 * (log marginal likelihood + log prior) reached by both are compared.
 */
public final class GpFitBenchmark {
    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A = {
            {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] P = {
            {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886}, {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
            {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650}, {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

    private static final java.lang.management.ThreadMXBean MAIN = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Process CPU time (all threads: the linear algebra uses up to two). */
    private static long cpuNanos() {
        try {
            java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                return sun.getProcessCpuTime();
            }
        } catch (LinkageError e) {
            // runtime without jdk.management: fall back to this thread's time
        }
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private GpFitBenchmark() {
    }

    /** Negated Hartmann-6 (maximisation form). */
    static double hartmann6(double[] x, int off) {
        double s = 0;
        for (int i = 0; i < 4; i++) {
            double e = 0;
            for (int j = 0; j < 6; j++) {
                double t = x[off + j] - P[i][j];
                e += A[i][j] * t * t;
            }
            s += ALPHA[i] * Math.exp(-e);
        }
        return s;
    }

    static double[][] data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * 6];
        double[] y = new double[n];
        for (int i = 0; i < n * 6; i++) {
            x[i] = r.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            y[i] = hartmann6(x, i * 6);
        }
        return new double[][] {x, y};
    }

    private static GpOptions plainOptions(GpOptions opt) {
        return opt.withPrefitSize(0);
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {100, 500, 2000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        GpOptions opt = GpOptions.defaults();
        System.out.printf(Locale.ROOT, "GP fit benchmark: Hartmann-6, d = 6, MAP, restarts = %d (+ default start), backend %s, %d cores%n",
                opt.restarts(), LinearAlgebra.select(sizes[0]).name(), Runtime.getRuntime().availableProcessors());
        // JIT warm-up: small problems, and a few above the two-thread and pre-fit thresholds (n ≥ 256)
        for (int w = 0; w < 40; w++) {
            double[][] dt = data(100, 1000 + w);
            GaussianProcess.fit(dt[0], 100, 6, dt[1], null, opt);
        }
        for (int w = 0; w < 3; w++) {
            double[][] dt = data(300, 2000 + w);
            GaussianProcess.fit(dt[0], 300, 6, dt[1], null, opt);
            GaussianProcess.fit(dt[0], 300, 6, dt[1], null, plainOptions(opt));
        }
        GpOptions plain = plainOptions(opt);
        for (int n : sizes) {
            int reps = n <= 100 ? 21 : n <= 500 ? 21 : n <= 1000 ? 3 : 2;
            boolean prefit = opt.prefitSize() > 0 && n >= 2 * opt.prefitSize();
            double[] times = new double[reps];
            double[] cpu = new double[reps];
            double[] mainCpu = new double[reps];
            double[] plainTimes = new double[reps];
            double maxRel = 0;
            double worstSigned = 0;
            double mll = 0;
            for (int r = 0; r < reps; r++) {
                double[][] dt = data(n, 7 * r + n);
                long m0 = MAIN.getCurrentThreadCpuTime();
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                GaussianProcess gp = GaussianProcess.fit(dt[0], n, 6, dt[1], null, opt);
                times[r] = (System.nanoTime() - t0) / 1e9;
                cpu[r] = (cpuNanos() - c0) / 1e9;
                mainCpu[r] = (MAIN.getCurrentThreadCpuTime() - m0) / 1e9;
                mll = gp.logMarginalLikelihood();
                if (prefit) {   // the same fit without the pre-fit: time and MAP objective reached
                    t0 = System.nanoTime();
                    GaussianProcess ref = GaussianProcess.fit(dt[0], n, 6, dt[1], null, plain);
                    plainTimes[r] = (System.nanoTime() - t0) / 1e9;
                    double a = gp.mapObjective(opt.prior());
                    double b = ref.mapObjective(opt.prior());
                    double rel = (a - b) / Math.abs(b);
                    maxRel = Math.max(maxRel, Math.abs(rel));
                    worstSigned = Math.min(worstSigned, rel);
                }
            }
            // a BO-loop refit: one more observation, warm-started from the previous fit
            double[][] dt = data(n + 1, 99 * n);
            GaussianProcess prev = GaussianProcess.fit(dt[0], n, 6, dt[1], null, opt);
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            GaussianProcess.fit(dt[0], n + 1, 6, dt[1], null, opt.withWarmStart(prev.hyperparameterVector()));
            double refitWall = (System.nanoTime() - t0) / 1e9;
            double refitCpu = (cpuNanos() - c0) / 1e9;
            Arrays.sort(times);
            Arrays.sort(cpu);
            Arrays.sort(mainCpu);
            Arrays.sort(plainTimes);
            System.out.printf(Locale.ROOT, "n = %5d  wall median %.4f s (min %.4f, max %.4f)  process cpu median %.3f s  "
                    + "main-thread cpu median %.4f s (min %.4f)  (%d fits; last mll %.2f)%n",
                    n, times[reps / 2], times[0], times[reps - 1], cpu[reps / 2], mainCpu[reps / 2], mainCpu[0], reps, mll);
            if (prefit) {
                System.out.printf(Locale.ROOT, "          without the pre-fit (prefitSize 0): wall median %.4f s; MAP objective, "
                        + "pre-fit vs plain: max |relative difference| %.2e (most negative = pre-fit worse: %.2e)%n",
                        plainTimes[reps / 2], maxRel, worstSigned);
            }
            System.out.printf(Locale.ROOT, "          warm-started refit with one more point: wall %.4f s, cpu %.4f s%n", refitWall, refitCpu);
        }
    }
}

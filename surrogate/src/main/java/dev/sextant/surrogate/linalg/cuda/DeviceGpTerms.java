package dev.sextant.surrogate.linalg.cuda;

import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.linalg.cuda.CudaDevice.Kernel;

/**
 * Device-resident exact-GP terms for one training set: the inputs stay on the device, and each
 * {@link #evaluate} assembles K, factors it, and computes the log marginal likelihood and its gradient without
 * moving any n×n matrix over the bus (only α, n doubles, comes back). K's Cholesky factor L stays on the device
 * after an evaluation; {@link #choleskyFactor(double[])} copies it out.
 *
 * <p>Kernel: k(x, x') = s·g(r²), r² = Σ_c (x_c − x'_c)²/ℓ_c², g the {@link KernelType} (same definitions as
 * {@code Kernel.of(type, d)}). Device memory: 2·n² + O(n·d) doubles. Not thread-safe per instance beyond the
 * device lock each call takes; close it to free the device memory.
 */
public final class DeviceGpTerms implements AutoCloseable {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final int GRAD_DIMS = 8;     // SX_GRAD_DIMS
    private static final int GRAD_TILE = 16;    // SX_GRAD_TILE

    private final CudaDevice device;
    private final KernelType type;
    private final int n;
    private final int d;
    private final double[] y;
    private DeviceBuffer x;
    private DeviceBuffer k;        // K, then L
    private DeviceBuffer kinv;     // K⁻¹
    private DeviceBuffer vec;      // α (n)
    private DeviceBuffer small;    // 1/ℓ (d) | diag noise (n) | sums (d + 2) | logdet (1) | info (1)
    private final long offDiag;
    private final long offSums;
    private final long offLogdet;
    private final long offInfo;
    private boolean factored;

    DeviceGpTerms(CudaDevice device, KernelType type, double[] xHost, int n, int d, double[] yHost) {
        this.device = device;
        this.type = type;
        this.n = n;
        this.d = d;
        this.y = yHost.clone();
        this.offDiag = d;
        this.offSums = offDiag + n;
        this.offLogdet = offSums + d + 2;
        this.offInfo = offLogdet + 1;
        try {
            x = device.alloc((long) n * d);
            k = device.alloc((long) n * n);
            kinv = device.alloc((long) n * n);
            vec = device.alloc(n);
            small = device.alloc(offInfo + 1);
            device.upload(xHost, 0, x, 0, (long) n * d);
        } catch (RuntimeException e) {
            DeviceBuffer.closeQuietly(x, k, kinv, vec, small);
            throw e;
        }
    }

    public int n() {
        return n;
    }

    public int dimension() {
        return d;
    }

    public KernelType kernelType() {
        return type;
    }

    /**
     * Log marginal likelihood and gradient at the given hyperparameters.
     *
     * @param kernelLogTheta d log lengthscales, then log outputscale (not modified)
     * @param noiseVariance  σ² ≥ 0 added to the diagonal; {@link MllTerms#noiseGradient()} is with respect to log σ²
     * @param diagNoise      per-point variances added to the diagonal (length n, not modified), or null
     * @param jitter         ≥ 0 added to the diagonal and treated as a constant
     * @param meanConstant   c: the likelihood is that of y − c
     */
    public MllTerms evaluate(double[] kernelLogTheta, double noiseVariance, double[] diagNoise, double jitter,
                             double meanConstant) {
        return evaluate(kernelLogTheta, noiseVariance, diagNoise, jitter, meanConstant, true);
    }

    /** As {@link #evaluate(double[], double, double[], double, double)}; without the gradient (NaN) when not asked. */
    MllTerms evaluate(double[] kernelLogTheta, double noiseVariance, double[] diagNoise, double jitter,
                      double meanConstant, boolean gradient) {
        checkTheta(kernelLogTheta);
        if (!(noiseVariance >= 0) || !(jitter >= 0) || !Double.isFinite(noiseVariance + jitter)) {
            throw new IllegalArgumentException("noiseVariance and jitter must be finite and ≥ 0, got "
                    + noiseVariance + ", " + jitter);
        }
        if (diagNoise != null && diagNoise.length != n) {
            throw new IllegalArgumentException("diagNoise has length " + diagNoise.length + ", expected n = " + n);
        }
        double s = Math.exp(kernelLogTheta[d]);
        double[] resid = new double[n];
        for (int i = 0; i < n; i++) {
            resid[i] = y[i] - meanConstant;
        }
        synchronized (device) {
            device.enter();
            uploadInverseLengthscales(kernelLogTheta);
            if (diagNoise != null) {
                device.upload(diagNoise, 0, small, offDiag, n);
            }
            // K = s·g(r²) + (σ² + jitter)·I + diag(noise)
            device.launch(Kernel.KERNEL_MATRIX, TileMath.ceilDiv(n, 16), TileMath.ceilDiv(n, 16), 16, 16, 0,
                    x, n, x, n, d, small.at(0), s, kindCode(type), k.at(0), n);
            device.launch(Kernel.ADD_DIAG, TileMath.ceilDiv(n, 256), 1, 256, 1, 0,
                    k.at(0), n, n, diagNoise != null ? small.at(offDiag) : null, noiseVariance + jitter);
            int failed = factor();
            if (failed >= 0) {
                return MllTerms.notPositiveDefinite(d + 1, failed);
            }
            // α: (y − c)ᵀ·L⁻ᵀ·L⁻¹ as two right solves on a 1×n row
            device.upload(resid, 0, vec, 0, n);
            DeviceRegion row = vec.region(0, n);
            DeviceRegion l = k.region(0, n);
            DeviceBlockOps ops = new DeviceBlockOps(device, small.at(offInfo));
            BlockedAlgorithms.trsmRight(ops, row, 1, n, l, true);
            BlockedAlgorithms.trsmRight(ops, row, 1, n, l, false);
            device.launch(Kernel.LOGDET, 1, 1, 256, 1, 0, k.at(0), n, n, small.at(offLogdet));
            if (!gradient) {
                double[] alpha = new double[n];
                device.download(vec, 0, alpha, 0, n);
                double[] logdet = new double[1];
                device.download(small, offLogdet, logdet, 0, 1);
                double quad = 0;
                double sumAlpha = 0;
                for (int i = 0; i < n; i++) {
                    quad += resid[i] * alpha[i];
                    sumAlpha += alpha[i];
                }
                double[] none = new double[d + 1];
                java.util.Arrays.fill(none, Double.NaN);
                return new MllTerms(-0.5 * quad - 0.5 * logdet[0] - 0.5 * n * LOG_2PI, none, Double.NaN, sumAlpha,
                        alpha, -1);
            }
            // K⁻¹ = I·L⁻ᵀ·L⁻¹
            device.launch(Kernel.SET_IDENTITY, TileMath.ceilDiv(n, 16), TileMath.ceilDiv(n, 16), 16, 16, 0,
                    kinv.at(0), n, n);
            DeviceRegion inv = kinv.region(0, n);
            BlockedAlgorithms.inverseFromCholesky(ops, l, n, inv);
            // Σ_ij W_ij ∂K_ij/∂θ, W = ααᵀ − K⁻¹
            zeroSums();
            long tiles = TileMath.lowerTriangleTiles(n, GRAD_TILE);
            int grid = (int) Math.min(tiles, (long) device.multiprocessors() * 16);
            for (int dim0 = 0; dim0 < d; dim0 += GRAD_DIMS) {
                device.launch(Kernel.MLL_GRAD, grid, 1, GRAD_TILE, GRAD_TILE, 0,
                        x, n, d, small.at(0), s, kindCode(type), kinv.at(0), n, vec.at(0), dim0,
                        Math.min(GRAD_DIMS, d - dim0), dim0 == 0 ? 1 : 0, small.at(offSums));
            }
            double[] alpha = new double[n];
            device.download(vec, 0, alpha, 0, n);
            double[] tail = new double[d + 3];
            device.download(small, offSums, tail, 0, d + 3);
            double quad = 0;
            double sumAlpha = 0;
            for (int i = 0; i < n; i++) {
                quad += resid[i] * alpha[i];
                sumAlpha += alpha[i];
            }
            double logdet = tail[d + 2];
            double mll = -0.5 * quad - 0.5 * logdet - 0.5 * n * LOG_2PI;
            double[] grad = new double[d + 1];
            for (int c = 0; c <= d; c++) {
                grad[c] = 0.5 * tail[c];
            }
            double noiseGrad = 0.5 * noiseVariance * tail[d + 1];
            return new MllTerms(mll, grad, noiseGrad, sumAlpha, alpha, -1);
        }
    }

    /**
     * {@link #evaluate} with the packed parameter vector of the GP's marginal likelihood:
     * p = [d log lengthscales, log outputscale, log σ² (only when {@code fixedNoise} is null), mean constant c].
     * When K is positive definite and {@code grad} is not null, grad (length of p) receives ∂/∂p in the same layout;
     * with a null grad only the value is computed (no K⁻¹: about a quarter of the work).
     *
     * @param fixedNoise per-point noise variances (length n, not modified), or null when σ² is inferred (in p)
     * @param jitter     ≥ 0 added to the diagonal as a constant
     */
    public MllTerms evaluatePacked(double[] p, double[] fixedNoise, double jitter, double[] grad) {
        int expected = packedLength(d, fixedNoise == null);
        if (p == null || p.length != expected) {
            throw new IllegalArgumentException("packed parameters: expected " + expected + " values ([" + (d + 1)
                    + " kernel log hyperparameters" + (fixedNoise == null ? ", log noise" : "") + ", mean]), got "
                    + (p == null ? "null" : p.length));
        }
        double[] theta = java.util.Arrays.copyOf(p, d + 1);
        double noise = fixedNoise == null ? Math.exp(p[d + 1]) : 0.0;
        MllTerms t = evaluate(theta, noise, fixedNoise, jitter, p[expected - 1], grad != null);
        if (grad != null && t.positiveDefinite()) {
            packGradient(t, fixedNoise == null, grad);
        }
        return t;
    }

    /** Length of the packed parameter vector for d inputs. */
    static int packedLength(int d, boolean inferNoise) {
        return d + 1 + (inferNoise ? 1 : 0) + 1;
    }

    /** Writes the gradient of t in the packed layout of {@link #evaluatePacked}. */
    static void packGradient(MllTerms t, boolean inferNoise, double[] grad) {
        double[] kg = t.kernelGradient();
        int len = kg.length + (inferNoise ? 1 : 0) + 1;
        if (grad.length < len) {
            throw new IllegalArgumentException("grad has length " + grad.length + ", needs " + len);
        }
        System.arraycopy(kg, 0, grad, 0, kg.length);
        if (inferNoise) {
            grad[kg.length] = t.noiseGradient();
        }
        grad[len - 1] = t.meanGradient();
    }

    /** K(x, x) = s·g(r²) without any diagonal term, downloaded into {@code out} (n×n). Leaves no factor. */
    public void kernelMatrix(double[] kernelLogTheta, double[] out) {
        checkTheta(kernelLogTheta);
        if (out.length < (long) n * n) {
            throw new IllegalArgumentException("out has length " + out.length + ", needs n² = " + (long) n * n);
        }
        synchronized (device) {
            device.enter();
            uploadInverseLengthscales(kernelLogTheta);
            device.launch(Kernel.KERNEL_MATRIX, TileMath.ceilDiv(n, 16), TileMath.ceilDiv(n, 16), 16, 16, 0,
                    x, n, x, n, d, small.at(0), Math.exp(kernelLogTheta[d]), kindCode(type), k.at(0), n);
            factored = false;
            device.download(k, 0, out, 0, (long) n * n);
        }
    }

    /**
     * Copies the lower Cholesky factor of the last successful {@link #evaluate} into {@code out} (n×n, upper
     * triangle zero).
     */
    public void choleskyFactor(double[] out) {
        if (out.length < (long) n * n) {
            throw new IllegalArgumentException("out has length " + out.length + ", needs n² = " + (long) n * n);
        }
        synchronized (device) {
            if (!factored) {
                throw new IllegalStateException("no Cholesky factor on the device: call evaluate first");
            }
            device.enter();
            device.launch(Kernel.ZERO_UPPER, TileMath.ceilDiv(n, 16), TileMath.ceilDiv(n, 16), 16, 16, 0,
                    k.at(0), n, n);
            device.download(k, 0, out, 0, (long) n * n);
        }
    }

    /** Factors the K buffer in place; returns −1 on success or the first failing column. */
    private int factor() {
        device.zeroInts(small.at(offInfo), 1);
        DeviceBlockOps ops = new DeviceBlockOps(device, small.at(offInfo));
        BlockedAlgorithms.cholesky(ops, k.region(0, n), n, 0);
        int[] info = new int[1];
        device.downloadInts(small.at(offInfo), info, 1);
        factored = info[0] == 0;
        return info[0] == 0 ? -1 : info[0] - 1;
    }

    private void zeroSums() {
        double[] z = new double[d + 2];
        device.upload(z, 0, small, offSums, d + 2);
    }

    /** Device code of a kernel type (SX_MATERN52, SX_MATERN32, SX_RBF in sextant_linalg.cu). */
    static int kindCode(KernelType type) {
        switch (type) {
            case MATERN52:
                return 0;
            case MATERN32:
                return 1;
            case RBF:
                return 2;
            default:
                throw new IllegalArgumentException("no device kernel for " + type);
        }
    }

    private void uploadInverseLengthscales(double[] logTheta) {
        double[] inv = new double[d];
        for (int c = 0; c < d; c++) {
            inv[c] = Math.exp(-logTheta[c]);
        }
        device.upload(inv, 0, small, 0, d);
    }

    private void checkTheta(double[] logTheta) {
        if (logTheta == null || logTheta.length != d + 1) {
            throw new IllegalArgumentException("expected " + (d + 1) + " kernel log hyperparameters (d lengthscales, "
                    + "outputscale), got " + (logTheta == null ? "null" : logTheta.length));
        }
        for (double v : logTheta) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("kernel log hyperparameters must be finite, got " + v);
            }
        }
    }

    @Override
    public void close() {
        synchronized (device) {
            try {
                device.enter();
            } catch (RuntimeException e) {
                // a broken context: the frees below are best effort
            }
            DeviceBuffer.closeQuietly(x, k, kinv, vec, small);
            x = k = kinv = vec = small = null;
        }
    }
}

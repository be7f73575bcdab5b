package dev.sextant.surrogate.linalg.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuGetErrorString;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD32;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * One CUDA device opened through the JCuda driver API: its primary context, the Sextant PTX module and its kernels.
 * Every public-facing call is made while holding this object's monitor, with the context made current on the
 * calling thread first ({@link #enter()}), so callers may use it from any thread.
 *
 * <p>Driver errors throw {@link CudaFailure} ({@link DeviceOutOfMemoryException} for CUDA_ERROR_OUT_OF_MEMORY).
 */
final class CudaDevice {

    /**
     * The kernels of sextant_linalg.cu: PTX entry name and parameter signature, one letter per parameter:
     * {@code p} pointer, {@code i} int, {@code l} long long, {@code d} double. {@link #launch} checks its arguments
     * against the signature; a test checks the signatures against the PTX.
     */
    enum Kernel {
        POTRF_TILE("sx_potrf_tile", "piilpi"),
        TRSM_TILE("sx_trsm_tile", "piiipii"),
        GEMM("sx_gemm", "iiidpipiidpii"),
        ZERO_UPPER("sx_zero_upper", "pii"),
        SET_IDENTITY("sx_set_identity", "pii"),
        TRANSPOSE("sx_transpose", "piip"),
        LOGDET("sx_logdet", "piip"),
        KERNEL_MATRIX("sx_kernel_matrix", "pipiipdipi"),
        ADD_DIAG("sx_add_diag", "piipd"),
        MLL_GRAD("sx_mll_grad", "piipdipipiiip");

        final String entry;
        final String signature;

        Kernel(String entry, String signature) {
            this.entry = entry;
            this.signature = signature;
        }
    }

    /** Resource of the PTX with FP64 tensor-core MMA (compute_80), used on devices of compute capability ≥ 8.0. */
    static final String PTX_SM80 = "/ptx/sextant-linalg-sm80.ptx";
    /** Resource of the plain-FP64 PTX (compute_75), used on compute capability 7.5 to 7.9. */
    static final String PTX_SM75 = "/ptx/sextant-linalg-sm75.ptx";

    private final CUcontext context;
    private final String name;
    private final int ccMajor;
    private final int ccMinor;
    private final int multiprocessors;
    private final long totalMemory;
    private final String ptxResource;
    private final Map<Kernel, CUfunction> functions = new EnumMap<>(Kernel.class);

    private CudaDevice(CUcontext context, String name, int ccMajor, int ccMinor, int multiprocessors,
                       long totalMemory, String ptxResource) {
        this.context = context;
        this.name = name;
        this.ccMajor = ccMajor;
        this.ccMinor = ccMinor;
        this.multiprocessors = multiprocessors;
        this.totalMemory = totalMemory;
        this.ptxResource = ptxResource;
    }

    /**
     * Initialises the driver, retains the primary context of device {@code ordinal} and loads the PTX module.
     * Throws CudaFailure (or a LinkageError when the JCuda natives or libcuda cannot be loaded).
     */
    static CudaDevice open(int ordinal) {
        JCudaDriver.setExceptionsEnabled(false);
        check(cuInit(0), "cuInit");
        int[] count = new int[1];
        check(cuDeviceGetCount(count), "cuDeviceGetCount");
        if (count[0] == 0) {
            throw new CudaFailure("no CUDA device", CUresult.CUDA_ERROR_NO_DEVICE);
        }
        if (ordinal < 0 || ordinal >= count[0]) {
            throw new CudaFailure("sextant.cuda.device=" + ordinal + " but " + count[0] + " device(s) present", -1);
        }
        CUdevice dev = new CUdevice();
        check(cuDeviceGet(dev, ordinal), "cuDeviceGet");
        int major = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        int minor = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        int sms = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        byte[] nameBytes = new byte[256];
        check(cuDeviceGetName(nameBytes, nameBytes.length, dev), "cuDeviceGetName");
        int len = 0;
        while (len < nameBytes.length && nameBytes[len] != 0) {
            len++;
        }
        String devName = new String(nameBytes, 0, len, StandardCharsets.US_ASCII);
        long[] mem = new long[1];
        check(cuDeviceTotalMem(mem, dev), "cuDeviceTotalMem");
        int cc = major * 10 + minor;
        if (cc < 75) {
            throw new CudaFailure(devName + " has compute capability " + major + "." + minor
                    + "; the Sextant kernels need 7.5 or newer", -1);
        }
        String resource = cc >= 80 ? PTX_SM80 : PTX_SM75;
        CUcontext ctx = new CUcontext();
        check(cuDevicePrimaryCtxRetain(ctx, dev), "cuDevicePrimaryCtxRetain");
        check(cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
        CudaDevice device = new CudaDevice(ctx, devName, major, minor, sms, mem[0], resource);
        CUmodule module = new CUmodule();
        check(cuModuleLoadData(module, ptx(resource)), "cuModuleLoadData(" + resource + ")");
        for (Kernel k : Kernel.values()) {
            CUfunction f = new CUfunction();
            check(cuModuleGetFunction(f, module, k.entry), "cuModuleGetFunction(" + k.entry + ")");
            device.functions.put(k, f);
        }
        return device;
    }

    /** The PTX text of a resource, NUL-terminated as cuModuleLoadData expects. */
    static byte[] ptx(String resource) {
        try (InputStream in = CudaDevice.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new CudaFailure("PTX resource " + resource + " missing from the classpath"
                        + " (rebuild it with surrogate/build-ptx.sh)", -1);
            }
            byte[] text = in.readAllBytes();
            byte[] z = new byte[text.length + 1];
            System.arraycopy(text, 0, z, 0, text.length);
            return z;
        } catch (IOException e) {
            throw new CudaFailure("cannot read PTX resource " + resource + ": " + e.getMessage(), -1);
        }
    }

    private static int attribute(CUdevice dev, int attribute) {
        int[] v = new int[1];
        check(cuDeviceGetAttribute(v, attribute, dev), "cuDeviceGetAttribute");
        return v[0];
    }

    static void check(int result, String call) {
        if (result == CUresult.CUDA_SUCCESS) {
            return;
        }
        String[] text = new String[1];
        String detail;
        try {
            cuGetErrorString(result, text);
            detail = text[0] != null ? text[0] : CUresult.stringFor(result);
        } catch (RuntimeException | LinkageError e) {
            detail = "CUresult " + result;
        }
        String message = call + " failed: " + detail;
        if (result == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            throw new DeviceOutOfMemoryException(message, result);
        }
        throw new CudaFailure(message, result);
    }

    String name() {
        return name;
    }

    String computeCapability() {
        return ccMajor + "." + ccMinor;
    }

    boolean tensorCores() {
        return ptxResource.equals(PTX_SM80);
    }

    int multiprocessors() {
        return multiprocessors;
    }

    long totalMemory() {
        return totalMemory;
    }

    String describe() {
        return name + " (compute " + computeCapability() + ", " + multiprocessors + " SMs, "
                + (totalMemory >> 20) + " MiB, " + (tensorCores() ? "FP64 tensor-core" : "plain FP64") + " kernels)";
    }

    /** Makes this device's context current on the calling thread. Call while holding the monitor. */
    void enter() {
        check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    /** Allocates {@code doubles} doubles (at least one). */
    DeviceBuffer alloc(long doubles) {
        CUdeviceptr p = new CUdeviceptr();
        check(cuMemAlloc(p, Math.max(1, doubles) * Double.BYTES), "cuMemAlloc(" + (doubles * Double.BYTES) + " bytes)");
        return new DeviceBuffer(this, p, Math.max(1, doubles));
    }

    void free(CUdeviceptr p) {
        check(cuMemFree(p), "cuMemFree");
    }

    /** Copies {@code len} doubles host→device. */
    void upload(double[] src, int srcOffset, DeviceBuffer dst, long dstOffset, long len) {
        if (len == 0) {
            return;
        }
        check(cuMemcpyHtoD(dst.at(dstOffset), host(src, srcOffset), len * Double.BYTES), "cuMemcpyHtoD");
    }

    /** Copies {@code len} doubles device→host (synchronous). */
    void download(DeviceBuffer src, long srcOffset, double[] dst, int dstOffset, long len) {
        if (len == 0) {
            return;
        }
        check(cuMemcpyDtoH(host(dst, dstOffset), src.at(srcOffset), len * Double.BYTES), "cuMemcpyDtoH");
    }

    private static Pointer host(double[] array, int offset) {
        Pointer p = Pointer.to(array);
        return offset == 0 ? p : p.withByteOffset((long) offset * Double.BYTES);
    }

    /** Copies {@code count} ints device→host. */
    void downloadInts(CUdeviceptr src, int[] dst, int count) {
        if (count == 0) {
            return;
        }
        check(cuMemcpyDtoH(Pointer.to(dst), src, (long) count * Integer.BYTES), "cuMemcpyDtoH");
    }

    void copy(DeviceBuffer src, long srcOffset, DeviceBuffer dst, long dstOffset, long len) {
        if (len == 0) {
            return;
        }
        check(cuMemcpyDtoD(dst.at(dstOffset), src.at(srcOffset), len * Double.BYTES), "cuMemcpyDtoD");
    }

    /** Sets {@code ints} 32-bit words from {@code ptr} on to zero (a double is 2 words). */
    void zeroInts(CUdeviceptr ptr, long ints) {
        if (ints == 0) {
            return;
        }
        check(cuMemsetD32(ptr, 0, ints), "cuMemsetD32");
    }

    void synchronize() {
        check(cuCtxSynchronize(), "cuCtxSynchronize");
    }

    /**
     * Launches a kernel. Arguments: {@link DeviceBuffer}, {@link DeviceRegion} or {@link CUdeviceptr} (a pointer; {@code null} passes a
     * NULL pointer), {@link Integer} (int), {@link Long} (long long), {@link Double} (double).
     */
    /** The signature letter of a launch argument (see {@link Kernel}); throws for unsupported types. */
    static char signatureOf(Object a) {
        if (a == null || a instanceof DeviceBuffer || a instanceof DeviceRegion || a instanceof CUdeviceptr) {
            return 'p';
        } else if (a instanceof Integer) {
            return 'i';
        } else if (a instanceof Long) {
            return 'l';
        } else if (a instanceof Double) {
            return 'd';
        }
        throw new IllegalArgumentException("unsupported kernel argument type " + a.getClass().getName());
    }

    /** Throws IllegalArgumentException unless args match the kernel's parameter signature exactly. */
    static void checkSignature(Kernel kernel, Object... args) {
        StringBuilder got = new StringBuilder(args.length);
        for (Object a : args) {
            got.append(signatureOf(a));
        }
        if (!got.toString().equals(kernel.signature)) {
            throw new IllegalArgumentException(kernel.entry + " takes (" + kernel.signature + ") but was given ("
                    + got + ")");
        }
    }

    void launch(Kernel kernel, int gridX, int gridY, int blockX, int blockY, int sharedBytes, Object... args) {
        if (gridX <= 0 || gridY <= 0) {
            return;
        }
        checkSignature(kernel, args);
        NativePointerObject[] params = new NativePointerObject[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                params[i] = Pointer.to(new CUdeviceptr());
            } else if (a instanceof DeviceBuffer b) {
                params[i] = Pointer.to(b.at(0));
            } else if (a instanceof DeviceRegion r) {
                params[i] = Pointer.to(r.buffer().at(r.offset()));
            } else if (a instanceof CUdeviceptr p) {
                params[i] = Pointer.to(p);
            } else if (a instanceof Integer v) {
                params[i] = Pointer.to(new int[] {v});
            } else if (a instanceof Long v) {
                params[i] = Pointer.to(new long[] {v});
            } else {
                params[i] = Pointer.to(new double[] {(Double) a});
            }
        }
        check(cuLaunchKernel(functions.get(kernel), gridX, gridY, 1, blockX, blockY, 1, sharedBytes, null,
                Pointer.to(params), null), "cuLaunchKernel(" + kernel.entry + ")");
    }
}

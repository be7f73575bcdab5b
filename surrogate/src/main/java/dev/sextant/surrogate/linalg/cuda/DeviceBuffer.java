package dev.sextant.surrogate.linalg.cuda;

import jcuda.driver.CUdeviceptr;

/** A device allocation of {@code length} doubles (or 2·length ints). Freed by {@link #close()} (idempotent). */
final class DeviceBuffer implements AutoCloseable {
    private final CudaDevice device;
    private CUdeviceptr ptr;
    private final long length;

    DeviceBuffer(CudaDevice device, CUdeviceptr ptr, long length) {
        this.device = device;
        this.ptr = ptr;
        this.length = length;
    }

    /** Length in doubles. */
    long length() {
        return length;
    }

    /** Device pointer to double element {@code offset}. */
    CUdeviceptr at(long offset) {
        if (ptr == null) {
            throw new IllegalStateException("device buffer already closed");
        }
        if (offset < 0 || offset > length) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside a buffer of " + length + " doubles");
        }
        return offset == 0 ? ptr : ptr.withByteOffset(offset * Double.BYTES);
    }

    /** Region of this buffer starting at {@code offset} with leading dimension {@code ld}. */
    DeviceRegion region(long offset, int ld) {
        return new DeviceRegion(this, offset, ld);
    }

    @Override
    public void close() {
        if (ptr != null) {
            device.free(ptr);
            ptr = null;
        }
    }

    /** Frees without touching a possibly broken context (used after a sticky error); best effort. */
    static void closeQuietly(AutoCloseable... buffers) {
        for (AutoCloseable b : buffers) {
            if (b == null) {
                continue;
            }
            try {
                b.close();
            } catch (Exception | LinkageError ignored) {
                // the context may already be unusable; nothing more to do
            }
        }
    }
}

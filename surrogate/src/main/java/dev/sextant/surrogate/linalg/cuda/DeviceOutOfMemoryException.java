package dev.sextant.surrogate.linalg.cuda;

/** The device has not enough free memory for a request; callers fall back to the CPU. */
final class DeviceOutOfMemoryException extends CudaFailure {
    private static final long serialVersionUID = 1L;

    DeviceOutOfMemoryException(String message, int code) {
        super(message, code);
    }
}

package dev.sextant.surrogate.linalg.cuda;

/** A CUDA driver call failed; the message names the call and the driver's error. */
class CudaFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    CudaFailure(String message, int code) {
        super(message);
        this.code = code;
    }

    /** The CUresult code, or -1 when the failure did not come from the driver. */
    int code() {
        return code;
    }
}

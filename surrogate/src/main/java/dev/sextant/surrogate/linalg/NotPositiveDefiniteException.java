package dev.sextant.surrogate.linalg;

/** A covariance matrix stayed non-positive-definite after the whole jitter ladder. */
public class NotPositiveDefiniteException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final int size;
    private final double lastJitter;

    public NotPositiveDefiniteException(String message, int size, double lastJitter) {
        super(message);
        this.size = size;
        this.lastJitter = lastJitter;
    }

    /** n of the n×n matrix that failed. */
    public int size() {
        return size;
    }

    /** Largest jitter tried (added to the diagonal), in the matrix's units. */
    public double lastJitter() {
        return lastJitter;
    }
}

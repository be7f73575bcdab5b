package dev.sextant.surrogate.linalg;

/** Test access to the flat reference kernels from other packages. */
public final class LinearAlgebraTestAccess {
    private LinearAlgebraTestAccess() {
    }

    /** In-place lower Cholesky by the pre-{@code RowKernels} flat loops (single-threaded). */
    public static void referenceCholesky(double[] a, int n) {
        if (!ReferenceKernels.choleskyUpperPanels(a, n)) {
            throw new IllegalStateException("not PD");
        }
    }
}

package dev.sextant.surrogate.linalg.cuda;

import dev.sextant.surrogate.gp.MllEvaluator;
import dev.sextant.surrogate.linalg.NotPositiveDefiniteException;

/**
 * The GP fit's {@link MllEvaluator} on the device: a {@link DeviceGpTerms} plus the same jitter ladder as the CPU
 * path ({@code Jitter}: δ·mean(diag K) for δ = 1e-9 … 1e-3 when K is not numerically PD).
 */
final class CudaMllEvaluator implements MllEvaluator {
    private static final double[] LADDER = {1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3};

    private final CudaLinearAlgebra backend;
    private final DeviceGpTerms terms;
    private final double[] fixedNoise;
    private final double meanFixedNoise;

    CudaMllEvaluator(CudaLinearAlgebra backend, DeviceGpTerms terms, double[] fixedNoise) {
        this.backend = backend;
        this.terms = terms;
        this.fixedNoise = fixedNoise == null ? null : fixedNoise.clone();
        double m = 0;
        if (fixedNoise != null) {
            for (double v : fixedNoise) {
                m += v;
            }
            m /= Math.max(1, fixedNoise.length);
        }
        this.meanFixedNoise = m;
    }

    @Override
    public double evaluate(double[] p, double[] grad) {
        int d = terms.dimension();
        try {
            MllTerms t = terms.evaluatePacked(p, fixedNoise, 0.0, grad);
            double jitter = 0;
            if (!t.positiveDefinite()) {
                double meanDiag = Math.exp(p[d]) + (fixedNoise == null ? Math.exp(p[d + 1]) : meanFixedNoise);
                for (double rung : LADDER) {
                    jitter = rung * meanDiag;
                    t = terms.evaluatePacked(p, fixedNoise, jitter, grad);
                    if (t.positiveDefinite()) {
                        break;
                    }
                }
            }
            if (!t.positiveDefinite()) {
                throw new NotPositiveDefiniteException("training covariance (" + terms.n() + "×" + terms.n()
                        + ") is not positive definite on the GPU even with jitter " + jitter + " on the diagonal "
                        + "(first failing column " + t.failedColumn() + ")", terms.n(), jitter);
            }
            return t.logMarginalLikelihood();
        } catch (CudaFailure e) {
            backend.disable(e);
            throw new IllegalStateException("GPU marginal-likelihood evaluation failed: " + e.getMessage()
                    + "; later fits use the CPU", e);
        }
    }

    @Override
    public void close() {
        terms.close();
    }
}

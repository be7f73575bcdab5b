package dev.sextant.surrogate.gp;

import dev.sextant.surrogate.linalg.LinearAlgebra;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A backend that also implements MllEvaluatorFactory is used for the fit's likelihood evaluations. */
class MllEvaluatorSpiTest {

    static final class CountingBackend implements LinearAlgebra, MllEvaluatorFactory {
        final LinearAlgebra cpu = LinearAlgebra.cpu();
        int evaluations;
        boolean closed;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public boolean choleskyInPlace(double[] a, int n) {
            return cpu.choleskyInPlace(a, n);
        }

        @Override
        public void solveLower(double[] l, int n, double[] b, int m) {
            cpu.solveLower(l, n, b, m);
        }

        @Override
        public void solveLowerTransposed(double[] l, int n, double[] b, int m) {
            cpu.solveLowerTransposed(l, n, b, m);
        }

        @Override
        public void multiply(double[] a, double[] b, double[] c, int n, int k, int m) {
            cpu.multiply(a, b, c, n, k, m);
        }

        @Override
        public void batchedCholesky(double[] a, int batch, int n, boolean[] ok) {
            cpu.batchedCholesky(a, batch, n, ok);
        }

        @Override
        public void inverseFromCholesky(double[] l, int n, double[] out, double[] work) {
            cpu.inverseFromCholesky(l, n, out, work);
        }

        @Override
        public Optional<MllEvaluator> create(Problem p) {
            MarginalLikelihood ml = new MarginalLikelihood(p.x(), p.n(), p.d(), p.y(), p.fixedNoise(), p.kernel(), cpu);
            return Optional.of(new MllEvaluator() {
                @Override
                public double evaluate(double[] params, double[] grad) {
                    evaluations++;
                    return ml.evaluate(params, grad);
                }

                @Override
                public void close() {
                    closed = true;
                }
            });
        }
    }

    @Test
    void fitUsesTheBackendsEvaluatorAndReachesTheSameOptimum() {
        int n = 30;
        int d = 2;
        double[] x = GpTestData.uniform(n, d, 41);
        double[] y = GpTestData.smooth(x, n, d);
        CountingBackend backend = new CountingBackend();
        GaussianProcess viaSpi = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withBackend(backend));
        GaussianProcess cpu = GaussianProcess.fit(x, n, d, y, null, GpOptions.defaults().withBackend(LinearAlgebra.cpu()));
        assertTrue(backend.evaluations > 5, "evaluations " + backend.evaluations);
        assertTrue(backend.closed);
        // the SPI path optimises the mean constant numerically; the CPU path profiles it: same MAP optimum
        assertEquals(cpu.logMarginalLikelihood(), viaSpi.logMarginalLikelihood(), 1e-3 * Math.abs(cpu.logMarginalLikelihood()));
    }
}

package dev.sextant.acquisition.mc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.acquisition.TestModels;
import dev.sextant.acquisition.mc.ConstraintModel;
import dev.sextant.acquisition.mc.McAcquisitions;
import dev.sextant.acquisition.mc.McContext;
import dev.sextant.acquisition.sampling.Sampler;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.model.BatchPosterior;
import dev.sextant.surrogate.model.GpModel;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-written acquisition gradients against central finite differences. */
/** Every MC acquisition's gradient wrt the candidates against central differences, on every kernel family. */
public class GradientCheckTest {
    static final int N = 15, D = 3;

    /** Every kernel family the surrogate fits, and a sum and a product of two of them. */
    public static List<Kernel> kernels() {
        double[] ls = {0.3, 0.5, 0.8};
        return List.of(Kernel.of(KernelType.MATERN52, ls, 1.5), Kernel.of(KernelType.RBF, ls, 1.5),
            Kernel.of(KernelType.MATERN32, ls, 1.5),
            Kernel.sum(Kernel.of(KernelType.MATERN32, ls, 1.0), Kernel.of(KernelType.RBF, new double[] {0.6, 0.4, 1.1}, 0.5)),
            Kernel.product(Kernel.of(KernelType.MATERN52, ls, 1.2), Kernel.of(KernelType.RBF, new double[] {0.9, 0.7, 1.3}, 1.0)));
    }

    static GpModel model(long seed, KernelType kind, double noise) {
        return model(seed, Kernel.of(kind, new double[] {0.3, 0.5, 0.8}, 1.5), noise);
    }

    public static GpModel model(long seed, Kernel kernel, double noise) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[N * D], y = new double[N];
        for (int i = 0; i < N; i++) {
            double s = 0;
            for (int j = 0; j < D; j++) {
                x[i * D + j] = r.nextDouble();
                s += Math.sin(3 * x[i * D + j] + j);
            }
            y[i] = s + 0.1 * r.nextGaussian();
        }
        return TestModels.gp(kernel, x, N, D, y, noise, 0.2);
    }

    public static void check(AcquisitionFunction f, double[] x, String what) {
        double[] g = new double[x.length];
        f.evaluate(x, g);
        double h = 1e-6;
        for (int i = 0; i < x.length; i++) {
            double[] xp = x.clone(), xm = x.clone();
            xp[i] += h;
            xm[i] -= h;
            double fd = (f.evaluate(xp, null) - f.evaluate(xm, null)) / (2 * h);
            double err = Math.abs(fd - g[i]);
            assertTrue(err <= 1e-5 * Math.max(1, Math.abs(fd)),
                what + " coordinate " + i + ": analytic " + g[i] + " vs finite difference " + fd);
        }
    }

    public static double[] point(int q, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[q * D];
        for (int i = 0; i < x.length; i++) x[i] = 0.1 + 0.8 * r.nextDouble();
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {"qei", "qnei", "qlogei", "qlognei", "qpi", "qucb", "qsr"})
    void mcGradientsWithConstraintAndPending(String name) {
        for (Kernel kind : kernels()) {
            GpModel obj = model(2, kind, 0.01), con = model(3, kind, 0.02);
            double[] baseline = obj.trainX();
            int nb = 8;
            double[] pending = point(2, 99);
            BatchPosterior jo = obj.batchPosterior(baseline, nb), jc = con.batchPosterior(baseline, nb);
            int q = 3;
            McContext ctx = new McContext(jo, List.of(new ConstraintModel(jc, 0.5, true)), pending, 2, q, Sampler.qmc(64, 5),
                0.3);
            Function<McContext, AcquisitionFunction> make = switch (name) {
                case "qei" -> c -> McAcquisitions.qEI(c, 1.0);
                case "qnei" -> McAcquisitions::qNEI;
                case "qlogei" -> c -> McAcquisitions.qLogEI(c, 1.0);
                case "qlognei" -> McAcquisitions::qLogNEI;
                case "qpi" -> c -> McAcquisitions.qPI(c, 1.0, 0.3);
                case "qucb" -> c -> McAcquisitions.qUCB(c, 2.0);
                default -> McAcquisitions::qSimpleRegret;
            };
            AcquisitionFunction f = make.apply(ctx);
            for (long seed = 10; seed < 13; seed++) check(f, point(q, seed), name + " " + kind + " seed " + seed);
            // unconstrained, no pending
            McContext plain = McContext.of(jo, q, 64, 6);
            check(make.apply(plain), point(q, 20), name + " " + kind + " unconstrained");
        }
    }
}

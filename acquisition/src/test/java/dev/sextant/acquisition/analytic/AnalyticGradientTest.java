package dev.sextant.acquisition.analytic;

import dev.sextant.acquisition.mc.GradientCheckTest;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.model.GpModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The analytic acquisitions' gradients against central differences, on every kernel family. */
class AnalyticGradientTest {
    @ParameterizedTest
    @EnumSource(AnalyticAcquisition.class)
    void analyticGradients(AnalyticAcquisition kind) {
        double param = kind == AnalyticAcquisition.UCB ? 2.0 : 2.5;
        for (Kernel k : GradientCheckTest.kernels()) {
            GpModel gp = GradientCheckTest.model(1, k, 0.01);
            for (long seed = 0; seed < 4; seed++) GradientCheckTest.check(kind.of(gp, param), GradientCheckTest.point(1, seed), kind + " " + k + " seed " + seed);
        }
    }

}

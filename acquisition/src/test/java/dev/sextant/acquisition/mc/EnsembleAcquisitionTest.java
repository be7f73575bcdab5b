package dev.sextant.acquisition.mc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.acquisition.sampling.Sampler;
import dev.sextant.surrogate.bayes.FullyBayesianFit;
import dev.sextant.surrogate.bayes.FullyBayesianGp;
import dev.sextant.surrogate.bayes.FullyBayesianOptions;
import dev.sextant.surrogate.bayes.HyperparameterPrior;
import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.GpOptions;
import dev.sextant.surrogate.gp.Prior;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.model.GpModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The acquisition over the members of a fully Bayesian GP (objective and one constraint), against its definition. */
class EnsembleAcquisitionTest {
    static final int N = 14, D = 3, S = 4;
    static final double[] X = new double[N * D];
    static final List<GpModel> OBJECTIVE = new ArrayList<>(), CONSTRAINT = new ArrayList<>();

    static {
        SplittableRandom r = new SplittableRandom(8);
        double[] y = new double[N], c = new double[N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) X[i * D + j] = r.nextDouble();
            y[i] = Math.sin(4 * X[i * D]) + X[i * D + 1] + 0.05 * r.nextGaussian();
            c[i] = X[i * D + 2] + 0.3 * X[i * D] + 0.05 * r.nextGaussian();
        }
        members(y, OBJECTIVE, 1);
        members(c, CONSTRAINT, 2);
    }

    private static void members(double[] y, List<GpModel> out, long seed) {
        GaussianProcess map = GaussianProcess.fit(X, N, D, y, null, GpOptions.defaults().withKernel(KernelType.RBF));
        FullyBayesianFit fit = FullyBayesianGp.sample(map, Prior.defaults(),
            new FullyBayesianOptions(HyperparameterPrior.STANDARD, 10, S, 3, seed));
        for (GaussianProcess g : fit.members()) out.add(GpModel.of(g, 1e-6));
    }

    private static AcquisitionFunction member(String name, int s, int q, double[] pending, int p, long seed) {
        McContext ctx = new McContext(OBJECTIVE.get(s).batchPosterior(X, N),
            List.of(new ConstraintModel(CONSTRAINT.get(s).batchPosterior(X, N), 0.0, true)), pending, p, q,
            Sampler.qmc(64, seed), McContext.DEFAULT_ETA);
        return McAcquisitions.entry(name).factory().create(ctx, 0.5, 0.2);
    }

    private static List<AcquisitionFunction> all(String name, int q, double[] pending, int p) {
        List<AcquisitionFunction> out = new ArrayList<>();
        for (int s = 0; s < S; s++) out.add(member(name, s, q, pending, p, 100 + s));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"qlognei", "qnei", "qlogei"})
    void valueIsTheMeanOfTheMembersAcquisitionValues(String name) {
        boolean log = McAcquisitions.logValued(name);
        List<AcquisitionFunction> members = all(name, 2, null, 0);
        AcquisitionFunction e = EnsembleAcquisition.of(members, log);
        double[] x = GradientCheckTest.point(2, 5);
        double sum = 0;
        for (AcquisitionFunction m : members) sum += log ? Math.exp(m.evaluate(x, null)) : m.evaluate(x, null);
        double expected = log ? Math.log(sum / S) : sum / S;
        assertEquals(expected, e.evaluate(x, null), 1e-10 * Math.max(1, Math.abs(expected)));
        // the members differ (else the test could not tell a mean from a single member)
        assertNotEquals(members.get(0).evaluate(x, null), members.get(1).evaluate(x, null));
    }

    @Test
    void anEnsembleOfCopiesOfOneMemberIsThatMember() {
        AcquisitionFunction one = member("qlognei", 0, 1, null, 0, 3);
        AcquisitionFunction copies = EnsembleAcquisition.of(List.of(one, member("qlognei", 0, 1, null, 0, 3),
            member("qlognei", 0, 1, null, 0, 3)), true);
        double[] x = GradientCheckTest.point(1, 9);
        double[] g1 = new double[D], g3 = new double[D];
        assertEquals(one.evaluate(x, g1), copies.evaluate(x, g3), 1e-12);
        assertArrayEquals(g1, g3, 1e-12);
        int each = EnsembleAcquisition.screenSamplesPerMember(McAcquisition.SCREEN_SAMPLES, 3);
        assertEquals(one.screen(x, each), copies.screen(x), 1e-12);
        assertEquals(one, EnsembleAcquisition.of(List.of(one), true), "one member is returned as it is");
    }

    /** The ensemble screens with one model's screening budget split over its members (first samples of each). */
    @Test
    void screeningSplitsOneBudgetOverTheMembers() {
        List<AcquisitionFunction> members = all("qlognei", 1, null, 0);
        AcquisitionFunction e = EnsembleAcquisition.of(members, true);
        int each = EnsembleAcquisition.screenSamplesPerMember(McAcquisition.SCREEN_SAMPLES, S);
        assertEquals(McAcquisition.SCREEN_SAMPLES / S, each);
        double[] x = GradientCheckTest.point(1, 4);
        double sum = 0;
        for (AcquisitionFunction m : members) sum += Math.exp(m.screen(x, each));
        assertEquals(Math.log(sum / S), e.screen(x), 1e-10);
        // fewer samples per member than the members' own screen (64 here): a different, coarser estimate
        assertNotEquals(members.get(0).screen(x), members.get(0).screen(x, each));
        assertEquals(8, EnsembleAcquisition.screenSamplesPerMember(128, 64), "at least 8 samples per member");
    }

    @ParameterizedTest
    @ValueSource(strings = {"qlognei", "qnei", "qucb"})
    void gradientsMatchCentralDifferences(String name) {
        double[] pending = GradientCheckTest.point(1, 77);
        AcquisitionFunction e = EnsembleAcquisition.of(all(name, 2, pending, 1), McAcquisitions.logValued(name));
        for (long seed = 1; seed <= 3; seed++) {
            GradientCheckTest.check(e, GradientCheckTest.point(2, seed), name + " ensemble");
        }
    }

    @Test
    void membersMustAgreeOnTheBatch() {
        assertThrows(IllegalArgumentException.class, () -> EnsembleAcquisition.of(List.of(), true));
        assertThrows(IllegalArgumentException.class, () -> EnsembleAcquisition.of(
            List.of(member("qlognei", 0, 1, null, 0, 1), member("qlognei", 1, 2, null, 0, 1)), true));
    }
}

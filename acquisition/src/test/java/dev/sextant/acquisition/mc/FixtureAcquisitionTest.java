package dev.sextant.acquisition.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.acquisition.TestModels;
import dev.sextant.acquisition.analytic.AnalyticAcquisition;
import dev.sextant.acquisition.mc.McAcquisitions;
import dev.sextant.acquisition.mc.McContext;
import dev.sextant.acquisition.sampling.Sampler;
import dev.sextant.surrogate.GpFixture;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.model.BatchPosterior;
import dev.sextant.surrogate.model.GpModel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Acquisition values against the GPyTorch/BoTorch reference fixtures: every case kept in surrogate's test resources
 * plus every file of {@code -Dsextant.fixtures=DIR} ({@link GpFixture#all()}); test names carry the file.
 */
class FixtureAcquisitionTest {
    static double[] flat(JsonNode node) {
        List<Double> out = new ArrayList<>();
        if (node.isArray() && node.size() > 0 && node.get(0).isArray()) {
            for (JsonNode row : node) for (JsonNode v : row) out.add(v.asDouble());
        } else {
            for (JsonNode v : node) out.add(v.asDouble());
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static void assertRel(double expected, double actual, double tol, String what) {
        double err = Math.abs(expected - actual) / Math.max(Math.abs(expected), 1e-300);
        assertTrue(err <= tol, what + ": expected " + expected + " got " + actual + " (rel err " + err + ")");
    }

    record Case(String file, JsonNode root, GpModel gp, int d) {}

    static Case load(GpFixture f) {
        JsonNode root = f.json;
        int n = root.get("n").asInt(), d = root.get("d").asInt();
        GpModel gp = TestModels.gp(KernelType.parse(root.get("kernel").asText()), flat(root.get("X")), n, d,
            flat(root.get("y")), flat(root.get("lengthscale")), root.get("outputscale").asDouble(),
            root.get("noise").asDouble(), root.get("mean_constant").asDouble());
        return new Case(f.fileName, root, gp, d);
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureFile() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GpFixture f : GpFixture.all()) {
            Case c = load(f);
            String name = f.fileName;
            tests.add(DynamicTest.dynamicTest(name + ": analytic EI, LogEI, UCB", () -> analytic(c)));
            tests.add(DynamicTest.dynamicTest(name + ": posterior mean and covariance", () -> posterior(c)));
            tests.add(DynamicTest.dynamicTest(name + ": qEI with fixture base samples", () -> qei(c)));
            tests.add(DynamicTest.dynamicTest(name + ": qNEI and qLogNEI with fixture base samples", () -> qnei(c)));
        }
        return tests.stream();
    }

    static void analytic(Case c) {
        double[] xt = flat(c.root.get("X_test"));
        int t = xt.length / c.d;
        double best = c.root.get("best_f").asDouble();
        double[] ei = flat(c.root.get("analytic_ei")), logEi = flat(c.root.get("analytic_log_ei"));
        double[] ucb = flat(c.root.get("analytic_ucb_beta2"));
        for (int i = 0; i < t; i++) {
            double[] x = java.util.Arrays.copyOfRange(xt, i * c.d, (i + 1) * c.d);
            assertRel(ei[i], AnalyticAcquisition.EI.of(c.gp, best).evaluate(x, null), 1e-8, c.file + " EI " + i);
            assertRel(logEi[i], AnalyticAcquisition.LOG_EI.of(c.gp, best).evaluate(x, null), 1e-8, c.file + " LogEI " + i);
            assertRel(ucb[i], AnalyticAcquisition.UCB.of(c.gp, 2.0).evaluate(x, null), 1e-8, c.file + " UCB " + i);
        }
    }

    static void posterior(Case c) {
        double[] xt = flat(c.root.get("X_test"));
        int t = xt.length / c.d;
        dev.sextant.surrogate.posterior.Posterior joint = c.gp.posterior(xt, t);
        double[] mean = joint.mean(), cov = joint.covariance();
        double[] em = flat(c.root.get("post_mean")), ec = flat(c.root.get("post_cov"));
        for (int i = 0; i < t; i++) assertEquals(em[i], mean[i], 1e-9, c.file + " mean " + i);
        for (int i = 0; i < t * t; i++) assertEquals(ec[i], cov[i], 1e-9, c.file + " cov " + i);
    }

    static void qei(Case c) {
        JsonNode mc = c.root.get("mc");
        int q = mc.get("q").asInt(), s = mc.get("num_samples").asInt();
        double[] xc = java.util.Arrays.copyOf(flat(c.root.get("X_test")), q * c.d);
        double[] z = flat(mc.get("qei").get("base_samples"));
        BatchPosterior jp = c.gp.batchPosterior(new double[0], 0);
        McContext ctx = new McContext(jp, List.of(), null, 0, q, Sampler.fixed(s, z), McContext.DEFAULT_ETA);
        double v = McAcquisitions.qEI(ctx, c.root.get("best_f").asDouble()).evaluate(xc, null);
        assertRel(mc.get("qei").get("value_botorch").asDouble(), v, 1e-8, c.file + " qEI");
    }

    static void qnei(Case c) {
        JsonNode mc = c.root.get("mc");
        int q = mc.get("q").asInt(), s = mc.get("num_samples").asInt(), nb = mc.get("baseline_rows").asInt();
        double[] xc = java.util.Arrays.copyOf(flat(c.root.get("X_test")), q * c.d);
        double[] base = java.util.Arrays.copyOf(flat(c.root.get("X")), nb * c.d);
        double[] z = flat(mc.get("qnei").get("base_samples"));
        BatchPosterior jp = c.gp.batchPosterior(base, nb);
        McContext ctx = new McContext(jp, List.of(), null, 0, q, Sampler.fixed(s, z), McContext.DEFAULT_ETA);
        assertRel(mc.get("qnei").get("value_botorch").asDouble(), McAcquisitions.qNEI(ctx).evaluate(xc, null), 1e-8,
            c.file + " qNEI");
        assertRel(mc.get("qlognei").get("value_botorch").asDouble(), McAcquisitions.qLogNEI(ctx).evaluate(xc, null),
            1e-6, c.file + " qLogNEI");
    }
}

package dev.sextant.surrogate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.core.fixtures.FixtureFiles;
import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.kernel.KernelType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One GP reference case (a JSON file computed by GPyTorch/BoTorch, see {@code src/test/resources/fixtures/README.md}),
 * with its arrays flattened row-major. Shared with the acquisition module through the surrogate test-jar.
 *
 * <p>{@link #all()} loads every case kept in the test resources ({@code fixtures/gp-reference}) plus every
 * {@code *.json} of the folder named by {@code -Dsextant.fixtures=DIR}, if given (see {@link FixtureFiles}).
 */
public final class GpFixture {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The file name of a kept case; the full path of a case from {@code -Dsextant.fixtures}. */
    public final String fileName;
    public final Path path;
    /** The whole JSON document, for values this class does not expose. */
    public final JsonNode json;
    public final String kernelName;
    public final int n;
    public final int d;
    /** n×d row-major. */
    public final double[] x;
    public final double[] y;
    public final double[] lengthscale;
    public final double outputscale;
    public final double noise;
    public final double meanConstant;
    public final double mll;
    public final double[] mllGradLogLengthscale;
    public final double mllGradLogOutputscale;
    public final double mllGradLogNoise;
    public final double mllGradMeanConstant;
    /** nTest×d row-major. */
    public final double[] xTest;
    public final int nTest;
    public final double[] postMean;
    /** nTest×nTest row-major. */
    public final double[] postCov;
    public final double[] postVarWithNoise;
    public final double bestF;
    public final double[] analyticEi;
    public final double[] analyticLogEi;
    public final double[] analyticUcbBeta2;
    /** Monte Carlo section (NaN / null when absent). */
    public final int mcNumSamples;
    public final int mcQ;
    public final int mcBaselineRows;
    public final double qeiValue;
    /** mcNumSamples×mcQ row-major. */
    public final double[] qeiBaseSamples;
    public final double qneiValue;
    /** mcNumSamples×(mcBaselineRows + mcQ) row-major. */
    public final double[] qneiBaseSamples;
    public final double qlogneiValue;

    private GpFixture(String label, Path path) throws IOException {
        this.path = path;
        this.fileName = label;
        try (InputStream in = Files.newInputStream(path)) {
            this.json = MAPPER.readTree(in);
        }
        this.kernelName = json.path("kernel").asText();
        this.n = json.path("n").asInt();
        this.d = json.path("d").asInt();
        this.x = matrix(json.get("X"));
        this.y = vector(json.get("y"));
        this.lengthscale = vector(json.get("lengthscale"));
        this.outputscale = json.path("outputscale").asDouble();
        this.noise = json.path("noise").asDouble();
        this.meanConstant = json.path("mean_constant").asDouble();
        this.mll = json.path("mll").asDouble();
        this.mllGradLogLengthscale = vector(json.get("mll_grad_log_lengthscale"));
        this.mllGradLogOutputscale = json.path("mll_grad_log_outputscale").asDouble();
        this.mllGradLogNoise = json.path("mll_grad_log_noise").asDouble();
        this.mllGradMeanConstant = json.path("mll_grad_mean_constant").asDouble();
        this.xTest = matrix(json.get("X_test"));
        this.nTest = json.path("X_test").size();
        this.postMean = vector(json.get("post_mean"));
        this.postCov = matrix(json.get("post_cov"));
        this.postVarWithNoise = vector(json.get("post_var_with_noise"));
        this.bestF = json.path("best_f").asDouble(Double.NaN);
        this.analyticEi = vector(json.get("analytic_ei"));
        this.analyticLogEi = vector(json.get("analytic_log_ei"));
        this.analyticUcbBeta2 = vector(json.get("analytic_ucb_beta2"));
        JsonNode mc = json.path("mc");
        this.mcNumSamples = mc.path("num_samples").asInt(0);
        this.mcQ = mc.path("q").asInt(0);
        this.mcBaselineRows = mc.path("baseline_rows").asInt(0);
        this.qeiValue = mc.path("qei").path("value_botorch").asDouble(Double.NaN);
        this.qeiBaseSamples = matrix(mc.path("qei").get("base_samples"));
        this.qneiValue = mc.path("qnei").path("value_botorch").asDouble(Double.NaN);
        this.qneiBaseSamples = matrix(mc.path("qnei").get("base_samples"));
        this.qlogneiValue = mc.path("qlognei").path("value_botorch").asDouble(Double.NaN);
        if (x == null || y == null || lengthscale == null || x.length != n * d || y.length != n || lengthscale.length != d) {
            throw new IllegalStateException(fileName + ": X, y or lengthscale missing or inconsistent with n = " + n + ", d = " + d);
        }
    }

    /** Every kept case, then every case of {@code -Dsextant.fixtures=DIR} (if set), each sorted by file name. */
    public static List<GpFixture> all() {
        List<GpFixture> out = new ArrayList<>();
        for (FixtureFiles.Entry e : FixtureFiles.list(FixtureFiles.GP_REFERENCE, FixtureFiles.GP_REFERENCE_PROPERTY)) {
            out.add(load(e.label(), e.path()));
        }
        return out;
    }

    /** One case; {@code label} names it in test names and messages. */
    public static GpFixture load(String label, Path path) {
        try {
            return new GpFixture(label, path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + path, e);
        }
    }

    public static GpFixture load(Path path) {
        return load(path.getFileName().toString(), path);
    }

    public KernelType kernelType() {
        switch (kernelName) {
            case "matern52":
                return KernelType.MATERN52;
            case "matern32":
                return KernelType.MATERN32;
            case "rbf":
                return KernelType.RBF;
            default:
                throw new IllegalStateException(fileName + ": unknown kernel '" + kernelName + "'");
        }
    }

    public Kernel kernel() {
        return Kernel.of(kernelType(), lengthscale, outputscale);
    }

    /** The GP with the fixture's fixed hyperparameters (no standardisation). */
    public GaussianProcess model() {
        return GaussianProcess.withHyperparameters(x, n, d, y, kernel(), meanConstant, noise);
    }

    /** The reference MLL gradient packed like {@link GaussianProcess#hyperparameterVector()}. */
    public double[] mllGradient() {
        double[] g = new double[d + 3];
        System.arraycopy(mllGradLogLengthscale, 0, g, 0, d);
        g[d] = mllGradLogOutputscale;
        g[d + 1] = mllGradLogNoise;
        g[d + 2] = mllGradMeanConstant;
        return g;
    }

    /** Rows [from, to) of xTest, row-major. */
    public double[] xTestRows(int from, int to) {
        double[] r = new double[(to - from) * d];
        System.arraycopy(xTest, from * d, r, 0, r.length);
        return r;
    }

    /** Rows [0, baselineRows) of X followed by the first q rows of X_test (the qNEI ordering). */
    public double[] qneiPoints() {
        double[] r = new double[(mcBaselineRows + mcQ) * d];
        System.arraycopy(x, 0, r, 0, mcBaselineRows * d);
        System.arraycopy(xTest, 0, r, mcBaselineRows * d, mcQ * d);
        return r;
    }

    @Override
    public String toString() {
        return fileName;
    }

    private static double[] vector(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    private static double[] matrix(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        int rows = node.size();
        int cols = rows == 0 ? 0 : node.get(0).size();
        double[] m = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            JsonNode row = node.get(i);
            if (row.size() != cols) {
                throw new IllegalStateException("ragged matrix: row " + i + " has " + row.size() + " entries, expected " + cols);
            }
            for (int j = 0; j < cols; j++) {
                m[i * cols + j] = row.get(j).asDouble();
            }
        }
        return m;
    }
}

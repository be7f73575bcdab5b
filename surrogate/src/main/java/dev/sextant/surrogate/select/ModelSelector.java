package dev.sextant.surrogate.select;

import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.GpOptions;
import dev.sextant.surrogate.gp.OutcomeTransform;
import dev.sextant.surrogate.gp.Prior;
import dev.sextant.surrogate.kernel.HyperparameterKind;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.linalg.NotPositiveDefiniteException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Automatic model choice for one metric by exact leave-one-out predictive likelihood.
 *
 * <p>Criterion: each candidate (transform family × kernel × input warping, {@link ModelSpace}) is fitted by MAP, and
 * scored by Σ_i log p(v_i | v_−i), the exact LOO predictive densities from its Cholesky factor
 * ({@link GaussianProcess#leaveOneOutLogDensities()}) expressed in the metric's original units v by adding
 * log |T'(v_i)|, so that a log-transformed model and an untransformed one are judged on the same observations. LOO
 * scores what the acquisition uses the model for (predicting unseen points) and penalises an over-flexible model
 * through its predictions rather than through a parameter count; because the hyperparameters were fitted with point
 * i included the score is optimistic for richer models, so a candidate replaces the current choice only when it
 * improves the summed LOO by more than {@code margin} nats plus {@value #NATS_PER_PARAMETER} nat per hyperparameter it
 * adds (2d for input warping, 1 for the power transform's λ): an AIC-like correction. Without it, warping (16 more
 * hyperparameters on the demo's 8 encoded inputs) won on ≥ 1 nat at n = 10–40 and made the constraint models
 * overconfident (predicted feasibility 0.40 against 0.16 observed, 5 demo seeds).
 *
 * <p>An objective's transforms ({@link ModelSpace#objective()}) may only compress the poor side of its values: the
 * log-type transform is taken of the distance from the poor side and the power transform's λ is kept on the side of
 * 1 that stretches the good end. LOO weighs every observation alike and, on a sample piled up at the poor end (most of
 * Hartmann6's values are near 0, the maximum is 3.3), prefers a transform that squeezes the few good values together;
 * the acquisition then cannot tell the optimum's neighbourhood apart and the search stalls in a local optimum
 * (BENCHMARKS.md section 14).
 *
 * <p>Search: coordinate-wise from {@link ModelSpace#start()} — the transforms first, then the kernels, then warping,
 * each step keeping the best so far — so at most {@link ModelSpace#maxFits()} fits (6 for the full space) instead
 * of all 18 combinations. Each search fit starts from the default hyperparameters only; the chosen candidate is
 * then refitted from its search optimum plus {@code mapRestarts} seeded random starts and the best MAP kept
 * (robust hyperparameters where the MAP surface is multimodal). Stateless and deterministic given the data and
 * the seed of the base options.
 */
public final class ModelSelector {
    private ModelSelector() {
    }

    /**
     * Chooses and fits a model for one metric.
     *
     * @param x           n×d inputs in the unit cube, not modified
     * @param values      n observed values in original units (already winsorised where wanted), not modified
     * @param sem         n standard errors in original units, or null when the noise is inferred; not modified
     * @param negate      whether the GP models −T(v) (a minimised objective) instead of T(v)
     * @param base        fit options (prior, seed, backend, iterations); its kernel, custom kernel, transform and
     *                    warm start are replaced per candidate, its restarts apply to the final fit only
     * @param space       candidates
     * @param margin      nats of summed LOO a candidate must gain to replace the current choice (≥ 0)
     * @param mapRestarts random restarts of the chosen candidate's final fit (≥ 0)
     * @throws IllegalArgumentException when no candidate can be fitted (e.g. NaN values) or an argument is invalid
     */
    public static Selection select(double[] x, int n, int d, double[] values, double[] sem, boolean negate,
                                   GpOptions base, ModelSpace space, double margin, int mapRestarts) {
        return select(x, n, d, values, sem, negate, base, space, margin, mapRestarts, null);
    }

    /**
     * As {@link #select(double[], int, int, double[], double[], boolean, GpOptions, ModelSpace, double, int)}, with
     * a previous optimum (packed hyperparameters, e.g. the last generation's) as one more start of the final fit when
     * its length fits the chosen candidate; null: none.
     */
    public static Selection select(double[] x, int n, int d, double[] values, double[] sem, boolean negate,
                                   GpOptions base, ModelSpace space, double margin, int mapRestarts,
                                   double[] previous) {
        if (!(margin >= 0) || mapRestarts < 0) {
            throw new IllegalArgumentException("margin must be ≥ 0 and mapRestarts ≥ 0, got " + margin + ", "
                    + mapRestarts);
        }
        Map<TransformFamily, OutcomeTransform> transforms = new LinkedHashMap<>();
        Map<ModelChoice, Fitted> fitted = new LinkedHashMap<>();
        List<CandidateScore> scores = new ArrayList<>();
        ModelChoice current = space.start();
        TransformFamily.GoodEnd good = !space.objective() ? TransformFamily.GoodEnd.EITHER
                : negate ? TransformFamily.GoodEnd.LOW : TransformFamily.GoodEnd.HIGH;
        Fitted best = evaluate(current, good, x, n, d, values, sem, negate, base, transforms, fitted, scores);
        for (TransformFamily t : space.transforms()) {
            best = better(best, evaluate(best.choice.withTransform(t), good, x, n, d, values, sem, negate, base,
                    transforms, fitted, scores), margin);
        }
        for (var k : space.kernels()) {
            best = better(best, evaluate(best.choice.withKernel(k), good, x, n, d, values, sem, negate, base,
                    transforms, fitted, scores), margin);
        }
        for (boolean w : space.warping()) {
            best = better(best, evaluate(best.choice.withWarped(w), good, x, n, d, values, sem, negate, base,
                    transforms, fitted, scores), margin);
        }
        if (best.gp == null) {
            // every candidate failed; the reference choice without a transform as the last resort (throws the reason)
            ModelChoice plain = space.start().withTransform(TransformFamily.NONE);
            GaussianProcess gp = GaussianProcess.fit(x, n, d, outcomes(values, OutcomeTransform.NONE, negate),
                    sems(values, sem, OutcomeTransform.NONE), options(base, plain, d));
            return new Selection(plain, OutcomeTransform.NONE, gp, scores, 0);
        }
        GaussianProcess gp = best.gp;
        double[] y = outcomes(values, best.transform, negate);
        double[] s = sems(values, sem, best.transform);
        GpOptions chosen = options(base, best.choice, d);
        if (mapRestarts > 0) {
            gp = better(gp, x, n, d, y, s, chosen.withWarmStart(gp.hyperparameterVector()).withRestarts(mapRestarts),
                    base);
        }
        if (previous != null && previous.length == gp.hyperparameterVector().length) {
            gp = better(gp, x, n, d, y, s, chosen.withWarmStart(previous), base);
        }
        return new Selection(best.choice, best.transform, gp, scores, mapRestarts);
    }

    /** The better MAP of gp and a refit with the given options (gp when the refit fails). */
    private static GaussianProcess better(GaussianProcess gp, double[] x, int n, int d, double[] y, double[] sem,
                                          GpOptions o, GpOptions base) {
        try {
            GaussianProcess again = GaussianProcess.fit(x, n, d, y, sem, o);
            return again.mapObjective(base.prior()) > gp.mapObjective(base.prior()) ? again : gp;
        } catch (NotPositiveDefiniteException e) {
            return gp;
        }
    }

    private record Fitted(ModelChoice choice, OutcomeTransform transform, GaussianProcess gp, double loo) {
    }

    /** LOO nats a candidate must gain per hyperparameter it adds over the current choice. */
    public static final double NATS_PER_PARAMETER = 0.5;

    private static Fitted better(Fitted current, Fitted candidate, double margin) {
        if (current.gp == null) {
            return candidate.gp != null ? candidate : current;
        }
        if (candidate.gp == null) {
            return current;
        }
        int extra = Math.max(0, parameters(candidate) - parameters(current));
        return candidate.loo > current.loo + margin + NATS_PER_PARAMETER * extra ? candidate : current;
    }

    /** Fitted hyperparameters of a candidate: the GP's packed vector, plus λ for the power transform. */
    private static int parameters(Fitted f) {
        return f.gp.hyperparameterVector().length + (f.choice.transform() == TransformFamily.POWER ? 1 : 0);
    }

    private static Fitted evaluate(ModelChoice c, TransformFamily.GoodEnd good, double[] x, int n, int d,
                                   double[] values,
                                   double[] sem, boolean negate, GpOptions base,
                                   Map<TransformFamily, OutcomeTransform> transforms,
                                   Map<ModelChoice, Fitted> fitted, List<CandidateScore> scores) {
        Fitted done = fitted.get(c);
        if (done != null) {
            return done;
        }
        Fitted f;
        try {
            OutcomeTransform tr = transforms.computeIfAbsent(c.transform(), t -> t.fit(values, good));
            if (c.transform() != TransformFamily.NONE && tr.isIdentity()
                    && fitted.containsKey(c.withTransform(TransformFamily.NONE))) {
                // e.g. λ = 1 at the bound of an objective's power transform: the untransformed model, fitted already
                f = new Fitted(c, null, null, Double.NEGATIVE_INFINITY);
                scores.add(new CandidateScore(c, "skipped: " + describe(tr) + " is the identity",
                        Double.NEGATIVE_INFINITY));
                fitted.put(c, f);
                return f;
            }
            double[] y = outcomes(values, tr, negate);
            GaussianProcess gp = GaussianProcess.fit(x, n, d, y, sems(values, sem, tr), options(base, c, d));
            double[] lp = gp.leaveOneOutLogDensities();
            double loo = 0;
            for (int i = 0; i < n; i++) {
                loo += lp[i] + Math.log(Math.abs(tr.derivative(values[i])));
            }
            if (!Double.isFinite(loo)) {
                throw new IllegalArgumentException("LOO score is " + loo);
            }
            f = new Fitted(c, tr, gp, loo);
            scores.add(new CandidateScore(c, describe(tr), loo));
        } catch (IllegalArgumentException | NotPositiveDefiniteException e) {
            f = new Fitted(c, null, null, Double.NEGATIVE_INFINITY);
            scores.add(new CandidateScore(c, "failed: " + e.getMessage(), Double.NEGATIVE_INFINITY));
        }
        fitted.put(c, f);
        return f;
    }

    /** sign·T(v). */
    static double[] outcomes(double[] values, OutcomeTransform tr, boolean negate) {
        double[] y = new double[values.length];
        for (int i = 0; i < y.length; i++) {
            double t = tr.apply(values[i]);
            y[i] = negate ? -t : t;
        }
        return y;
    }

    /** Standard errors carried through T by the delta method; null stays null. */
    static double[] sems(double[] values, double[] sem, OutcomeTransform tr) {
        if (sem == null) {
            return null;
        }
        double[] s = new double[values.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = sem[i] * Math.abs(tr.derivative(values[i]));
        }
        return s;
    }

    /**
     * base with the candidate's kernel (a warped kernel as a custom kernel started at the prior's lengthscale mode,
     * outputscale 1 and the identity warping), no transform (applied outside) and no warm start or restarts.
     */
    static GpOptions options(GpOptions base, ModelChoice c, int d) {
        GpOptions o = base.withTransform(OutcomeTransform.NONE).withWarmStart(null).withRestarts(0)
                .withCustomKernel(null).withKernel(c.kernel());
        if (!c.warped()) {
            return o;
        }
        Kernel k = Kernel.warped(Kernel.of(c.kernel(), d));
        Prior p = base.prior();
        double ls = p.enabled() ? p.lengthscaleLoc(d) - p.lengthscaleScale() * p.lengthscaleScale() : Math.log(0.5);
        double[] theta = k.hyperparameters();
        List<HyperparameterKind> kinds = k.hyperparameterKinds();
        for (int i = 0; i < theta.length; i++) {
            theta[i] = kinds.get(i) == HyperparameterKind.LENGTHSCALE ? ls : 0;
        }
        return o.withCustomKernel(k.withHyperparameters(theta));
    }

    /** The fitted transform in words, for the generation metadata. */
    public static String describe(OutcomeTransform tr) {
        if (tr == OutcomeTransform.NONE) {
            return "none";
        }
        if (tr instanceof OutcomeTransform.YeoJohnson yj) {
            return String.format(Locale.ROOT, "yeo-johnson(lambda=%.3g)", yj.lambda());
        }
        if (tr instanceof OutcomeTransform.ShiftedLog sl) {
            return String.format(Locale.ROOT, "log(y+%.3g)", sl.offset());
        }
        if (tr instanceof OutcomeTransform.Reflected r) {
            if (r.inner() instanceof OutcomeTransform.ShiftedLog sl) {
                return String.format(Locale.ROOT, "-log(%.3g-y)", sl.offset());
            }
            return "-" + describe(r.inner()).replace("y", "(-y)");
        }
        return tr.toString().toLowerCase(Locale.ROOT);
    }
}

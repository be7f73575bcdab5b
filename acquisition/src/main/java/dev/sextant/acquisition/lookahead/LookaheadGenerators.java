package dev.sextant.acquisition.lookahead;

import dev.sextant.acquisition.BayesianGenerator;
import dev.sextant.core.generate.CandidateGenerator;
import dev.sextant.core.study.StudySpec;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The acquisition names this package serves, for strategies and campaign files:
 * <ul>
 *   <li>{@code lookahead2}: two-step tree, fantasies [8, 4] (BoTorch's qMultiStepLookahead example), expected
 *       cumulative improvement;</li>
 *   <li>{@code lookahead3}: three steps, fantasies [8, 4, 2], 2 restarts instead of 4: the tree has 2.6× the points
 *       of lookahead2, and halving the restarts halves the time (about 0.3 s instead of 0.6 s per tree on
 *       Hartmann6 on the shared development machine) for 0.004 less log tree value (TreeOptimiserCheck), which
 *       keeps an iteration below 1 s;</li>
 *   <li>{@code kg}: one-shot knowledge gradient with 32 fantasies.</li>
 * </ul>
 * Options read from {@code spec.generation().options()}: {@code fantasies} (list of integers, overrides the tree
 * shape), {@code batch_sizes} (list of k + 1 integers 1…8, points per stage q₀…q_k; default all 1; q₀ &gt; 1
 * proposes q₀ candidates from one tree when that many are asked for), {@code batch_quadrature} (quadrature nodes per
 * point inside a batch, default {@value LookaheadOptions#DEFAULT_BATCH_QUADRATURE}), {@code restarts},
 * {@code max_iterations}, {@code budget} (total trials of the study; when given, the tree looks no further ahead
 * than the trials that remain), and the GP fit (as the qLogNEI generator's, see
 * {@link LookaheadGenerator.GpSettings}): {@code kernel} ("matern52", the default here, or "rbf", qLogNEI's
 * default, "matern32", sums and products), {@code warm_start} (false), {@code min_noise} (1e-6), {@code noise_prior_loc} / {@code noise_prior_scale}
 * and {@code winsorize} (qLogNEI's defaults); {@code outcome_transform} as for qLogNEI
 * ({@link BayesianGenerator#outcomeTransform(Map, double[])}).
 */
public final class LookaheadGenerators {
    private LookaheadGenerators() {
    }

    /** True when this package serves the acquisition name (lookahead2, lookahead3, kg, qkg; any case). */
    public static boolean serves(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return key.equals("lookahead2") || key.equals("lookahead3") || key.equals("kg") || key.equals("qkg");
    }

    /**
     * The generator for an acquisition name, or empty when the name is not one of this package's.
     *
     * @throws IllegalArgumentException when the name is ours but the study needs something lookahead does not
     *                                  support (outcome constraints) or an option is bad
     */
    public static Optional<CandidateGenerator> forName(String name, StudySpec spec) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        LookaheadOptions options;
        long seed = spec.seed();
        switch (key) {
            case "lookahead2":
                options = LookaheadOptions.steps(seed, 8, 4);
                break;
            case "lookahead3":
                options = LookaheadOptions.steps(seed, 8, 4, 2).withRestarts(2, 64, 200);
                break;
            case "kg":
            case "qkg":
                options = LookaheadOptions.knowledgeGradient(32, seed);
                break;
            default:
                return Optional.empty();
        }
        if (!spec.outcomeConstraints().isEmpty()) {
            throw new IllegalArgumentException("acquisition '" + key + "' does not support outcome constraints "
                    + spec.outcomeConstraints() + "; use qlognei");
        }
        options = applyOptions(key, options, spec.generation().options());
        Object b = spec.generation().options().get("budget");
        int budget = b == null ? 0 : intOption(spec.generation().options(), "budget", 0);
        Map<String, Object> map = spec.generation().options();
        Object kn = map.get("kernel");
        LookaheadGenerator.GpSettings defaults = LookaheadGenerator.GpSettings.DEFAULTS;
        LookaheadGenerator.GpSettings gp = new LookaheadGenerator.GpSettings(
                kn == null ? defaults.kernel() : kn.toString(),
                BayesianGenerator.boolOpt(map, "warm_start", defaults.warmStart()),
                BayesianGenerator.doubleOpt(map, "min_noise", defaults.minNoise()),
                BayesianGenerator.prior(map),
                BayesianGenerator.boolOpt(map, "winsorize", defaults.winsorize()));
        return Optional.of(new LookaheadGenerator("bayes:" + key, options, budget, gp));
    }

    private static LookaheadOptions applyOptions(String key, LookaheadOptions options, Map<String, Object> map) {
        int[] m = map.containsKey("fantasies") ? intList(map, "fantasies") : options.fantasies();
        int[] q = map.containsKey("batch_sizes") ? intList(map, "batch_sizes") : null;
        if (q != null && q.length != m.length + 1) {
            throw new IllegalArgumentException("generation option 'batch_sizes' needs one entry per stage (" + (m.length + 1)
                    + " for fantasies " + java.util.Arrays.toString(m) + "), got " + java.util.Arrays.toString(q));
        }
        int g = intOption(map, "batch_quadrature", options.batchQuadrature());
        options = options.withShape(m, q).withBatchQuadrature(g);
        int restarts = intOption(map, "restarts", options.restarts());
        int iterations = intOption(map, "max_iterations", options.maxIterations());
        return options.withRestarts(restarts, Math.max(options.initialTrees(), restarts), iterations);
    }

    private static int[] intList(Map<String, Object> map, String name) {
        Object f = map.get(name);
        if (!(f instanceof java.util.List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("generation option '" + name + "' must be a list of integers, got " + f);
        }
        int[] m = new int[list.size()];
        for (int i = 0; i < m.length; i++) {
            if (!(list.get(i) instanceof Number num) || num.doubleValue() != Math.rint(num.doubleValue())) {
                throw new IllegalArgumentException("generation option '" + name + "[" + i + "]' must be an integer, got "
                        + list.get(i));
            }
            m[i] = num.intValue();
        }
        return m;
    }

    private static int intOption(Map<String, Object> map, String name, int fallback) {
        Object v = map.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number num) || num.doubleValue() != Math.rint(num.doubleValue()) || num.intValue() < 1) {
            throw new IllegalArgumentException("generation option '" + name + "' must be a positive integer, got " + v);
        }
        return num.intValue();
    }
}

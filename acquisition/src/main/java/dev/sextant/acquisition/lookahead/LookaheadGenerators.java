package dev.sextant.acquisition.lookahead;

import dev.sextant.acquisition.BayesianGenerator;
import dev.sextant.acquisition.generate.GenerationOptions;
import dev.sextant.core.generate.CandidateGenerator;
import dev.sextant.core.study.InvalidGenerationOptionException;
import dev.sextant.core.study.StudySpec;
import java.util.Locale;
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
 * ({@link BayesianGenerator#outcomeTransform(GenerationOptions, double[])}); all typed and validated by
 * {@link GenerationOptions}.
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
        GenerationOptions.checkObjectives(key, spec); // lookahead and KG optimise one objective
        if (!spec.outcomeConstraints().isEmpty()) {
            throw new InvalidGenerationOptionException("acquisition", key, "qlognei, qnei, qei, qlogei, qucb, qpi, qsr",
                    "acquisition '" + key + "' does not support outcome constraints " + spec.outcomeConstraints()
                    + "; use qlognei");
        }
        GenerationOptions opts = GenerationOptions.of(spec);
        options = applyOptions(key, options, opts);
        int budget = opts.budget(0);
        LookaheadGenerator.GpSettings defaults = LookaheadGenerator.GpSettings.DEFAULTS;
        LookaheadGenerator.GpSettings gp = new LookaheadGenerator.GpSettings(
                opts.kernel(defaults.kernel()),
                opts.warmStart(),
                opts.minNoise(),
                BayesianGenerator.prior(opts),
                opts.winsorize());
        return Optional.of(new LookaheadGenerator("bayes:" + key, options, budget, gp));
    }

    private static LookaheadOptions applyOptions(String key, LookaheadOptions options, GenerationOptions opts) {
        int[] m = opts.fantasies(options.fantasies());
        int[] q = opts.batchSizesArray();
        if (q != null && q.length != m.length + 1) {
            throw new InvalidGenerationOptionException("batch_sizes", opts.batchSizes(), (m.length + 1) + " entries",
                    "needs one entry per stage (" + (m.length + 1) + " for fantasies " + java.util.Arrays.toString(m)
                    + "), got " + java.util.Arrays.toString(q));
        }
        int g = opts.batchQuadrature();
        try {
            options = options.withShape(m, q).withBatchQuadrature(g);
        } catch (IllegalArgumentException e) {
            String bad = opts.fantasies() != null ? "fantasies"
                    : opts.batchSizes() != null ? "batch_sizes" : "batch_quadrature";
            Object given = bad.equals("fantasies") ? opts.fantasies() : bad.equals("batch_sizes") ? opts.batchSizes() : g;
            throw new InvalidGenerationOptionException(bad, given, "a tree of at most 20000 points", e.getMessage());
        }
        int restarts = opts.restarts(options.restarts());
        int iterations = opts.maxIterations(options.maxIterations());
        return options.withRestarts(restarts, Math.max(options.initialTrees(), restarts), iterations);
    }
}

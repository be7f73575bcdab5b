package dev.sextant.acquisition.lookahead;

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
 *   <li>{@code lookahead3}: three steps, fantasies [8, 4, 2];</li>
 *   <li>{@code kg}: one-shot knowledge gradient with 32 fantasies.</li>
 * </ul>
 * Options read from {@code spec.generation().options()}: {@code fantasies} (list of integers, overrides the tree
 * shape), {@code restarts}, {@code max_iterations}, {@code budget} (total trials of the study; when given, the tree
 * looks no further ahead than the trials that remain).
 */
public final class LookaheadGenerators {
    private LookaheadGenerators() {
    }

    /**
     * The generator for an acquisition name, or empty when the name is not one of this package's.
     *
     * @throws IllegalArgumentException when the name is ours but the study needs something lookahead does not
     *                                  support (outcome constraints, linear parameter constraints) or an option is bad
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
                options = LookaheadOptions.steps(seed, 8, 4, 2);
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
        if (!spec.space().constraints().isEmpty()) {
            throw new IllegalArgumentException("acquisition '" + key + "' does not support parameter constraints "
                    + spec.space().constraints() + "; use qlognei");
        }
        options = applyOptions(key, options, spec.generation().options());
        Object b = spec.generation().options().get("budget");
        int budget = b == null ? 0 : intOption(spec.generation().options(), "budget", 0);
        return Optional.of(new LookaheadGenerator("bayes:" + key, options, budget));
    }

    private static LookaheadOptions applyOptions(String key, LookaheadOptions options, Map<String, Object> map) {
        Object f = map.get("fantasies");
        if (f != null) {
            if (!(f instanceof java.util.List<?> list) || list.isEmpty()) {
                throw new IllegalArgumentException("generation option 'fantasies' must be a list of integers, got " + f);
            }
            int[] m = new int[list.size()];
            for (int i = 0; i < m.length; i++) {
                if (!(list.get(i) instanceof Number num) || num.doubleValue() != Math.rint(num.doubleValue())) {
                    throw new IllegalArgumentException("generation option 'fantasies[" + i + "]' must be an integer, got "
                            + list.get(i));
                }
                m[i] = num.intValue();
            }
            options = new LookaheadOptions(m, options.value(), options.restarts(), options.initialTrees(),
                    options.maxIterations(), options.seed());
        }
        int restarts = intOption(map, "restarts", options.restarts());
        int iterations = intOption(map, "max_iterations", options.maxIterations());
        return options.withRestarts(restarts, Math.max(options.initialTrees(), restarts), iterations);
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

package dev.sextant.experiments.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Named suites of benchmark problems, each problem with its protocol. The {@code public} suite is issue 19's: the
 * problems of the anchors (BoTorch 0.18.1 reference runs) with their budgets, public test functions with budgets
 * chosen by the anchors' rule, and two batch (q = 4) variants.
 *
 * <p>The anchors' rule for the budget: about 2·d Sobol points (at least 5), then 25 iterations in 2-d and 40 from
 * d = 6 up (Branin 5 + 25, Hartmann6 10 + 40, Ackley10 20 + 40; the constrained Hartmann6 keeps its 10 + 30). Hence
 * Six-hump camel (d = 2) 5 + 25, Griewank (d = 5) 10 + 40, Cosine8 16 + 40, Levy10 20 + 40, Ackley20 40 + 40. The
 * batch variants keep the evaluation count: Hartmann6 10 + 10 × 4 (= 40), Branin 5 + 6 × 4 (24, the multiple of 4
 * nearest to 25). Griewank is run in 5 dimensions: the suite already has 2-, 6-, 8-, 10- and 20-dimensional
 * problems, and on its [−600, 600] box Griewank is a wide bowl with small ripples, a test of how fast a model
 * finds and refines a smooth global trend in a middle dimension that no other problem covers.
 */
public final class BenchmarkSuite {
    private static final Map<String, List<SuiteProblem>> SUITES = new LinkedHashMap<>();

    static {
        SUITES.put("public", List.of(
                // the anchors' problems and protocols
                new SuiteProblem("branin", "branin", 5, 25, 1, 0),
                new SuiteProblem("hartmann6", "hartmann6", 10, 40, 1, 0),
                new SuiteProblem("hartmann6-noisy", "hartmann6", 10, 40, 1, 0.1),
                new SuiteProblem("ackley10", "ackley10", 20, 40, 1, 0),
                new SuiteProblem("hartmann6-constrained", "hartmann6-constrained", 10, 30, 1, 0.1),
                // public test functions, budgets by the anchors' rule
                new SuiteProblem("six-hump-camel", "six-hump-camel", 5, 25, 1, 0),
                new SuiteProblem("griewank5", "griewank5", 10, 40, 1, 0),
                new SuiteProblem("cosine8", "cosine8", 16, 40, 1, 0),
                new SuiteProblem("levy10", "levy10", 20, 40, 1, 0),
                new SuiteProblem("ackley20", "ackley20", 40, 40, 1, 0),
                // batch variants (q = 4) with the evaluation count of their q = 1 problem
                new SuiteProblem("branin-q4", "branin", 5, 6, 4, 0),
                new SuiteProblem("hartmann6-q4", "hartmann6", 10, 10, 4, 0)));
    }

    private BenchmarkSuite() {
    }

    /** The suite names, e.g. {@code ["public"]}. */
    public static List<String> names() {
        return List.copyOf(SUITES.keySet());
    }

    /**
     * The problems of suite {@code name}, in its order; {@code only} (null or empty: all) selects a subset by problem
     * id, kept in the suite's order.
     *
     * @throws IllegalArgumentException for an unknown suite or problem id (the message lists the known ones)
     */
    public static List<SuiteProblem> problems(String name, List<String> only) {
        List<SuiteProblem> all = SUITES.get(name == null ? "" : name.trim().toLowerCase(Locale.ROOT));
        if (all == null) {
            throw new IllegalArgumentException("unknown suite '" + name + "'; known: " + String.join(", ", names()));
        }
        if (only == null || only.isEmpty()) {
            return all;
        }
        List<String> ids = all.stream().map(SuiteProblem::id).toList();
        List<String> wanted = new ArrayList<>();
        for (String o : only) {
            String id = o.trim().toLowerCase(Locale.ROOT);
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("suite '" + name + "' has no problem '" + o + "'; its problems: "
                        + String.join(", ", ids));
            }
            wanted.add(id);
        }
        return all.stream().filter(p -> wanted.contains(p.id())).toList();
    }
}

package dev.sextant.web;

import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.study.Storage;
import dev.sextant.core.study.StudySpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Study specs and servers the tests share. */
final class Fixtures {
    private Fixtures() {}

    /** x in [-2,2], lr log in [1e-4,1e-1], n int 1..8, opt categorical; minimise loss subject to acc >= 0.2. */
    static Map<String, Object> spec(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("seed", 7);
        m.put("parameters", List.of(
                Map.of("name", "x", "type", "float", "low", -2.0, "high", 2.0),
                Map.of("name", "lr", "type", "float", "low", 1e-4, "high", 1e-1, "log", true),
                Map.of("name", "n", "type", "int", "low", 1, "high", 8),
                Map.of("name", "opt", "type", "categorical", "choices", List.of("adam", "sgd"))));
        m.put("objective", Map.of("metric", "loss", "goal", "minimize"));
        m.put("outcome_constraints", List.of("acc >= 0.2"));
        return m;
    }

    /** The synthetic objective the tests tell: smooth in x and log lr, a small effect of n and opt. */
    static Map<String, Double> evaluate(Map<String, Object> p) {
        double x = ((Number) p.get("x")).doubleValue();
        double lr = Math.log10(((Number) p.get("lr")).doubleValue());
        double n = ((Number) p.get("n")).doubleValue();
        double opt = "adam".equals(p.get("opt")) ? 0 : 0.3;
        double loss = (x - 0.5) * (x - 0.5) + 0.5 * (lr + 2.5) * (lr + 2.5) + 0.02 * n + opt;
        double acc = 1 - 0.25 * Math.abs(x);
        return Map.of("loss", loss, "acc", acc);
    }

    /**
     * Two objectives on x in [0,1], y in [0,1]: maximise reward (threshold 0.1), minimise divergence (no threshold);
     * {@link #evaluateTwo} makes them a trade-off along x.
     */
    static Map<String, Object> twoObjectiveSpec(String name) {
        return twoObjectiveSpec(name, 0.1);
    }

    /** As {@link #twoObjectiveSpec(String)} with another reward threshold. */
    static Map<String, Object> twoObjectiveSpec(String name, double rewardThreshold) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("seed", 5);
        m.put("parameters", List.of(Map.of("name", "x", "type", "float", "low", 0.0, "high", 1.0),
                Map.of("name", "y", "type", "float", "low", 0.0, "high", 1.0)));
        Map<String, Object> reward = new LinkedHashMap<>();
        reward.put("metric", "reward");
        reward.put("goal", "maximize");
        reward.put("threshold", rewardThreshold);
        m.put("objectives", List.of(reward, Map.of("metric", "divergence", "goal", "minimize")));
        return m;
    }

    /** reward = x·(1 − y/2), divergence = x² + y/4: more reward costs divergence; y only hurts both. */
    static Map<String, Double> evaluateTwo(Map<String, Object> p) {
        double x = ((Number) p.get("x")).doubleValue();
        double y = ((Number) p.get("y")).doubleValue();
        return Map.of("reward", x * (1 - y / 2), "divergence", x * x + y / 4);
    }

    static Function<StudySpec, GenerationStrategy> sobol() {
        return spec -> GenerationStrategy.sobolOnly();
    }

    static WebServer server(Storage storage, WebOptions options) {
        return WebServer.start(options, storage, sobol());
    }

    static WebServer server() {
        return server(new InMemoryStorage(), WebOptions.defaults().withPort(0));
    }
}

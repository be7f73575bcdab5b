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

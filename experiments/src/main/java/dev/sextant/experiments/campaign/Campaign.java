package dev.sextant.experiments.campaign;

import dev.sextant.core.study.StudySpec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A validated campaign: the study it runs, its budget, batch size (trials asked at once), parallelism (trials
 * evaluated at once), evaluator, optional store URL, and the folder relative paths are resolved against.
 */
public record Campaign(String source, StudySpec spec, Budget budget, int batch, int parallelism,
                       EvaluatorSpec evaluator, String store, Path baseDir) {
    public Campaign {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(evaluator, "evaluator");
        if (batch < 1 || parallelism < 1) {
            throw new IllegalArgumentException("batch and parallelism must be >= 1");
        }
        baseDir = baseDir == null ? Path.of(".") : baseDir;
    }

    public String name() {
        return spec.name();
    }
}

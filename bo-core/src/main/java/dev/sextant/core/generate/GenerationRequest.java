package dev.sextant.core.generate;

import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Trial;
import java.util.List;

/**
 * What a generator is asked: the study, its COMPLETED trials ({@code completed}), its RUNNING and CANDIDATE trials
 * ({@code pending}, whose points must be avoided or treated as pending), how many candidates to propose, and a seed
 * for this call (the study derives it from its seed and history; generators needing one stream across calls, such as
 * Sobol, use {@code spec().seed()}). Lists are unmodifiable copies, ordered by trial number.
 */
public record GenerationRequest(StudySpec spec, List<Trial> completed, List<Trial> pending, int count, long seed) {
    public GenerationRequest {
        if (spec == null) {
            throw new IllegalArgumentException("generation request has no study spec");
        }
        if (count < 1) {
            throw new IllegalArgumentException("generation request count is " + count + "; ask for at least 1");
        }
        completed = List.copyOf(completed == null ? List.of() : completed);
        pending = List.copyOf(pending == null ? List.of() : pending);
    }
}

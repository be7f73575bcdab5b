package dev.sextant.core.generate;

import dev.sextant.core.study.StudySpec;

/**
 * Supplies the default {@link GenerationStrategy} for a spec when installed as a {@link java.util.ServiceLoader}
 * service ({@code META-INF/services/dev.sextant.core.generate.StrategyProvider}); see
 * {@link GenerationStrategy#defaultFor}. It also validates generation settings when a study is created
 * ({@link #validate}), so that bo-core checks options it does not know itself.
 */
public interface StrategyProvider {
    /** The strategy for this spec, or null to let the next provider (or Sobol) decide. */
    GenerationStrategy strategyFor(StudySpec spec);

    /**
     * Checks {@code spec.generation()} (acquisition name and options) against what this provider's strategies accept;
     * see {@link GenerationStrategy#validate}. The default accepts everything.
     *
     * @throws dev.sextant.core.study.InvalidGenerationOptionException naming the first unknown or invalid option
     */
    default void validate(StudySpec spec) {
    }
}

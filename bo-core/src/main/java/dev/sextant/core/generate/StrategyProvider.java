package dev.sextant.core.generate;

import dev.sextant.core.study.StudySpec;

/**
 * Supplies the default {@link GenerationStrategy} for a spec when installed as a {@link java.util.ServiceLoader}
 * service ({@code META-INF/services/dev.sextant.core.generate.StrategyProvider}); see
 * {@link GenerationStrategy#defaultFor}.
 */
public interface StrategyProvider {
    /** The strategy for this spec, or null to let the next provider (or Sobol) decide. */
    GenerationStrategy strategyFor(StudySpec spec);
}

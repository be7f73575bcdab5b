package dev.sextant.acquisition;

import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.generate.StrategyProvider;
import dev.sextant.core.study.StudySpec;

/**
 * Installs {@link Strategies#defaultFor} as bo-core's default strategy and {@link Strategies#validate} as its check of
 * generation settings (ServiceLoader).
 */
public final class BayesianStrategyProvider implements StrategyProvider {
    @Override
    public GenerationStrategy strategyFor(StudySpec spec) {
        return Strategies.defaultFor(spec);
    }

    @Override
    public void validate(StudySpec spec) {
        Strategies.validate(spec);
    }
}

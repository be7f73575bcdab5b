package dev.sextant.acquisition;

import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.generate.StrategyProvider;
import dev.sextant.core.study.StudySpec;

/** Installs {@link Strategies#defaultFor} as bo-core's default strategy (ServiceLoader). */
public final class BayesianStrategyProvider implements StrategyProvider {
    @Override
    public GenerationStrategy strategyFor(StudySpec spec) {
        return Strategies.defaultFor(spec);
    }
}

package dev.sextant.core.generate;

import dev.sextant.core.study.InvalidGenerationOptionException;
import dev.sextant.core.study.StudySpec;

/**
 * A test provider installed through the test class path's ServiceLoader file: it leaves strategies to the default
 * (Sobol) and rejects the generation option {@link #REJECTED}, so that bo-core's validation hook can be tested without
 * the acquisition module.
 */
public final class RejectingStrategyProvider implements StrategyProvider {
    /** The one option key this provider rejects. */
    public static final String REJECTED = "rejected_by_test_provider";

    @Override
    public GenerationStrategy strategyFor(StudySpec spec) {
        return null;
    }

    @Override
    public void validate(StudySpec spec) {
        if (spec.generation().options().containsKey(REJECTED)) {
            throw new InvalidGenerationOptionException(REJECTED, spec.generation().options().get(REJECTED), "nothing",
                    "got " + spec.generation().options().get(REJECTED) + "; allowed: nothing");
        }
    }
}

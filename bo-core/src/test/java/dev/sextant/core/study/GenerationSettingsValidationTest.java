package dev.sextant.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.generate.RejectingStrategyProvider;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The StrategyProvider validation hook, with the test class path's {@link RejectingStrategyProvider}. */
class GenerationSettingsValidationTest {
    static StudySpec spec(Map<String, Object> options) {
        SearchSpace space = SearchSpace.builder().addFloat("x", 0, 1).build();
        return new StudySpec("v", space, Objective.minimize("y"), List.of(),
                new GenerationSettings(-1, "qlognei", options), 3);
    }

    @Test
    void createValidatesThroughTheInstalledProvidersAndStoresNothingWhenRejected() {
        InMemoryStorage storage = new InMemoryStorage();
        StudySpec bad = spec(Map.of(RejectingStrategyProvider.REJECTED, 1));
        InvalidGenerationOptionException e = assertThrows(InvalidGenerationOptionException.class,
                () -> Study.create(bad, storage, GenerationStrategy.sobolOnly()));
        assertEquals(RejectingStrategyProvider.REJECTED, e.option());
        assertEquals("generation." + RejectingStrategyProvider.REJECTED + ": got 1; allowed: nothing", e.getMessage());
        assertTrue(storage.studyNames().isEmpty());
        Study ok = Study.create(spec(Map.of("anything", 1)), storage, GenerationStrategy.defaultFor(bad));
        assertEquals(2, ok.ask(2).size(), "a valid spec asks as before");
    }

    @Test
    void aStoredStudyWithRejectedSettingsFailsToGenerateButHandsOutEnqueuedTrials() {
        InMemoryStorage storage = new InMemoryStorage();
        StudySpec bad = spec(Map.of(RejectingStrategyProvider.REJECTED, "x"));
        storage.createStudy(bad);   // older data, bypassing the validation
        Study study = Study.open("v", storage, GenerationStrategy.sobolOnly());
        InvalidStoredSettingsException e = assertThrows(InvalidStoredSettingsException.class, study::ask);
        assertEquals(RejectingStrategyProvider.REJECTED, e.invalidOption().option());
        assertTrue(e.getMessage().startsWith("study 'v' is stored with generation settings that are not valid: generation."
                + RejectingStrategyProvider.REJECTED + ": got x; allowed: nothing"), e.getMessage());
        assertTrue(storage.trials("v").isEmpty());
        study.enqueue(Map.of("x", 0.5));
        Trial t = study.ask();
        assertEquals(TrialState.RUNNING, t.state());
        assertEquals(0.5, t.number("x"));
        assertThrows(InvalidStoredSettingsException.class, study::ask);
    }
}

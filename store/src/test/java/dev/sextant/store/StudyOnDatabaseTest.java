package dev.sextant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.study.InvalidObservationException;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpecCodec;
import dev.sextant.core.trial.IllegalTransitionException;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The bo-core Study works unchanged on DatabaseStorage, and a second process-like handle sees the same study. */
class StudyOnDatabaseTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void askTellEnqueueBestAndReopen(Backend backend) throws Exception {
        String url = backend.freshUrl(dir);
        Map<Long, Trial> seen = new HashMap<>();
        try (DatabaseStorage storage = DatabaseStorage.open(url)) {
            Study study = Study.create(Backend.spec("demo"), storage, GenerationStrategy.sobolOnly());
            study.setWorker("w1");
            Trial queued = study.enqueue(Map.of("x", 0.5, "n", 4));
            Trial manual = study.addCompleted(Map.of("x", 0.1, "n", 2), Map.of("y", 3.0, "c", 1.0));
            List<Trial> asked = study.ask(4);
            assertEquals(queued.number(), asked.get(0).number(), "enqueued candidates are asked first");
            for (Trial t : asked) {
                assertEquals(TrialState.RUNNING, t.state());
                double x = ((Number) t.parameters().get("x")).doubleValue();
                assertTrue(t.parameters().get("n") instanceof Long, "canonical int type survives storage");
                seen.put(t.number(), study.tell(t, Map.of("y", (x - 0.3) * (x - 0.3), "c", 0.5)));
            }
            List<String> before = Backend.dump(storage);
            Trial first = asked.get(1);
            assertThrows(InvalidObservationException.class, () -> study.tell(first.number(), Map.of("y", Double.NaN, "c", 1.0)));
            assertThrows(InvalidObservationException.class, () -> study.tell(first.number(), Map.of("y", 1.0)));
            assertThrows(InvalidObservationException.class, () -> study.tell(first.number(), Map.of("y", 1.0, "c", 1.0, "z", 2.0)));
            assertThrows(IllegalTransitionException.class, () -> study.tell(first.number(), Map.of("y", 1.0, "c", 1.0)));
            assertEquals(before, Backend.dump(storage), "rejected tells changed the database");
            seen.put(manual.number(), manual);
            assertTrue(study.best().isPresent());
            storage.setStudyAttribute("demo", "note", "sobol warm-up");
        }
        try (DatabaseStorage storage = DatabaseStorage.open(url)) {   // a fresh handle, as another process would open it
            Study again = Study.open("demo", storage, GenerationStrategy.sobolOnly());
            assertEquals(StudySpecCodec.toMap(Backend.spec("demo")), StudySpecCodec.toMap(again.spec()));
            for (Trial t : again.trials()) {
                assertEquals(seen.get(t.number()).values(), t.values());
                assertEquals(seen.get(t.number()).parameters(), t.parameters());
                assertEquals(seen.get(t.number()).generation(), t.generation());
                assertEquals(seen.get(t.number()).state(), t.state());
            }
            assertEquals(seen.size(), again.trials().size());
            Trial next = again.ask();
            assertTrue(seen.keySet().stream().allMatch(id -> id < next.number()));
            assertEquals(Map.of("note", "sobol warm-up"), storage.studyAttributes("demo"));
        }
    }
}

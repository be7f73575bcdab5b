package dev.sextant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sextant.store.entity.GenerationRecord;
import dev.sextant.store.entity.ObservationValue;
import dev.sextant.store.entity.StudyEntity;
import dev.sextant.store.entity.TrialEntity;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSmokeTest {
    @TempDir Path dir;

    void roundTrip(String url) {
        try (Database db = Database.open(StoreOptions.of(url))) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            long id = db.sessions.fromTransaction(s -> {
                StudyEntity st = new StudyEntity("s", "{}", "y", "MINIMIZE", null, 1, now);
                s.persist(st);
                TrialEntity t = new TrialEntity(st, "RUNNING", "{\"x\":1}", new GenerationRecord("sobol", "{}", null, 0.5, null, null), now, "w", now);
                t.getObservations().put("y", new ObservationValue(1.5, Double.NaN));
                s.persist(t);
                return t.getId();
            });
            TrialEntity t = db.sessions.fromTransaction(s -> {
                TrialEntity e = s.get(TrialEntity.class, id);
                e.getObservations().size();
                return e;
            });
            assertEquals("RUNNING", t.getState());
            assertEquals(now, t.getCreated());
            assertEquals(1.5, t.getObservations().get("y").getMean());
        }
    }

    @Test void h2() { roundTrip("jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE"); }
    @Test void postgres() { roundTrip(Postgres.freshDatabaseUrl()); }
}

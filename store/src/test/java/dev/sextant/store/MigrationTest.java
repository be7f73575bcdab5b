package dev.sextant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.sextant.core.study.StudySpecCodec;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A database created by the first released schema (V1) with data in it opens, upgrades to the current schema and keeps its data. */
class MigrationTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void version1DatabaseUpgradesOnOpen(Backend backend) throws Exception {
        long completedId;
        long runningId;
        String url1 = backend.freshUrl(dir);
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(url1);
            if (backend == Backend.H2) {
                ds.setUsername("sa");
            }
            org.flywaydb.core.Flyway.configure().configuration(Database.flyway(ds).getConfiguration())
                    .target(MigrationVersion.fromVersion("1")).load().migrate();
            assertEquals(List.of("1"), java.util.Arrays.stream(Database.flyway(ds).info().applied())
                    .map(m -> m.getVersion().getVersion()).toList());
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                String spec = Json.write(StudySpecCodec.toMap(Backend.spec("old")));
                try (PreparedStatement st = c.prepareStatement("INSERT INTO studies (name, spec_json, objective_metric,"
                        + " objective_goal, generation_json, seed, created, version) VALUES ('old', ?, 'y', 'MINIMIZE', NULL, 42,"
                        + " TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:05+00', 0)")) {
                    st.setString(1, spec);
                    st.executeUpdate();
                }
                long studyId = single(c, "SELECT id FROM studies WHERE name = 'old'");
                c.createStatement().executeUpdate("INSERT INTO trials (study_id, state, parameters_json, generator,"
                        + " generation_json, acquisition_value, created, updated, finished, worker, version) VALUES"
                        + " (" + studyId + ", 'COMPLETED', '{\"x\":0.5,\"n\":3}', 'sobol', '{\"acquisition_value\":0.25}', 0.25,"
                        + " TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:06+00', TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:07+00',"
                        + " TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:07+00', 'w', 1)");
                completedId = single(c, "SELECT MAX(id) FROM trials");
                c.createStatement().executeUpdate("INSERT INTO trials (study_id, state, parameters_json, created, updated,"
                        + " worker, heartbeat, version) VALUES (" + studyId + ", 'RUNNING', '{\"x\":0.75,\"n\":1}',"
                        + " TIMESTAMP WITH TIME ZONE '2025-01-02 03:05:00+00', TIMESTAMP WITH TIME ZONE '2025-01-02 03:05:00+00',"
                        + " 'w', TIMESTAMP WITH TIME ZONE '2025-01-02 03:05:00+00', 0)");
                runningId = single(c, "SELECT MAX(id) FROM trials");
                c.createStatement().executeUpdate("INSERT INTO observations (trial_id, metric, mean, sem) VALUES ("
                        + completedId + ", 'y', 1.5, NULL), (" + completedId + ", 'c', 2.0, 0.1)");
                c.commit();
            }
        }

        try (DatabaseStorage storage = DatabaseStorage.open(url1)) {
            assertEquals("2", storage.schemaVersion());
            assertEquals(List.of("old"), storage.studyNames());
            assertEquals("y", storage.loadStudy("old").orElseThrow().objective().metric());
            Trial t = storage.trial("old", completedId).orElseThrow();
            assertEquals(TrialState.COMPLETED, t.state());
            assertEquals(Map.of("x", 0.5, "n", 3L), t.parameters());
            assertEquals(Map.of("y", Observation.of(1.5), "c", new Observation(2.0, 0.1)), t.values());
            assertEquals(Map.of("acquisition_value", 0.25), t.generation());
            // schema 2 features work on old data
            storage.setTrialAttribute("old", completedId, "note", "from v1");
            assertEquals(Map.of("note", "from v1"), storage.trialAttributes("old", completedId));
            assertTrue(storage.requeuedFrom("old", completedId).isEmpty());
            DatabaseStorage.Reaped reaped = storage.reapStale("old", java.time.Duration.ofMinutes(1), StaleTrialPolicy.REQUEUE);
            assertEquals(List.of(runningId), reaped.abandoned().stream().map(Trial::id).toList());
            assertEquals(runningId, storage.requeuedFrom("old", reaped.requeued().get(0).id()).orElseThrow());
            // new ids continue after the old ones
            Trial fresh = storage.createTrial("old", TrialState.RUNNING, Map.of("x", 0.1, "n", 2L), Map.of(), "manual", Map.of(), null);
            assertTrue(fresh.id() > reaped.requeued().get(0).id(), "id " + fresh.id());
        }
        try (DatabaseStorage again = DatabaseStorage.open(url1)) {   // reopening a current database is a no-op
            assertEquals("2", again.schemaVersion());
            assertEquals(Map.of("note", "from v1"), again.trialAttributes("old", completedId));
        }
    }

    private static long single(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

package dev.sextant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.ParetoFront;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpec;
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

/**
 * Databases made by earlier schemas, with data in them, open, upgrade to the current schema and keep their data: the
 * first released schema (V1), schema 2 (the last one with database-wide trial ids, before per-study numbers),
 * schema 3 (the last one without the generation lease) and schema 4 (the last one with a single objective column).
 */
class MigrationTest {
    /** The schema version the store upgrades to. */
    static final String CURRENT = "6";

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
            assertEquals(CURRENT, storage.schemaVersion());
            // the old rows got the numbers 1 and 2 of their study
            assertEquals(List.of(1L, 2L), storage.trials("old").stream().map(Trial::number).toList());
            completedId = 1;
            runningId = 2;
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
            assertEquals(List.of(runningId), reaped.abandoned().stream().map(Trial::number).toList());
            assertEquals(3, reaped.requeued().get(0).number());
            assertEquals(runningId, storage.requeuedFrom("old", reaped.requeued().get(0).number()).orElseThrow());
            // new numbers continue after the old ones
            Trial fresh = storage.createTrial("old", TrialState.RUNNING, Map.of("x", 0.1, "n", 2L), Map.of(), "manual", Map.of(), null);
            assertEquals(4, fresh.number());
        }
        try (DatabaseStorage again = DatabaseStorage.open(url1)) {   // reopening a current database is a no-op
            assertEquals(CURRENT, again.schemaVersion());
            assertEquals(Map.of("note", "from v1"), again.trialAttributes("old", completedId));
        }
    }

    /**
     * A schema-2 database (trial ids global across studies, as the code before per-study numbers wrote it) holding two
     * studies whose trials were created interleaved, observations, notes and a re-queued trial: after the upgrade each
     * study's trials are numbered 1..n in creation order, everything else reads back unchanged, and new trials continue
     * each study's numbering.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void version2DatabaseNumbersTrialsPerStudy(Backend backend) throws Exception {
        String url = backend.freshUrl(dir);
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(url);
            if (backend == Backend.H2) {
                ds.setUsername("sa");
            }
            org.flywaydb.core.Flyway.configure().configuration(Database.flyway(ds).getConfiguration())
                    .target(MigrationVersion.fromVersion("2")).load().migrate();
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                for (String name : List.of("a", "b")) {
                    try (PreparedStatement st = c.prepareStatement("INSERT INTO studies (name, spec_json, objective_metric,"
                            + " objective_goal, seed, created, version) VALUES (?, ?, 'y', 'MINIMIZE', 1,"
                            + " TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:05+00', 0)")) {
                        st.setString(1, name);
                        st.setString(2, Json.write(StudySpecCodec.toMap(Backend.spec(name))));
                        st.executeUpdate();
                    }
                }
                long a = single(c, "SELECT id FROM studies WHERE name = 'a'");
                long b = single(c, "SELECT id FROM studies WHERE name = 'b'");
                // global ids 1..7: a gets x = 0.0, 0.2, 0.4, 0.6 (4 trials), b gets x = 0.1, 0.3, 0.5
                for (int i = 0; i < 7; i++) {
                    long sid = i % 2 == 0 ? a : b;
                    String state = i < 4 ? "COMPLETED" : i == 4 ? "ABANDONED" : "RUNNING";
                    c.createStatement().executeUpdate("INSERT INTO trials (study_id, state, parameters_json, generator,"
                            + " created, updated, version) VALUES (" + sid + ", '" + state + "', '{\"x\":" + (i / 10.0)
                            + "}', 'sobol', TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:0" + i + "+00',"
                            + " TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:0" + i + "+00', 0)");
                    long id = single(c, "SELECT MAX(id) FROM trials");
                    if (state.equals("COMPLETED")) {
                        c.createStatement().executeUpdate("INSERT INTO observations (trial_id, metric, mean, sem) VALUES ("
                                + id + ", 'y', " + (10 + i) + ", 0.5), (" + id + ", 'c', 1, NULL)");
                    }
                    if (i == 6) {   // a's fourth trial re-queues a's third (global id 5)
                        long abandoned = single(c, "SELECT id FROM trials WHERE state = 'ABANDONED'");
                        c.createStatement().executeUpdate("UPDATE trials SET requeued_from = " + abandoned + " WHERE id = " + id);
                    }
                }
                long bSecond = single(c, "SELECT id FROM trials WHERE study_id = " + b + " AND parameters_json LIKE '%0.3%'");
                c.createStatement().executeUpdate("INSERT INTO trial_attributes (trial_id, attr_key, attr_value) VALUES ("
                        + bSecond + ", 'note', 'second of b')");
                c.createStatement().executeUpdate("INSERT INTO study_attributes (study_id, attr_key, attr_value) VALUES ("
                        + a + ", 'owner', 'me')");
                c.commit();
            }
        }

        try (DatabaseStorage storage = DatabaseStorage.open(url)) {
            assertEquals(CURRENT, storage.schemaVersion());
            List<Trial> ta = storage.trials("a");
            List<Trial> tb = storage.trials("b");
            assertEquals(List.of(1L, 2L, 3L, 4L), ta.stream().map(Trial::number).toList());
            assertEquals(List.of(1L, 2L, 3L), tb.stream().map(Trial::number).toList());
            assertEquals(List.of(0.0, 0.2, 0.4, 0.6), ta.stream().map(t -> t.number("x")).toList(), "creation order");
            assertEquals(List.of(0.1, 0.3, 0.5), tb.stream().map(t -> t.number("x")).toList(), "creation order");
            assertEquals(List.of(TrialState.COMPLETED, TrialState.COMPLETED, TrialState.ABANDONED, TrialState.RUNNING),
                    ta.stream().map(Trial::state).toList());
            assertEquals(Map.of("y", new Observation(12, 0.5), "c", Observation.of(1)), ta.get(1).values());
            assertEquals(Map.of("y", new Observation(13, 0.5), "c", Observation.of(1)), tb.get(1).values());
            assertEquals(Map.of("note", "second of b"), storage.trialAttributes("b", 2));
            assertEquals(Map.of("owner", "me"), storage.studyAttributes("a"));
            assertEquals(3L, storage.requeuedFrom("a", 4).orElseThrow(), "lineage points at a's trial number 3");
            assertTrue(storage.requeuedFrom("b", 3).isEmpty());
            // numbering continues per study, and the new trials take part in everything
            Trial a5 = storage.createTrial("a", TrialState.RUNNING, Map.of("x", 0.7), Map.of(), "manual", Map.of(), null);
            Trial b4 = storage.createTrial("b", TrialState.CANDIDATE, Map.of("x", 0.8), Map.of(), "manual", Map.of(), null);
            assertEquals(5, a5.number());
            assertEquals(4, b4.number());
            assertEquals(4, storage.claimCandidate("b", "w").orElseThrow().number());
            storage.complete("a", 4, Map.of("y", Observation.of(1), "c", Observation.of(2)));
            assertEquals(TrialState.COMPLETED, storage.trial("a", 4).orElseThrow().state());
        }
    }

    /**
     * A schema-3 database holding a study with a completed and a running trial upgrades to schema 4: nobody holds the
     * new generation lease, trials read back unchanged, and a trial created under the lease continues the numbering.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void version3DatabaseGetsAFreeGenerationLease(Backend backend) throws Exception {
        String url = backend.freshUrl(dir);
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(url);
            if (backend == Backend.H2) {
                ds.setUsername("sa");
            }
            org.flywaydb.core.Flyway.configure().configuration(Database.flyway(ds).getConfiguration())
                    .target(MigrationVersion.fromVersion("3")).load().migrate();
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement st = c.prepareStatement("INSERT INTO studies (name, spec_json, objective_metric,"
                        + " objective_goal, seed, created, version, trial_count) VALUES ('a', ?, 'y', 'MINIMIZE', 1,"
                        + " TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:05+00', 0, 2)")) {
                    st.setString(1, Json.write(StudySpecCodec.toMap(Backend.spec("a"))));
                    st.executeUpdate();
                }
                long a = single(c, "SELECT id FROM studies WHERE name = 'a'");
                for (int n = 1; n <= 2; n++) {
                    String state = n == 1 ? "COMPLETED" : "RUNNING";
                    c.createStatement().executeUpdate("INSERT INTO trials (study_id, trial_number, state, parameters_json,"
                            + " generator, created, updated, version) VALUES (" + a + ", " + n + ", '" + state
                            + "', '{\"x\":0." + n + ",\"n\":" + n + "}', 'sobol', TIMESTAMP WITH TIME ZONE"
                            + " '2025-01-02 03:04:0" + n + "+00', TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:0" + n
                            + "+00', 0)");
                }
                long first = single(c, "SELECT id FROM trials WHERE trial_number = 1");
                c.createStatement().executeUpdate("INSERT INTO observations (trial_id, metric, mean, sem) VALUES ("
                        + first + ", 'y', 3.5, 0.25), (" + first + ", 'c', 1, NULL)");
                c.commit();
            }
        }
        try (DatabaseStorage storage = DatabaseStorage.open(url)) {
            assertEquals(CURRENT, storage.schemaVersion());
            List<Trial> trials = storage.trials("a");
            assertEquals(List.of(TrialState.COMPLETED, TrialState.RUNNING), trials.stream().map(Trial::state).toList());
            assertEquals(Map.of("y", new Observation(3.5, 0.25), "c", Observation.of(1)), trials.get(0).values());
            assertEquals(Map.of("x", 0.2, "n", 2L), trials.get(1).parameters());
            try (var lease = storage.acquireGenerationLease("a")) {   // free: taken without waiting for an expiry
                Trial t = storage.createTrial("a", TrialState.RUNNING, Map.of("x", 0.3, "n", 3L), Map.of(), "g", Map.of(),
                        "w");
                assertEquals(3, t.number());
            }
            assertEquals(3, storage.requeue("a", 2).number() - 1, "re-queued copy is trial 4");
            assertEquals(TrialState.ABANDONED, storage.trial("a", 2).orElseThrow().state());
            assertEquals(2L, storage.requeuedFrom("a", 4).orElseThrow());
        }
    }

    /**
     * A schema-4 database holding two single-objective studies (one with a trial, one empty) upgrades to schema 6: each
     * study gets its one objective row from its old columns, reads back unchanged and keeps working; a multi-objective
     * study created after the upgrade keeps its objectives and thresholds across a reopen, and deleting a study
     * removes its objective rows.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void version4DatabaseMovesItsObjectiveToTheObjectivesTable(Backend backend) throws Exception {
        String url = backend.freshUrl(dir);
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(url);
            if (backend == Backend.H2) {
                ds.setUsername("sa");
            }
            org.flywaydb.core.Flyway.configure().configuration(Database.flyway(ds).getConfiguration())
                    .target(MigrationVersion.fromVersion("4")).load().migrate();
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                for (String name : List.of("a", "b")) {
                    try (PreparedStatement st = c.prepareStatement("INSERT INTO studies (name, spec_json,"
                            + " objective_metric, objective_goal, seed, created, version, trial_count) VALUES (?, ?, 'y',"
                            + " 'MINIMIZE', 1, TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:05+00', 0, ?)")) {
                        st.setString(1, name);
                        st.setString(2, Json.write(StudySpecCodec.toMap(Backend.spec(name))));
                        st.setInt(3, name.equals("a") ? 1 : 0);
                        st.executeUpdate();
                    }
                }
                long a = single(c, "SELECT id FROM studies WHERE name = 'a'");
                c.createStatement().executeUpdate("INSERT INTO trials (study_id, trial_number, state, parameters_json,"
                        + " generator, created, updated, version) VALUES (" + a + ", 1, 'COMPLETED',"
                        + " '{\"x\":0.25,\"n\":2}', 'sobol', TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:06+00',"
                        + " TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:07+00', 1)");
                long first = single(c, "SELECT id FROM trials WHERE study_id = " + a);
                c.createStatement().executeUpdate("INSERT INTO observations (trial_id, metric, mean, sem) VALUES ("
                        + first + ", 'y', 0.5, NULL), (" + first + ", 'c', 3, 0.5)");
                c.commit();
            }
        }
        StudySpec mo = new StudySpec("mo", Backend.spec("mo").space(),
                List.of(new Objective("reward", Goal.MAXIMIZE, 0.3), Objective.minimize("divergence")),
                List.of(), GenerationSettings.defaults(), 5L);
        try (DatabaseStorage storage = DatabaseStorage.open(url)) {
            assertEquals(CURRENT, storage.schemaVersion());
            assertEquals(List.of("a:0:y:MINIMIZE:null", "b:0:y:MINIMIZE:null"), objectiveRows(storage));
            assertEquals(StudySpecCodec.toMap(Backend.spec("a")), StudySpecCodec.toMap(storage.loadStudy("a").orElseThrow()));
            Study study = Study.open("a", storage, GenerationStrategy.sobolOnly());
            assertEquals(Map.of("y", Observation.of(0.5), "c", new Observation(3, 0.5)),
                    study.trials().get(0).values());
            assertEquals(1, study.best().orElseThrow().number());
            assertEquals(2, study.ask().number(), "numbering continues");
            Study created = Study.create(mo, storage, GenerationStrategy.sobolOnly());
            created.addCompleted(Map.of("x", 0.5, "n", 3), Map.of("reward", 0.9, "divergence", 0.4));
            created.addCompleted(Map.of("x", 0.7, "n", 4), Map.of("reward", 0.5, "divergence", 0.1));
            storage.deleteStudy("b");
            assertEquals(List.of("a:0:y:MINIMIZE:null", "mo:0:reward:MAXIMIZE:0.3", "mo:1:divergence:MINIMIZE:null"),
                    objectiveRows(storage));
        }
        try (DatabaseStorage storage = DatabaseStorage.open(url)) {   // as after a restart
            Study again = Study.open("mo", storage, GenerationStrategy.sobolOnly());
            assertEquals(mo, again.spec());
            ParetoFront front = again.paretoFront();
            assertEquals(List.of(1L, 2L), front.trials().stream().map(Trial::number).toList());
            assertEquals(List.of(false, true), front.inferred());
            // reward from 0.3; divergence inferred: 0.4 + 0.1 · (0.4 − 0.1) = 0.43
            assertEquals(0.6 * (0.43 - 0.4) + 0.2 * (0.4 - 0.1), front.hypervolume(), 1e-12);
        }
    }

    /**
     * A multi-objective study stored by the version before explicit acquisitions were checked carries the then
     * default "qlognei" in its spec, and ran qlognehvi: it opens as "qlognehvi", what it uses, so it keeps generating
     * (a new study naming qlognei with several objectives is refused).
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aMultiObjectiveStudyStoredWithTheOldDefaultAcquisitionReadsAsQLogNehvi(Backend backend) throws Exception {
        String url = backend.freshUrl(dir);
        StudySpec mo = new StudySpec("mo-old", Backend.spec("mo-old").space(),
                List.of(Objective.maximize("reward"), Objective.minimize("divergence")), List.of(),
                new GenerationSettings(4, null, Map.of("mc_samples", 64)), 5L);
        assertEquals("qlognehvi", mo.generation().acquisition());
        try (DatabaseStorage storage = DatabaseStorage.open(url)) {
            Study.create(mo, storage, GenerationStrategy.sobolOnly());
            Map<String, Object> old = StudySpecCodec.toMap(mo);
            @SuppressWarnings("unchecked")
            Map<String, Object> generation = (Map<String, Object>) old.get("generation");
            generation.put("acquisition", "qlognei");
            try (Connection c = storage.dataSource().getConnection();
                 PreparedStatement st = c.prepareStatement("UPDATE studies SET spec_json = ? WHERE name = 'mo-old'")) {
                st.setString(1, Json.write(old));
                assertEquals(1, st.executeUpdate());
            }
        }
        try (DatabaseStorage storage = DatabaseStorage.open(url)) {
            assertEquals(mo, storage.loadStudy("mo-old").orElseThrow());
        }
    }

    /** "study:index:metric:goal:threshold" for every row of study_objectives, by study name and index. */
    private static List<String> objectiveRows(DatabaseStorage storage) throws Exception {
        List<String> rows = new java.util.ArrayList<>();
        try (Connection c = storage.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT s.name, o.objective_index, o.metric, o.goal, o.threshold FROM study_objectives o"
                        + " JOIN studies s ON s.id = o.study_id ORDER BY s.name, o.objective_index")) {
            while (rs.next()) {
                Object t = rs.getObject(5);
                rows.add(rs.getString(1) + ":" + rs.getInt(2) + ":" + rs.getString(3) + ":" + rs.getString(4) + ":"
                        + (t == null ? "null" : String.valueOf(((Number) t).doubleValue())));
            }
        }
        return rows;
    }

    private static long single(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

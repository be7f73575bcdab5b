package dev.sextant.store.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link StoreBenchmark} on a fresh H2 file and on an embedded PostgreSQL 17 server (zonky, test classpath), so
 * the numbers need nothing installed. Extra arguments go to StoreBenchmark (e.g. --trials 10000 --clients 1,16).
 */
public final class BenchmarkWithEmbeddedPostgres {
    private BenchmarkWithEmbeddedPostgres() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("sextant-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            List<String> all = new ArrayList<>(List.of(args));
            all.add("jdbc:h2:file:" + dir.resolve("bench") + ";AUTO_SERVER=TRUE");
            all.add("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres");
            StoreBenchmark.main(all.toArray(String[]::new));
        }
    }
}

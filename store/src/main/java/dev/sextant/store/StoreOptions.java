package dev.sextant.store;

import java.util.Objects;

/**
 * How to open a {@link DatabaseStorage}.
 *
 * @param url          JDBC URL, {@code jdbc:h2:...} or {@code jdbc:postgresql:...}
 * @param user         database user, or null (H2 default "sa"; PostgreSQL: taken from the URL or the driver defaults)
 * @param password     password, or null
 * @param maxPoolSize  upper bound of pooled connections in this process, at least 1
 * @param migrate      whether to run pending Flyway migrations on open (false: the schema must already be current)
 * @param generationLease how long a study's generation lease lasts without renewal (at least 1 s): the holder renews
 *                     it every third of this while generating, so this bounds how long a dead holder blocks generation
 */
public record StoreOptions(String url, String user, String password, int maxPoolSize, boolean migrate,
                           java.time.Duration generationLease) {
    /** Default pool size: enough for a worker with a handful of threads plus a heartbeat thread. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** Default {@link #generationLease}: a dead generating worker blocks the others for at most this long. */
    public static final java.time.Duration DEFAULT_GENERATION_LEASE = java.time.Duration.ofSeconds(30);

    public StoreOptions {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("unsupported database URL '" + url
                    + "': use jdbc:h2:file:<path> (embedded) or jdbc:postgresql://host/db");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, got " + maxPoolSize);
        }
        Objects.requireNonNull(generationLease, "generationLease");
        if (generationLease.compareTo(java.time.Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the generation lease must last at least 1 s, got " + generationLease);
        }
    }

    /** Defaults for a URL: no credentials, {@link #DEFAULT_POOL_SIZE} connections, migrate on open. */
    public static StoreOptions of(String url) {
        return new StoreOptions(url, null, null, DEFAULT_POOL_SIZE, true, DEFAULT_GENERATION_LEASE);
    }

    public StoreOptions withCredentials(String user, String password) {
        return new StoreOptions(url, user, password, maxPoolSize, migrate, generationLease);
    }

    public StoreOptions withMaxPoolSize(int size) {
        return new StoreOptions(url, user, password, size, migrate, generationLease);
    }

    public StoreOptions withMigrate(boolean migrateOnOpen) {
        return new StoreOptions(url, user, password, maxPoolSize, migrateOnOpen, generationLease);
    }

    public StoreOptions withGenerationLease(java.time.Duration lease) {
        return new StoreOptions(url, user, password, maxPoolSize, migrate, lease);
    }

    /**
     * The URL handed to the driver. An H2 file URL that says nothing about AUTO_SERVER (or FILE_LOCK) gets
     * {@code ;AUTO_SERVER=TRUE}, so that several processes (a campaign, its workers, the web server) can share the
     * file; and {@code ;WRITE_DELAY=0}, so that a commit reaches the file before the call returns (by default H2
     * writes commits up to half a second later, and a killed process would lose the results told in that time).
     * (H2 refuses DB_CLOSE_ON_EXIT=FALSE together with AUTO_SERVER, so H2 closes the database from its own
     * shutdown hook; the {@code sextant} commands therefore handle SIGINT/SIGTERM themselves and let the JVM shut down
     * only after the campaign has stopped and the store is closed.) Other URLs are used as given. The AUTO_SERVER listener binds to the loopback interface only (see
     * {@link #bindH2ToLoopback}).
     */
    public String driverUrl() {
        String out = url;
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        if (url.startsWith("jdbc:h2:file:") && !upper.contains(";AUTO_SERVER=") && !upper.contains(";FILE_LOCK=")) {
            out += ";AUTO_SERVER=TRUE";
        }
        if (url.startsWith("jdbc:h2:file:") && !upper.contains(";WRITE_DELAY=")) {
            out += ";WRITE_DELAY=0";
        }
        return out;
    }

    /**
     * Makes H2's automatic-mixed-mode server (AUTO_SERVER) listen on 127.0.0.1 only, unless the {@code h2.bindAddress}
     * system property is already set: the processes sharing an H2 file are on one machine, so nothing else needs to
     * reach it. Called before the first H2 connection of this JVM.
     */
    static void bindH2ToLoopback() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    @Override
    public String toString() {   // never print the password
        return "StoreOptions[url=" + url + ", user=" + user + ", maxPoolSize=" + maxPoolSize + ", migrate=" + migrate + ", generationLease="
                + generationLease + "]";
    }
}

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
     * The URL handed to the driver: an H2 file URL that says nothing about AUTO_SERVER (or FILE_LOCK) gets
     * {@code ;AUTO_SERVER=TRUE}, so that several processes (a campaign, its workers, the web server) can share the
     * file; every other URL is used as given.
     */
    public String driverUrl() {
        if (url.startsWith("jdbc:h2:file:")) {
            String upper = url.toUpperCase(java.util.Locale.ROOT);
            if (!upper.contains(";AUTO_SERVER=") && !upper.contains(";FILE_LOCK=")) {
                return url + ";AUTO_SERVER=TRUE";
            }
        }
        return url;
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

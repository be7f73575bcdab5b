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
 */
public record StoreOptions(String url, String user, String password, int maxPoolSize, boolean migrate) {
    /** Default pool size: enough for a worker with a handful of threads plus a heartbeat thread. */
    public static final int DEFAULT_POOL_SIZE = 10;

    public StoreOptions {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("unsupported database URL '" + url
                    + "': use jdbc:h2:file:<path> (embedded) or jdbc:postgresql://host/db");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, got " + maxPoolSize);
        }
    }

    /** Defaults for a URL: no credentials, {@link #DEFAULT_POOL_SIZE} connections, migrate on open. */
    public static StoreOptions of(String url) {
        return new StoreOptions(url, null, null, DEFAULT_POOL_SIZE, true);
    }

    public StoreOptions withCredentials(String user, String password) {
        return new StoreOptions(url, user, password, maxPoolSize, migrate);
    }

    public StoreOptions withMaxPoolSize(int size) {
        return new StoreOptions(url, user, password, size, migrate);
    }

    public StoreOptions withMigrate(boolean migrateOnOpen) {
        return new StoreOptions(url, user, password, maxPoolSize, migrateOnOpen);
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
        return "StoreOptions[url=" + url + ", user=" + user + ", maxPoolSize=" + maxPoolSize + ", migrate=" + migrate + "]";
    }
}

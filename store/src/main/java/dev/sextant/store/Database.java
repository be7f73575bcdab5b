package dev.sextant.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sextant.store.entity.StudyEntity;
import dev.sextant.store.entity.TrialEntity;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * The plumbing under {@link DatabaseStorage}: a HikariCP pool, Flyway migrations (classpath:db/migration) and a
 * Hibernate SessionFactory that borrows connections from the pool. Thread-safe.
 */
final class Database implements AutoCloseable {
    /** Flyway's history table; its rows are the schema version record. */
    static final String HISTORY_TABLE = "schema_version";

    final StoreOptions options;
    final HikariDataSource dataSource;
    final SessionFactory sessions;

    private Database(StoreOptions options, HikariDataSource dataSource, SessionFactory sessions) {
        this.options = options;
        this.dataSource = dataSource;
        this.sessions = sessions;
    }

    static Database open(StoreOptions options) {
        if (options.isH2()) {
            StoreOptions.bindH2ToLoopback();
            H2Files.prepareFolder(options.url());
        }
        HikariDataSource ds = options.isH2() ? openH2Pool(options) : pool(options);
        try {
            if (options.migrate()) {
                migrate(ds);
            }
            if (options.isH2()) {
                H2Files.restrict(options.url());
            }
            return new Database(options, ds, sessionFactory(ds, options));
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** How long processes that open one H2 file at the same moment retry while the first one sets up its lock. */
    static final long H2_OPEN_RETRY_MILLIS = 30_000;

    /**
     * The pool of an H2 file store. Processes that open the same file at the same moment race for its lock file: the
     * losers get "Lock file recently modified" (8000) or "Database may be already in use" (90020) until the winner
     * has written its AUTO_SERVER address; they retry with a short random back-off for up to
     * {@value #H2_OPEN_RETRY_MILLIS} ms and then connect through the winner's server.
     */
    private static HikariDataSource openH2Pool(StoreOptions options) {
        long deadline = System.nanoTime() + H2_OPEN_RETRY_MILLIS * 1_000_000L;
        while (true) {
            try {
                return pool(options);
            } catch (RuntimeException e) {
                if (!lockRace(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(100 + java.util.concurrent.ThreadLocalRandom.current().nextInt(300));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Whether an exception comes from H2's lock-file race between processes opening one file. */
    private static boolean lockRace(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLException sql && (sql.getErrorCode() == 8000 || sql.getErrorCode() == 90020)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Applies pending migrations. Several processes may open a fresh database at once: PostgreSQL serialises them
     * with an advisory lock; on H2 a loser can fail while the winner migrates, so a failure is retried after the
     * winner is done (the retry then finds the schema current).
     */
    private static void migrate(HikariDataSource ds) {
        for (int attempt = 1; ; attempt++) {
            try {
                flyway(ds).migrate();
                return;
            } catch (org.flywaydb.core.api.FlywayException e) {
                if (attempt >= 5) {
                    throw e;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The Flyway instance this store uses (history table {@value #HISTORY_TABLE}). */
    static Flyway flyway(javax.sql.DataSource ds) {
        return Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(false)
                .load();
    }

    private static HikariDataSource pool(StoreOptions o) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(o.driverUrl());
        if (o.user() != null) {
            c.setUsername(o.user());
        } else if (o.isH2()) {
            c.setUsername("sa");
        }
        if (o.password() != null) {
            c.setPassword(o.password());
        }
        c.setMaximumPoolSize(o.maxPoolSize());
        c.setMinimumIdle(Math.min(2, o.maxPoolSize()));
        c.setPoolName("sextant-store");
        c.setAutoCommit(false);
        c.setConnectionTimeout(30_000);
        c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (o.isH2()) {
            // H2 waits only 1 s for a row lock by default; many workers on one study need longer.
            c.setConnectionInitSql("SET LOCK_TIMEOUT 10000");
        }
        return new HikariDataSource(c);
    }

    private static SessionFactory sessionFactory(HikariDataSource ds, StoreOptions o) {
        Configuration cfg = new Configuration()
                .addAnnotatedClass(StudyEntity.class)
                .addAnnotatedClass(TrialEntity.class);
        cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds);
        cfg.setProperty(AvailableSettings.HBM2DDL_AUTO, "none");   // Flyway owns the schema
        // The dialect follows from the URL, so booting needs no connection: an H2 file whose serving process is just
        // handing over (AUTO_SERVER) must not make open() fail on a metadata query.
        String product = o.url().startsWith("jdbc:postgresql:") ? "PostgreSQL"
                : o.url().startsWith("jdbc:h2:") ? "H2" : null;
        if (product != null) {
            cfg.setProperty(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, product);
            cfg.setProperty(AvailableSettings.ALLOW_METADATA_ON_BOOT, "false");
        }
        cfg.setProperty(AvailableSettings.SHOW_SQL, "false");
        cfg.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "32");
        cfg.setProperty(AvailableSettings.ORDER_INSERTS, "true");
        cfg.setProperty(AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, "true");
        cfg.setProperty(AvailableSettings.JDBC_TIME_ZONE, "UTC");
        return cfg.buildSessionFactory();
    }

    @Override
    public void close() {
        try {
            sessions.close();
        } finally {
            dataSource.close();
        }
    }
}

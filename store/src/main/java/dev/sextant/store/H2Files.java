package dev.sextant.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an H2 file store private to its user on POSIX file systems: the folder the store creates is 0700, the
 * database file and the lock file (which holds the AUTO_SERVER port and key) are 0600. Elsewhere (Windows) nothing
 * changes. Failures are logged, never fatal.
 */
final class H2Files {
    private static final Logger LOG = LoggerFactory.getLogger(H2Files.class);

    private H2Files() {
    }

    /** The base path of a {@code jdbc:h2:file:} URL (without the .mv.db suffix), or null for other H2 URLs. */
    static Path base(String url) {
        if (!url.startsWith("jdbc:h2:file:")) {
            return null;
        }
        String rest = url.substring("jdbc:h2:file:".length());
        int semi = rest.indexOf(';');
        String path = semi < 0 ? rest : rest.substring(0, semi);
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Path.of(path).toAbsolutePath();
    }

    /** Creates the store's folder, readable only by this user, when it does not exist yet. */
    static void prepareFolder(String url) {
        Path base = base(url);
        if (base == null || base.getParent() == null || Files.exists(base.getParent())) {
            return;
        }
        try {
            Files.createDirectories(base.getParent());
            if (posix(base.getParent())) {
                Files.setPosixFilePermissions(base.getParent(), PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("could not create {} readable by its owner only: {}", base.getParent(), e.toString());
        }
    }

    /** Makes the database and lock files readable and writable by this user only. */
    static void restrict(String url) {
        Path base = base(url);
        if (base == null) {
            return;
        }
        for (String suffix : new String[] {".mv.db", ".lock.db", ".trace.db"}) {
            Path f = Path.of(base + suffix);
            try {
                if (Files.exists(f) && posix(f)) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
                }
            } catch (IOException | UnsupportedOperationException e) {
                LOG.warn("could not make {} private (0600): {}", f, e.toString());
            }
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}

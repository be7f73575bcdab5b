package dev.sextant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An H2 file store is private to its user: folder 0700, files 0600, AUTO_SERVER listening on loopback only. */
class H2PrivacyTest {
    @TempDir Path dir;

    @Test
    void filesArePrivateAndTheListenerIsOnLoopback() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "not a POSIX file system: file modes are not checked");
        Path folder = dir.resolve("data");
        String url = "jdbc:h2:file:" + folder.resolve("store");
        try (DatabaseStorage storage = DatabaseStorage.open(url)) {
            storage.createStudy(Backend.spec("s"));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
            for (String f : List.of("store.mv.db", "store.lock.db")) {
                Path p = folder.resolve(f);
                assertTrue(Files.exists(p), f + " exists");
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), f);
            }
            // the lock file names the AUTO_SERVER address other processes connect to: loopback, not a public one
            Properties lock = new Properties();
            try (var in = Files.newInputStream(folder.resolve("store.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            assertTrue(server != null, "AUTO_SERVER wrote its address: " + lock);
            String host = server.substring(0, server.lastIndexOf(':'));
            assertTrue(InetAddress.getByName(host).isLoopbackAddress(), "listener on " + server);
        }
    }
}

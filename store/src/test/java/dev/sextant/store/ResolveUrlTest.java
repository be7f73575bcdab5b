package dev.sextant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolveUrlTest {
    @Test
    void commandLineThenEnvironmentThenDefault() {
        Map<String, String> env = Map.of("SEXTANT_DB", "jdbc:postgresql://db/env");
        assertEquals("jdbc:postgresql://db/cli", DatabaseStorage.resolveUrl(" jdbc:postgresql://db/cli ", env));
        assertEquals("jdbc:postgresql://db/env", DatabaseStorage.resolveUrl(null, env));
        assertEquals("jdbc:postgresql://db/env", DatabaseStorage.resolveUrl("  ", env));
        Map<String, String> home = Map.of("SEXTANT_HOME", "/srv/sx");
        assertEquals("jdbc:h2:file:/srv/sx/sextant;AUTO_SERVER=TRUE", DatabaseStorage.resolveUrl(null, home));
        assertEquals("jdbc:h2:file:/srv/sx/sextant;AUTO_SERVER=TRUE",
                DatabaseStorage.resolveUrl("", Map.of("SEXTANT_DB", "", "SEXTANT_HOME", "/srv/sx")));
    }

    @Test
    void theDefaultStoreIsOnePerUserNotPerFolder() {
        assertEquals(Path.of("/home/ada/.sextant"), DatabaseStorage.home(Map.of(), "/home/ada"));
        assertEquals(Path.of("/home/ada/.sextant"), DatabaseStorage.home(Map.of("SEXTANT_HOME", " "), "/home/ada"));
        assertEquals(Path.of("/data/sx"), DatabaseStorage.home(Map.of("SEXTANT_HOME", "/data/sx/"), "/home/ada"));
        // a relative SEXTANT_HOME is fixed once, against the folder of the process that reads it
        assertTrue(DatabaseStorage.home(Map.of("SEXTANT_HOME", "rel"), "/home/ada").isAbsolute());
        assertEquals("jdbc:h2:file:/home/ada/.sextant/sextant;AUTO_SERVER=TRUE",
                DatabaseStorage.defaultUrl(Path.of("/home/ada/.sextant")));
    }

    @Test
    void h2FileUrlsAreSharedBetweenProcessesUnlessTheySayOtherwise() {
        assertEquals("jdbc:h2:file:./d/s;AUTO_SERVER=TRUE;WRITE_DELAY=0", StoreOptions.of("jdbc:h2:file:./d/s").driverUrl());
        assertEquals("jdbc:h2:file:./d/s;auto_server=false;WRITE_DELAY=0",
                StoreOptions.of("jdbc:h2:file:./d/s;auto_server=false").driverUrl());
        assertEquals("jdbc:h2:file:./d/s;FILE_LOCK=NO;WRITE_DELAY=0", StoreOptions.of("jdbc:h2:file:./d/s;FILE_LOCK=NO").driverUrl());
        assertEquals("jdbc:h2:file:./d/s;WRITE_DELAY=500;AUTO_SERVER=TRUE",
                StoreOptions.of("jdbc:h2:file:./d/s;WRITE_DELAY=500;AUTO_SERVER=TRUE").driverUrl());
        assertEquals("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", StoreOptions.of("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1").driverUrl());
        String byDefault = DatabaseStorage.defaultUrl(Path.of("/home/ada/.sextant"));
        assertEquals(byDefault + ";WRITE_DELAY=0", StoreOptions.of(byDefault).driverUrl());
        assertEquals("jdbc:postgresql://h/db", StoreOptions.of("jdbc:postgresql://h/db").driverUrl());
    }

    @Test
    void unsupportedUrlsAreRefusedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreOptions.of("jdbc:mysql://x/y"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("jdbc:postgresql"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StoreOptions.of("jdbc:h2:mem:x").withMaxPoolSize(0));
    }
}

package dev.sextant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolveUrlTest {
    @Test
    void commandLineThenEnvironmentThenDefault() {
        Map<String, String> env = Map.of("SEXTANT_DB", "jdbc:postgresql://db/env");
        assertEquals("jdbc:postgresql://db/cli", DatabaseStorage.resolveUrl(" jdbc:postgresql://db/cli ", env));
        assertEquals("jdbc:postgresql://db/env", DatabaseStorage.resolveUrl(null, env));
        assertEquals("jdbc:postgresql://db/env", DatabaseStorage.resolveUrl("  ", env));
        assertEquals(DatabaseStorage.DEFAULT_URL, DatabaseStorage.resolveUrl(null, Map.of()));
        assertEquals(DatabaseStorage.DEFAULT_URL, DatabaseStorage.resolveUrl("", Map.of("SEXTANT_DB", "")));
        assertEquals("jdbc:h2:file:./sextant-data/sextant;AUTO_SERVER=TRUE", DatabaseStorage.DEFAULT_URL);
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
        assertEquals(DatabaseStorage.DEFAULT_URL + ";WRITE_DELAY=0", StoreOptions.of(DatabaseStorage.DEFAULT_URL).driverUrl());
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

package dev.sextant.store;

import dev.sextant.core.study.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on DatabaseStorage over an H2 file (a new file per test). */
class H2StorageContractTest extends DatabaseStorageContractTest {
    @TempDir Path dir;

    @Override
    protected Storage newStorage() {
        return DatabaseStorage.open(Backend.H2.freshUrl(dir));
    }
}

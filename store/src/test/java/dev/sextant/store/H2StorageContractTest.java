package dev.sextant.store;

import dev.sextant.core.study.Storage;
import dev.sextant.core.study.StorageContractTest;
import dev.sextant.core.study.StudySpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The bo-core storage contract on DatabaseStorage over an H2 file (a new file per test). */
class H2StorageContractTest extends StorageContractTest {
    @TempDir Path dir;

    @Override
    protected Storage newStorage() {
        return DatabaseStorage.open(Backend.H2.freshUrl(dir));
    }

    /** Beyond the contract: the spec read back by another handle (JSON round trip, no cache) equals the original. */
    @Test
    void specLoadsBackEqualInAnotherProcessHandle() {
        StudySpec spec = spec("beta");
        storage.createStudy(spec);
        try (DatabaseStorage other = DatabaseStorage.open(((DatabaseStorage) storage).options())) {
            org.junit.jupiter.api.Assertions.assertEquals(Optional.of(spec), other.loadStudy("beta"));
        }
    }
}

package dev.sextant.store;

import dev.sextant.core.study.Storage;
import dev.sextant.core.study.StorageContractTest;
import dev.sextant.core.study.StudySpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bo-core storage contract on DatabaseStorage over a real PostgreSQL 17 server (a new database per test). */
class PostgresStorageContractTest extends StorageContractTest {
    @Override
    protected Storage newStorage() {
        return DatabaseStorage.open(Backend.POSTGRES.freshUrl(null));
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

package dev.sextant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sextant.core.study.StorageContractTest;
import dev.sextant.core.study.StudySpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bo-core storage contract on DatabaseStorage, plus what only a database adds; one subclass per backend. */
abstract class DatabaseStorageContractTest extends StorageContractTest {

    /** Beyond the contract: the spec read back by another handle (JSON round trip, no cache) equals the original. */
    @Test
    void specLoadsBackEqualInAnotherProcessHandle() {
        StudySpec spec = spec("beta");
        storage.createStudy(spec);
        try (DatabaseStorage other = DatabaseStorage.open(((DatabaseStorage) storage).options())) {
            assertEquals(Optional.of(spec), other.loadStudy("beta"));
        }
    }
}

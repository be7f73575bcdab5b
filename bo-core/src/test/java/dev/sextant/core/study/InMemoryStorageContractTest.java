package dev.sextant.core.study;

/** Runs the storage contract against {@link InMemoryStorage}. */
class InMemoryStorageContractTest extends StorageContractTest {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

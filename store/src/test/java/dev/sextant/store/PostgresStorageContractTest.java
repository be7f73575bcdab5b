package dev.sextant.store;

import dev.sextant.core.study.Storage;

/** The storage contract on DatabaseStorage over a real PostgreSQL 17 server (a new database per test). */
class PostgresStorageContractTest extends DatabaseStorageContractTest {
    @Override
    protected Storage newStorage() {
        return DatabaseStorage.open(Backend.POSTGRES.freshUrl(null));
    }
}

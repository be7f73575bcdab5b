/**
 * Trial history persisted with Hibernate ORM on H2 (embedded default) or PostgreSQL. Start from
 * {@link dev.sextant.store.DatabaseStorage}: {@code DatabaseStorage.open(DatabaseStorage.resolveUrl(cliValue))} gives a
 * bo-core {@code Storage} that a {@code Study} uses unchanged and that many worker processes can share. Without a
 * URL the store is the user's one H2 file in {@code ~/.sextant/} ({@code $SEXTANT_HOME} moves it). Worker
 * liveness: {@link dev.sextant.store.Heartbeats} and {@link dev.sextant.store.DatabaseStorage#reapStale}. The schema is
 * created and upgraded by Flyway (classpath {@code db/migration}, history table {@code schema_version}); entities are
 * in {@code dev.sextant.store.entity}. Trials are numbered 1, 2, 3 ... per study (schema 3, column
 * {@code trials.trial_number}, counter {@code studies.trial_count}); the row id {@code trials.id} is internal.
 * Generation is serialised across processes by a lease on the study row (schema 4, columns
 * {@code studies.generation_holder} and {@code generation_expires}; see {@link dev.sextant.store.GenerationLeases}
 * and {@link dev.sextant.store.DatabaseStorage#acquireGenerationLease}); askers that find it held announce how many
 * trials they wait for (schema 5, table {@code generation_waiters}), and the holder queues those as CANDIDATE trials
 * ({@link dev.sextant.store.DatabaseStorage#tryAcquireGenerationLease}; a worker that has not generated yet announces
 * without taking a free lease, {@link dev.sextant.store.DatabaseStorage#announceWaiting}). A study's objectives, one or several, are
 * rows of {@code study_objectives} (schema 6; the spec JSON stays the source of truth). H2 file stores are private to their user
 * (folder 0700, files 0600) and their AUTO_SERVER listener binds to 127.0.0.1. The benchmark is
 * {@code dev.sextant.store.bench.StoreBenchmark}.
 */
package dev.sextant.store;

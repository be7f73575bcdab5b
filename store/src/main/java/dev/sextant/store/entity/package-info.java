/**
 * Hibernate entities of the trial store: {@link dev.sextant.store.entity.StudyEntity} (one row per study, the spec as
 * JSON, its objectives as {@link dev.sextant.store.entity.ObjectiveColumns} rows), {@link dev.sextant.store.entity.TrialEntity} (one row per trial, optimistic locking through its version) with
 * its observations (one row per metric) and generation record, and the user attributes of both. The schema itself is
 * owned by the Flyway migrations under {@code db/migration}; these classes only map it. Mutable, not thread-safe:
 * each instance belongs to one Hibernate session.
 */
package dev.sextant.store.entity;

/**
 * The ask/tell {@link dev.sextant.core.study.Study}, its {@link dev.sextant.core.study.StudySpec} (objective, outcome
 * constraints, generation settings; map form via {@link dev.sextant.core.study.StudySpecCodec}) and the
 * {@link dev.sextant.core.study.Storage} SPI with {@link dev.sextant.core.study.InMemoryStorage}. Storage implementations
 * reuse the abstract {@code StorageContractTest} of the bo-core test-jar.
 */
package dev.sextant.core.study;

/**
 * The ask/tell {@link dev.sextant.core.study.Study}, its {@link dev.sextant.core.study.StudySpec} (one or several
 * objectives, outcome constraints, generation settings; map form via {@link dev.sextant.core.study.StudySpecCodec}) and the
 * {@link dev.sextant.core.study.Storage} SPI with {@link dev.sextant.core.study.InMemoryStorage}. Storage implementations
 * reuse the abstract {@code StorageContractTest} of the bo-core test-jar. {@link dev.sextant.core.study.Study#create}
 * validates the generation settings through the installed strategy providers
 * ({@link dev.sextant.core.study.InvalidGenerationOptionException}); a stored study whose settings are not valid fails
 * to generate with {@link dev.sextant.core.study.InvalidStoredSettingsException}.
 * A storage shared between processes serialises generation with a {@link dev.sextant.core.study.GenerationLease};
 * {@link dev.sextant.core.study.Study#askWithin} claims trials within a budget under it; its holder also generates
 * the trials other workers announce they wait for ({@link dev.sextant.core.study.Storage#announceWaiting}) and, when
 * generation is not negligible next to an evaluation, one queued trial ahead per evaluation running elsewhere, which a
 * one-trial ask claims without the lease.
 * A single-objective study has a {@link dev.sextant.core.study.Study#best()} trial; a multi-objective one has a
 * {@link dev.sextant.core.study.ParetoFront} ({@link dev.sextant.core.study.Study#paretoFront()}: the front's trials,
 * the reference point and the hypervolume, computed with {@code dev.sextant.core.pareto}), and operations that need
 * one objective throw {@link dev.sextant.core.study.MultiObjectiveException} naming what to use instead.
 */
package dev.sextant.core.study;

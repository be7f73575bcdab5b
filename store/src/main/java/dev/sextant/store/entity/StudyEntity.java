package dev.sextant.store.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.OptimisticLock;

/**
 * A study: its unique name, the full StudySpec as JSON (StudySpecCodec map form) and a few queryable columns (its
 * objectives, one row each in {@code study_objectives}). The
 * column {@code trial_count} (the last trial number handed out, schema 3) is not mapped: DatabaseStorage increments
 * it with native SQL in the transaction that creates a trial, so Hibernate never writes a stale value back.
 */
@Entity
@Table(name = "studies")
public class StudyEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, unique = true, updatable = false)
    private String name;

    /** StudySpecCodec.toMap(spec) as JSON. */
    @Column(name = "spec_json", nullable = false)
    private String specJson;

    /** The objectives in the spec's order (schema 6; duplicated from the spec for queries). */
    @ElementCollection
    @CollectionTable(name = "study_objectives", joinColumns = @JoinColumn(name = "study_id"))
    @OrderColumn(name = "objective_index")
    @OptimisticLock(excluded = true)
    private List<ObjectiveColumns> objectives = new ArrayList<>();

    /** The generation settings part of the spec as JSON (duplicated for queries). */
    @Column(name = "generation_json")
    private String generationJson;

    @Column(name = "seed", nullable = false)
    private long seed;

    @Column(name = "created", nullable = false, updatable = false)
    private Instant created;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    /** User notes/attributes (schema 2). Changing them does not bump the version. */
    @ElementCollection
    @CollectionTable(name = "study_attributes", joinColumns = @JoinColumn(name = "study_id"))
    @MapKeyColumn(name = "attr_key")
    @Column(name = "attr_value", nullable = false)
    @OptimisticLock(excluded = true)
    private Map<String, String> attributes = new HashMap<>();

    protected StudyEntity() {
    }

    public StudyEntity(String name, String specJson, List<ObjectiveColumns> objectives,
                       String generationJson, long seed, Instant created) {
        this.name = name;
        this.specJson = specJson;
        this.objectives = new ArrayList<>(objectives);
        this.generationJson = generationJson;
        this.seed = seed;
        this.created = created;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public String getSpecJson() { return specJson; }
    /** The objectives in order (live list). */
    public List<ObjectiveColumns> getObjectives() { return objectives; }
    public String getGenerationJson() { return generationJson; }
    public long getSeed() { return seed; }
    public Instant getCreated() { return created; }
    public long getVersion() { return version; }
    /** Live, mutable map (changes are persisted when the session flushes). */
    public Map<String, String> getAttributes() { return attributes; }
}

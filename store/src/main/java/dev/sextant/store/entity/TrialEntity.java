package dev.sextant.store.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.OptimisticLock;

/**
 * A trial row. {@code id} is the internal row id (unique in the database, referenced by observations and
 * attributes); {@code number} is the trial's number within its study, the one users see. {@code version} gives optimistic locking: two sessions that both move the same trial out of a state
 * cannot both commit. State is the name of a bo-core {@code TrialState}. Heartbeat updates are bulk updates that do
 * not bump the version (see DatabaseStorage).
 */
@Entity
@Table(name = "trials")
@DynamicUpdate
public class TrialEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "study_id", nullable = false, updatable = false)
    private StudyEntity study;

    /** The trial's number within its study (schema 3): 1, 2, 3 ... in creation order; what users see. */
    @Column(name = "trial_number", nullable = false, updatable = false)
    private long number;

    @Column(name = "state", nullable = false)
    private String state;

    @Column(name = "parameters_json", nullable = false)
    private String parametersJson;

    @Embedded
    private GenerationRecord generation;

    @Column(name = "created", nullable = false, updatable = false)
    private Instant created;

    @Column(name = "updated", nullable = false)
    private Instant updated;

    @Column(name = "finished")
    private Instant finished;

    @Column(name = "worker")
    private String worker;

    @Column(name = "heartbeat")
    private Instant heartbeat;

    @Column(name = "failure_reason")
    private String failureReason;

    /** Row id (not number) of the abandoned trial this candidate re-queues (schema 2), else null. */
    @Column(name = "requeued_from")
    private Long requeuedFrom;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    /** One row per metric in {@code observations}. */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "observations", joinColumns = @JoinColumn(name = "trial_id"))
    @MapKeyColumn(name = "metric")
    private Map<String, ObservationValue> observations = new HashMap<>();

    /** User notes/attributes (schema 2). Changing them does not bump the version. */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "trial_attributes", joinColumns = @JoinColumn(name = "trial_id"))
    @MapKeyColumn(name = "attr_key")
    @Column(name = "attr_value", nullable = false)
    @OptimisticLock(excluded = true)
    private Map<String, String> attributes = new HashMap<>();

    protected TrialEntity() {
    }

    public TrialEntity(StudyEntity study, long number, String state, String parametersJson, GenerationRecord generation,
                       Instant created, String worker, Instant heartbeat) {
        this.study = study;
        this.number = number;
        this.state = state;
        this.parametersJson = parametersJson;
        this.generation = generation;
        this.created = created;
        this.updated = created;
        this.worker = worker;
        this.heartbeat = heartbeat;
    }

    public Long getId() { return id; }
    public StudyEntity getStudy() { return study; }
    public long getNumber() { return number; }
    public String getState() { return state; }
    public String getParametersJson() { return parametersJson; }
    public GenerationRecord getGeneration() { return generation; }
    public Instant getCreated() { return created; }
    public Instant getUpdated() { return updated; }
    public Instant getFinished() { return finished; }
    public String getWorker() { return worker; }
    public Instant getHeartbeat() { return heartbeat; }
    public String getFailureReason() { return failureReason; }
    public Long getRequeuedFrom() { return requeuedFrom; }
    public long getVersion() { return version; }
    /** Live, mutable map (metric -> observation). */
    public Map<String, ObservationValue> getObservations() { return observations; }
    /** Live, mutable map of user attributes. */
    public Map<String, String> getAttributes() { return attributes; }

    public void setState(String state) { this.state = state; }
    public void setUpdated(Instant updated) { this.updated = updated; }
    public void setFinished(Instant finished) { this.finished = finished; }
    public void setWorker(String worker) { this.worker = worker; }
    public void setHeartbeat(Instant heartbeat) { this.heartbeat = heartbeat; }
    public void setFailureReason(String failureReason) { this.failureReason = failureReason; }
    public void setRequeuedFrom(Long requeuedFrom) { this.requeuedFrom = requeuedFrom; }
}

-- Schema 2: user notes/attributes on studies and trials, requeue lineage, and an index for the heartbeat reaper.

CREATE TABLE study_attributes (
    study_id   BIGINT       NOT NULL,
    attr_key   VARCHAR(255) NOT NULL,
    attr_value VARCHAR      NOT NULL,
    CONSTRAINT pk_study_attributes PRIMARY KEY (study_id, attr_key),
    CONSTRAINT fk_study_attributes_study FOREIGN KEY (study_id) REFERENCES studies (id)
);

CREATE TABLE trial_attributes (
    trial_id   BIGINT       NOT NULL,
    attr_key   VARCHAR(255) NOT NULL,
    attr_value VARCHAR      NOT NULL,
    CONSTRAINT pk_trial_attributes PRIMARY KEY (trial_id, attr_key),
    CONSTRAINT fk_trial_attributes_trial FOREIGN KEY (trial_id) REFERENCES trials (id)
);

ALTER TABLE trials ADD COLUMN requeued_from BIGINT;

CREATE INDEX ix_trials_heartbeat ON trials (study_id, state, heartbeat);

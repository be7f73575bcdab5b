-- Schema 5: who waits for the generation lease. A worker that finds a study's lease held writes one row saying how
-- many trials it waits for (and renews it every second while it waits; a row past its expiry, epoch milliseconds on
-- the writer's clock, is ignored). The lease holder reads the sum and generates those trials too, queued as CANDIDATE
-- trials that the waiters claim without generating. A waiter deletes its row when it has its trials.

CREATE TABLE generation_waiters (
    study_id BIGINT       NOT NULL,
    asker    VARCHAR(255) NOT NULL,
    slots    INT          NOT NULL,
    expires  BIGINT       NOT NULL,
    CONSTRAINT pk_generation_waiters PRIMARY KEY (study_id, asker),
    CONSTRAINT fk_generation_waiters_study FOREIGN KEY (study_id) REFERENCES studies (id)
);

-- Schema 3: trials are numbered 1, 2, 3 ... within their study (the number users see; trials.id stays internal).
-- studies.trial_count is the last number handed out: a new trial increments it in the same transaction that
-- inserts the trial, so the study row's lock serialises numbering across processes.
-- Existing trials are numbered in creation order (their id order within the study). MERGE runs on H2 2.x and
-- PostgreSQL 15+.

ALTER TABLE trials ADD COLUMN trial_number BIGINT;

MERGE INTO trials USING (
    SELECT id, ROW_NUMBER() OVER (PARTITION BY study_id ORDER BY id) AS n FROM trials
) numbered ON trials.id = numbered.id
WHEN MATCHED THEN UPDATE SET trial_number = numbered.n;

ALTER TABLE trials ALTER COLUMN trial_number SET NOT NULL;
ALTER TABLE trials ADD CONSTRAINT uk_trials_study_number UNIQUE (study_id, trial_number);

ALTER TABLE studies ADD COLUMN trial_count BIGINT DEFAULT 0 NOT NULL;
UPDATE studies SET trial_count = (SELECT COALESCE(MAX(t.trial_number), 0) FROM trials t WHERE t.study_id = studies.id);

-- Schema 6: a study has one or more objectives (a multi-objective study has a Pareto front). The queryable copy of
-- the objectives moves from the two columns studies.objective_metric / objective_goal (one objective) to one row per
-- objective in study_objectives, in the spec's order, with the optional threshold (the worst value of interest, part
-- of the hypervolume reference point). Existing studies get one row from their old columns. The spec itself stays in
-- studies.spec_json, the source of truth. (Version 6, not 5: number 5 is left to a parallel change.)

CREATE TABLE study_objectives (
    study_id        BIGINT           NOT NULL,
    objective_index INTEGER          NOT NULL,
    metric          VARCHAR(255)     NOT NULL,
    goal            VARCHAR(16)      NOT NULL,
    threshold       DOUBLE PRECISION,
    CONSTRAINT pk_study_objectives PRIMARY KEY (study_id, objective_index),
    CONSTRAINT fk_study_objectives_study FOREIGN KEY (study_id) REFERENCES studies (id),
    CONSTRAINT ck_study_objectives_goal CHECK (goal IN ('MINIMIZE', 'MAXIMIZE'))
);

INSERT INTO study_objectives (study_id, objective_index, metric, goal, threshold)
    SELECT id, 0, objective_metric, objective_goal, NULL FROM studies;

ALTER TABLE studies DROP COLUMN objective_metric;
ALTER TABLE studies DROP COLUMN objective_goal;

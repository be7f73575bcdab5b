-- Schema 4: the generation lease. One worker at a time (in any process sharing the database) generates trials for a
-- study: it holds the lease by writing its holder id and an expiry time (epoch milliseconds, the holder's clock) on
-- the study row, renews it while generating, and clears it when done. A holder that dies stops renewing, so its
-- lease expires by itself and the next worker takes it over. Empty (NULL) on existing studies: nobody holds it.

ALTER TABLE studies ADD COLUMN generation_holder VARCHAR(255);
ALTER TABLE studies ADD COLUMN generation_expires BIGINT;

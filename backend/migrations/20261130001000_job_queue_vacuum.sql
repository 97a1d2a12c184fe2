-- The job queue inserts and deletes a few rows per customer message: left to the default thresholds
-- (20 % of the table), its dead rows pile up between vacuums and every claim walks past them. Vacuum
-- it after a fixed number of changes, without the cost delay, so the claim stays a short index scan.
ALTER TABLE jobs SET (
  autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 1000,
  autovacuum_vacuum_insert_scale_factor = 0,
  autovacuum_vacuum_insert_threshold = 1000,
  autovacuum_analyze_scale_factor = 0,
  autovacuum_analyze_threshold = 1000,
  autovacuum_vacuum_cost_delay = 0
);

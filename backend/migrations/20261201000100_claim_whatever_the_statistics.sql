-- A claim whose cost does not depend on the table's statistics. The jobs table is a queue: empty
-- most of the time, then tens of thousands of rows during a burst. A vacuum of the empty table
-- records it as empty (reltuples 0), and every plan made afterwards believes each scan of it
-- returns one row; planned that way (the function's generic plan is made again after each vacuum),
-- the check for an earlier unfinished job of a candidate's key became a scan of every due job,
-- repeated for every candidate the walk passed: O(backlog) per candidate. Measured in the webhook
-- benchmark: after a burst left 43,000 queued jobs, no claim finished within 40 s while four of
-- them kept both cores busy, and nothing was answered until the server was restarted.
--
-- Each step now has only one access path that any plan can take, so no statistics can choose
-- another: the walk reads the due-jobs index in id order (sorts, bitmap scans and sequential scans
-- are off for the function); the key check is a subquery run per candidate (OFFSET 0 keeps it from
-- being turned into a join) whose only indexable condition is the key's equality, which only the
-- key index below can serve (the order within the key is a row comparison, which no index on `id`
-- can take, and `state <> 'dead'` is not covered by the due-jobs index's predicate); the lock and
-- the deletion go to the row by its physical address (a TID scan). The key index is on the key
-- alone and covers every job: with `id` as a second column, a lookup by `id` (every completion,
-- retry and lease) could read it whole under a "one row" estimate instead of the primary key, and
-- a partial index can be read whole unqualified at the same estimated cost as the probe.
CREATE INDEX jobs_key_idx ON jobs (ordering_key);
DROP INDEX jobs_ordering_idx;

DROP FUNCTION shopme_claim_job(text[]);
CREATE FUNCTION shopme_claim_job(whole_in_claim text[])
RETURNS TABLE (job_workspace_id uuid, job_id bigint, job_kind text, job_ordering_key text, job_payload text,
               job_attempt integer, job_max_attempts integer, job_deleted boolean, job_more boolean)
LANGUAGE plpgsql
SET enable_sort = off
SET enable_hashjoin = off
SET enable_mergejoin = off
SET enable_seqscan = off
SET enable_bitmapscan = off
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  RETURN QUERY
  WITH c AS (
    SELECT j.ctid AS tid, j.workspace_id, j.id, j.kind, j.ordering_key, j.payload, j.attempts, j.max_attempts
      FROM jobs j
     WHERE j.state IN ('queued', 'running')
       AND ((j.state = 'queued' AND j.run_at <= now()) OR (j.state = 'running' AND j.locked_until < now()))
       AND NOT EXISTS (SELECT 1 FROM jobs k
                        WHERE k.ordering_key = j.ordering_key AND (k.ordering_key, k.id) < (j.ordering_key, j.id)
                          AND k.state <> 'dead' OFFSET 0)
     ORDER BY j.id LIMIT 1 FOR UPDATE SKIP LOCKED),
  d AS (DELETE FROM jobs j USING c WHERE j.ctid = c.tid AND j.id = c.id AND c.kind = ANY(whole_in_claim)
        RETURNING j.id)
  SELECT c.workspace_id, c.id, c.kind, c.ordering_key, c.payload::text, c.attempts + 1, c.max_attempts,
         EXISTS (SELECT 1 FROM d),
         -- Any other due job, claimable now or once the job ahead of it in its key is done.
         EXISTS (SELECT 1 FROM jobs m WHERE m.state = 'queued' AND m.run_at <= now() AND m.id <> c.id)
    FROM c;
END $$;

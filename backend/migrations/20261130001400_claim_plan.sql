-- The job claim as a function, so that its plan keeps the one shape that stays cheap whatever the
-- backlog: walk the due jobs in id order and probe each one's ordering key for an earlier unfinished
-- job, stopping at the first job it can lock. Left to choose, after an autoanalyze of a table
-- holding thousands of queued jobs, the planner switched to joining every queued job with its key,
-- sorting them all and taking the first: each claim then cost ~100 ms and grew with the backlog,
-- four workers claiming at once took the machine from the webhook writer, the backlog grew faster,
-- and acknowledgements took seconds. The function's settings forbid the sort and the hash and merge
-- joins for its own statement only; its plan is made once per connection and kept (a generic plan:
-- planned afresh on every call, the claim cost four times what it costs to run).
CREATE FUNCTION shopme_claim_job(whole_in_claim text[])
RETURNS TABLE (job_workspace_id uuid, job_id bigint, job_kind text, job_ordering_key text, job_payload text,
               job_attempt integer, job_max_attempts integer, job_deleted boolean)
LANGUAGE plpgsql
SET enable_sort = off
SET enable_hashjoin = off
SET enable_mergejoin = off
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  -- A job handled wholly in the claiming transaction (its kind in whole_in_claim) is deleted by the
  -- claim itself: its completion commits with its effects, and a rollback brings it back.
  RETURN QUERY
  WITH c AS (
    SELECT j.workspace_id, j.id, j.kind, j.ordering_key, j.payload, j.attempts, j.max_attempts
      FROM jobs j
     WHERE j.state IN ('queued', 'running')
       AND ((j.state = 'queued' AND j.run_at <= now()) OR (j.state = 'running' AND j.locked_until < now()))
       AND NOT EXISTS (SELECT 1 FROM jobs k WHERE k.ordering_key = j.ordering_key AND k.id < j.id
                         AND k.state IN ('queued', 'running'))
     ORDER BY j.id LIMIT 1 FOR UPDATE SKIP LOCKED),
  d AS (DELETE FROM jobs j USING c WHERE j.workspace_id = c.workspace_id AND j.id = c.id
          AND c.kind = ANY(whole_in_claim) RETURNING j.id)
  SELECT c.workspace_id, c.id, c.kind, c.ordering_key, c.payload::text, c.attempts + 1, c.max_attempts,
         EXISTS (SELECT 1 FROM d)
    FROM c;
END $$;

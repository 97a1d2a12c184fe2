-- The claim also says whether another due job was queued when it claimed (job_more), so that a
-- worker claims again after its job only when there may be something to take: an idle re-claim
-- after every job was half of all claims at 1,000 deliveries/s (each a BEGIN, a walk and a COMMIT
-- that found nothing). The walk itself is as in migration "claim_plan".
--
-- The server now vacuums the jobs table every few seconds (the claim's walk starts at the low end of
-- the due-jobs index, where the entries of finished jobs pile up between autovacuum's visits). A
-- vacuum that ends by truncating the table's empty tail holds an exclusive lock on it meanwhile,
-- stopping every insert of a job (so every webhook commit) and every claim; a queue's table keeps
-- its size, so it is never truncated.
ALTER TABLE jobs SET (vacuum_truncate = false);
DROP FUNCTION shopme_claim_job(text[]);
CREATE FUNCTION shopme_claim_job(whole_in_claim text[])
RETURNS TABLE (job_workspace_id uuid, job_id bigint, job_kind text, job_ordering_key text, job_payload text,
               job_attempt integer, job_max_attempts integer, job_deleted boolean, job_more boolean)
LANGUAGE plpgsql
SET enable_sort = off
SET enable_hashjoin = off
SET enable_mergejoin = off
SET enable_seqscan = off
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
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
         EXISTS (SELECT 1 FROM d),
         -- Any other due job, claimable now or once the job ahead of it in its key is done.
         EXISTS (SELECT 1 FROM jobs m WHERE m.state = 'queued' AND m.run_at <= now() AND m.id <> c.id)
    FROM c;
END $$;

-- The job claim goes back to being a statement of the server's own (see JobRunner::run_one), with
-- a shape that leaves the planner one sensible plan: "no earlier unfinished job in my key" is
-- written as "my id is the smallest unfinished id of my key", a correlated scalar subquery that
-- cannot become a join. Every plan but the ordered walk of the due jobs must evaluate it for every
-- queued job before sorting them, so the walk with its per-job probe (one index-only lookup)
-- stays the cheapest whatever the statistics say. As a function with its own settings the claim
-- cost 0.1–0.4 ms more per call (the call, its settings and its result set), on the path of every
-- message and every reply.
DROP FUNCTION shopme_claim_job(text[]);

-- The server vacuums the jobs table itself every 2 s (SHOPME_JOB_VACUUM_INTERVAL_MS), and since
-- migration "claim_whatever_the_statistics" no plan on it depends on its statistics. Autovacuum's
-- visits added nothing but load at the worst moment: it comes round once a minute at most, so the
-- tens of thousands of dead rows a burst leaves were vacuumed, and the table analyzed (which makes
-- every connection plan its statements on it again), during whatever ran next: in the webhook
-- benchmark, the open loop right after a saturating run met such a visit twice and its p99 went
-- from ~6 ms to 50-60 ms (`webhook-2026-12-01T0311Z.md`, `…0338Z.md`). Without it, the server's
-- own vacuums clean up while the backlog drains. PostgreSQL still vacuums the table against
-- transaction-id wraparound.
ALTER TABLE jobs SET (autovacuum_enabled = false);

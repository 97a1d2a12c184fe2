-- The raw webhook events and the messages only grow: autovacuum visits them after a fifth of their
-- size has been inserted, to mark the new pages all-visible, and then reads tens of thousands of
-- pages at its default pace (a 1,000,000-message history at 1,000 messages/s: every ~200 s, for 7 s
-- and more). Such a visit, and the analyze that follows it, take CPU the webhook's ingest needs on a
-- small machine; visits at a fifth of the pace cost the same in total, spread over longer. Nothing
-- ever filters on a raw body or a message's payload, so the analyze no longer builds statistics for
-- them (the largest values of either table).
ALTER TABLE webhook_events SET (autovacuum_vacuum_cost_delay = 10);
ALTER TABLE messages SET (autovacuum_vacuum_cost_delay = 10);
ALTER TABLE webhook_events ALTER COLUMN body SET STATISTICS 0;
ALTER TABLE messages ALTER COLUMN payload SET STATISTICS 0;

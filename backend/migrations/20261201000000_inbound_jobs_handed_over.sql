-- An inbound message that heads its conversation's queue is stored with its job already leased
-- (running, until `lease_seconds` from now) when the caller asks for it: the webhook ingest hands
-- such jobs straight to its own process's job workers, which take them in the round trip that reads
-- the message (shopme_take_job) instead of waking up to a notification and claiming them (one round
-- trip and one walk of the queue fewer per message). A process that dies with jobs in hand leaves
-- them to the lease: once it ends, any worker claims them as usual. Without `lease_seconds` (the
-- simulator, the benchmark's reference) every job is queued as before. Returns how many messages
-- were stored and the leased jobs as [[job id, workspace, conversation, message, max attempts], ...].
--
-- A leased job's row keeps attempts = 0 (as a queued one does until a claim records a failure); a
-- job that ran or failed has attempts > 0, so shopme_take_job cannot take a job a claim has taken.
DROP FUNCTION shopme_ingest_whatsapp(jsonb);
CREATE FUNCTION shopme_ingest_whatsapp(batch jsonb, lease_seconds float8 DEFAULT NULL)
RETURNS TABLE (stored_count integer, leased_jobs jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  d jsonb;
  m jsonb;
  s jsonb;
  ws uuid;
  cust uuid;
  conv uuid;
  msg uuid;
  stored integer := 0;
  v_sandbox boolean;
  v_phone text;
  new_customer boolean;
  new_conv boolean;
  queued integer := 0;
  leased jsonb := '[]';
  job bigint;
  job_max integer;
BEGIN
  FOR d IN SELECT * FROM jsonb_array_elements(batch) LOOP
    ws := (d->>'workspaceId')::uuid;
    v_sandbox := coalesce((d->>'sandbox')::boolean, false);
    IF d ? 'raw' THEN
      INSERT INTO webhook_events (workspace_id, provider, body) VALUES (ws, 'whatsapp', d->>'raw');
    END IF;
    FOR m IN SELECT * FROM jsonb_array_elements(coalesce(d->'messages', '[]')) LOOP
      v_phone := '+' || (m->>'from');
      new_customer := false;
      SELECT id INTO cust FROM customers WHERE workspace_id = ws AND whatsapp_id = m->>'from';
      IF cust IS NULL THEN
        UPDATE customers SET whatsapp_id = m->>'from', updated_at = now()
         WHERE workspace_id = ws AND phone = v_phone AND whatsapp_id IS NULL RETURNING id INTO cust;
      END IF;
      IF cust IS NULL THEN
        INSERT INTO customers (workspace_id, whatsapp_id, phone, name)
        VALUES (ws, m->>'from', v_phone, coalesce(m->>'profileName', ''))
        ON CONFLICT DO NOTHING
        RETURNING id INTO cust;
        new_customer := cust IS NOT NULL;
      END IF;
      IF cust IS NULL THEN
        -- A concurrent delivery created this customer first (the conflict waited for its commit).
        SELECT id INTO cust FROM customers WHERE workspace_id = ws AND whatsapp_id = m->>'from';
      END IF;
      IF cust IS NULL THEN
        -- The phone number belongs to another customer record already: keep both, the team merges.
        INSERT INTO customers (workspace_id, whatsapp_id, name)
        VALUES (ws, m->>'from', coalesce(m->>'profileName', ''))
        RETURNING id INTO cust;
      ELSIF NOT new_customer AND coalesce(m->>'profileName', '') <> '' THEN
        UPDATE customers SET name = m->>'profileName', updated_at = now()
         WHERE workspace_id = ws AND id = cust AND name = '';
      END IF;
      new_conv := false;
      SELECT id INTO conv FROM conversations WHERE workspace_id = ws AND customer_id = cust AND conversations.sandbox = v_sandbox;
      IF conv IS NULL THEN
        -- Created with its first message's summary: a new conversation cannot hold this message yet,
        -- so the message is stored below and the update after it is not needed.
        INSERT INTO conversations (workspace_id, customer_id, sandbox, last_message_at, last_message_preview,
                                   unread_count, last_inbound_at)
        VALUES (ws, cust, v_sandbox, now(), left(coalesce(m->>'text', ''), 200), 1, now())
        RETURNING id INTO conv;
        new_conv := true;
      END IF;
      msg := NULL;
      INSERT INTO messages (workspace_id, conversation_id, direction, type, text, payload, status, status_rank,
                            provider_message_id, reply_to, author_kind, provider_timestamp)
      VALUES (ws, conv, 'inbound', m->>'type', coalesce(m->>'text', ''), coalesce(m->'payload', '{}'),
              'received', 0, m->>'id', m->>'replyTo', 'customer', to_timestamp((m->>'timestamp')::double precision))
      ON CONFLICT (workspace_id, provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING
      RETURNING id INTO msg;
      IF msg IS NOT NULL THEN
        stored := stored + 1;
        IF NOT new_conv THEN
          UPDATE conversations
             SET last_message_at = now(), last_message_preview = left(coalesce(m->>'text', ''), 200),
                 unread_count = unread_count + 1, last_inbound_at = now(),
                 status = 'open', updated_at = now()
           WHERE workspace_id = ws AND id = conv;
        END IF;
        IF lease_seconds IS NOT NULL AND NOT EXISTS (
             SELECT 1 FROM jobs k WHERE k.ordering_key = 'conversation:' || conv AND k.state IN ('queued', 'running')) THEN
          INSERT INTO jobs (workspace_id, kind, ordering_key, payload, state, locked_until)
          VALUES (ws, 'inbound', 'conversation:' || conv, jsonb_build_object('messageId', msg, 'conversationId', conv),
                  'running', now() + make_interval(secs => lease_seconds))
          RETURNING id, max_attempts INTO job, job_max;
          leased := leased || jsonb_build_array(jsonb_build_array(job, ws, conv, msg, job_max));
        ELSE
          INSERT INTO jobs (workspace_id, kind, ordering_key, payload)
          VALUES (ws, 'inbound', 'conversation:' || conv, jsonb_build_object('messageId', msg, 'conversationId', conv));
          queued := queued + 1;
        END IF;
        PERFORM pg_notify('shopme_events', json_build_object('type', 'message.created', 'workspaceId', ws,
                          'conversationId', conv, 'messageId', msg)::text);
      ELSIF new_conv THEN
        -- The message id was stored before, elsewhere: the new conversation holds nothing yet.
        UPDATE conversations SET last_message_at = NULL, last_message_preview = '', unread_count = 0,
                                 last_inbound_at = NULL
         WHERE workspace_id = ws AND id = conv;
      END IF;
    END LOOP;
    FOR s IN SELECT * FROM jsonb_array_elements(coalesce(d->'statuses', '[]')) LOOP
      UPDATE messages
         SET status = s->>'status', status_rank = (s->>'rank')::smallint,
             provider_message_id = coalesce(provider_message_id, s->>'id'),
             error = coalesce(s->'error', error), updated_at = now()
       WHERE workspace_id = ws AND direction = 'outbound'
         AND (provider_message_id = s->>'id'
              OR (provider_message_id IS NULL AND id::text = coalesce(s->>'opaque', '')))
         AND status_rank <= (s->>'ceiling')::smallint
      RETURNING id, conversation_id INTO msg, conv;
      IF msg IS NOT NULL THEN
        PERFORM pg_notify('shopme_events', json_build_object('type', 'message.updated', 'workspaceId', ws,
                          'conversationId', conv, 'messageId', msg)::text);
      END IF;
    END LOOP;
  END LOOP;
  -- Other processes' workers are woken for queued jobs only: the leased ones are this caller's.
  IF queued > 0 THEN
    PERFORM pg_notify('shopme_jobs', '');
  END IF;
  stored_count := stored;
  leased_jobs := leased;
  RETURN NEXT;
END $$;

-- Takes a job leased by the statement that queued it (see above), as the first statement of the
-- transaction that runs it: deleted now, so its completion commits with its effects and a rollback
-- brings it back. Fails (SQLSTATE SJ001) when the job is no longer that lease's: a claim took it
-- after the lease ran out, or it is gone.
CREATE FUNCTION shopme_take_job(ws uuid, job bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM jobs WHERE workspace_id = ws AND id = job AND state = 'running' AND attempts = 0;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'job % is no longer leased to its taker', job USING ERRCODE = 'SJ001';
  END IF;
END $$;


-- The claim's "more" (migration "claim_says_more") also counts jobs whose lease ran out: a process
-- that dies leaves the jobs handed over to it leased, and without this a worker would take them one
-- per idle poll once their leases ended. Otherwise as before.
CREATE OR REPLACE FUNCTION shopme_claim_job(whole_in_claim text[])
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
         -- Any other due job, claimable now or once the job ahead of it in its key is done; a lease
         -- that ran out counts (the jobs of a process that died with jobs handed over in hand).
         EXISTS (SELECT 1 FROM jobs m WHERE m.id <> c.id AND m.state IN ('queued', 'running')
                   AND ((m.state = 'queued' AND m.run_at <= now()) OR (m.state = 'running' AND m.locked_until < now())))
    FROM c;
END $$;

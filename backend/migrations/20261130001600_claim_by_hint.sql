-- The webhook writer's process hands the jobs it just stored to its own workers by id, so a worker
-- claims that very job (a probe of its id) instead of walking the due jobs from the oldest. The
-- ingest therefore returns the ids of the inbound jobs it queued, one per stored message (it
-- returned their count); otherwise as in migration "cheaper_first_contact".
DROP FUNCTION shopme_ingest_whatsapp(jsonb);
CREATE FUNCTION shopme_ingest_whatsapp(batch jsonb) RETURNS bigint[]
LANGUAGE plpgsql AS $$
DECLARE
  d jsonb;
  m jsonb;
  s jsonb;
  ws uuid;
  cust uuid;
  conv uuid;
  msg uuid;
  job_ids bigint[] := ARRAY[]::bigint[];
  job bigint;
  v_sandbox boolean;
  v_phone text;
  new_customer boolean;
  new_conv boolean;
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
        IF NOT new_conv THEN
          UPDATE conversations
             SET last_message_at = now(), last_message_preview = left(coalesce(m->>'text', ''), 200),
                 unread_count = unread_count + 1, last_inbound_at = now(),
                 status = 'open', updated_at = now()
           WHERE workspace_id = ws AND id = conv;
        END IF;
        INSERT INTO jobs (workspace_id, kind, ordering_key, payload)
        VALUES (ws, 'inbound', 'conversation:' || conv, jsonb_build_object('messageId', msg, 'conversationId', conv))
        RETURNING id INTO job;
        job_ids := job_ids || job;
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
  IF cardinality(job_ids) > 0 THEN
    PERFORM pg_notify('shopme_jobs', '');
  END IF;
  RETURN job_ids;
END $$;

-- A claim given a job's id: that job if it is due, at the head of its ordering key and not locked
-- by another claim; otherwise whatever the ordinary claim finds (one round trip either way). The
-- same columns, the same deletion of a job handled wholly in the claim, the same job_more.
CREATE FUNCTION shopme_claim_hinted(hint bigint, whole_in_claim text[])
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
     WHERE j.id = hint AND j.state IN ('queued', 'running') AND j.state = 'queued' AND j.run_at <= now()
       AND NOT EXISTS (SELECT 1 FROM jobs k WHERE k.ordering_key = j.ordering_key AND k.id < j.id
                         AND k.state IN ('queued', 'running'))
       FOR UPDATE SKIP LOCKED),
  d AS (DELETE FROM jobs j USING c WHERE j.workspace_id = c.workspace_id AND j.id = c.id
          AND c.kind = ANY(whole_in_claim) RETURNING j.id)
  SELECT c.workspace_id, c.id, c.kind, c.ordering_key, c.payload::text, c.attempts + 1, c.max_attempts,
         EXISTS (SELECT 1 FROM d),
         EXISTS (SELECT 1 FROM jobs m WHERE m.state = 'queued' AND m.run_at <= now() AND m.id <> c.id)
    FROM c;
  IF NOT FOUND THEN
    RETURN QUERY SELECT * FROM shopme_claim_job(whole_in_claim);
  END IF;
END $$;

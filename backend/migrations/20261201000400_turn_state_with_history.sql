-- What an agent turn needs to answer a conversation, read in one call, as shopme_turn_state does,
-- and for a workspace whose agent is a language model also the conversation's last exchanges
-- (JSON [[direction, text], …], oldest first). The message's first read calls it, so a model turn
-- started right after that commit has everything it needs and reads nothing before its first call.
-- shopme_turn_state stays for a server of the previous release still running beside this one.
--
-- The statements run with their generic plans: they are keyed lookups (see shopme_turn_state).
CREATE FUNCTION shopme_agent_turn_state(ws uuid, conv uuid)
RETURNS TABLE (bot boolean, customer_id uuid, customer_name text, language text, currency text, shop text,
               provider text, base_url text, model text, api_key_sealed text, temperature float8,
               max_tokens integer, timeout_ms integer, enabled_tools text[], debug boolean, prompt text,
               unanswered text, answered_through bigint, reply_id text, reply_text text, offered_product text,
               history text)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  answered bigint;
BEGIN
  SELECT c.mode = 'bot' AND NOT cu.blocked, cu.id, cu.name, cu.language, w.currency, w.name,
         coalesce(s.provider, 'builtin'), coalesce(s.base_url, ''), coalesce(s.model, ''), s.api_key_sealed,
         coalesce(s.temperature, 0.3)::float8, coalesce(s.max_tokens, 800), coalesce(s.timeout_ms, 20000),
         coalesce(s.enabled_tools, '{}'), coalesce(s.debug, false), p.text, c.agent_answered_seq
    INTO bot, customer_id, customer_name, language, currency, shop, provider, base_url, model,
         api_key_sealed, temperature, max_tokens, timeout_ms, enabled_tools, debug, prompt, answered
    FROM conversations c
    JOIN customers cu ON cu.workspace_id = c.workspace_id AND cu.id = c.customer_id
    JOIN workspaces w ON w.id = c.workspace_id
    LEFT JOIN agent_settings s ON s.workspace_id = c.workspace_id
    LEFT JOIN agent_prompts p ON p.workspace_id = s.workspace_id AND p.version = s.prompt_version
   WHERE c.workspace_id = ws AND c.id = conv;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  -- Answered means: by an earlier turn (up to the seq it recorded), or by a person or the system
  -- (an operator's reply, the registration confirmation) sent after it.
  SELECT greatest(answered, coalesce(max(m.seq), 0)) INTO answered
    FROM messages m
   WHERE m.workspace_id = ws AND m.conversation_id = conv AND m.seq > answered
     AND m.direction = 'outbound' AND m.author_kind IN ('operator', 'system');
  SELECT coalesce(string_agg(nullif(m.text, ''), E'\n' ORDER BY m.seq), ''), coalesce(max(m.seq), 0)
    INTO unanswered, answered_through
    FROM messages m
   WHERE m.workspace_id = ws AND m.conversation_id = conv AND m.seq > answered
     AND m.direction = 'inbound' AND m.type <> 'reaction';
  -- A tapped button or list row: its id carries the choice; its title alone is what it "says".
  SELECT coalesce(m.payload->'interactive'->>'id', m.payload->'button'->>'payload', ''), m.text
    INTO reply_id, reply_text
    FROM messages m
   WHERE m.workspace_id = ws AND m.conversation_id = conv AND m.seq = answered_through
     AND m.type IN ('interactive', 'button');
  SELECT substring(m.payload::text from '"add:([0-9a-f-]{36})"') INTO offered_product
    FROM messages m
   WHERE m.workspace_id = ws AND m.conversation_id = conv AND m.direction = 'outbound'
     AND m.author_kind = 'agent'
   ORDER BY m.seq DESC LIMIT 1;
  -- A language model reads the last exchanges answered already, oldest first, for context; the
  -- offline agent does not.
  IF provider = 'openai-compatible' THEN
    SELECT coalesce(json_agg(json_build_array(h.direction, h.text) ORDER BY h.seq), '[]')::text INTO history
      FROM (SELECT m.seq, m.direction, m.text FROM messages m
             WHERE m.workspace_id = ws AND m.conversation_id = conv AND m.text <> ''
               AND m.seq <= coalesce((SELECT max(o.seq) FROM messages o WHERE o.workspace_id = ws
                                        AND o.conversation_id = conv AND o.direction = 'outbound'), 0)
             ORDER BY m.seq DESC LIMIT 12) h;
  END IF;
  RETURN NEXT;
END $$;

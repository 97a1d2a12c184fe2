-- The AI agent's configuration per workspace, its versioned system prompt, and the tokens it used.

CREATE TABLE agent_settings (
  workspace_id    uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  provider        text NOT NULL DEFAULT 'builtin' CHECK (provider IN ('builtin', 'openai-compatible')),
  base_url        text NOT NULL DEFAULT '',
  api_key_sealed  text,  -- XChaCha20-Poly1305 with the server key, bound to the workspace
  model           text NOT NULL DEFAULT '',
  temperature     numeric(3, 2) NOT NULL DEFAULT 0.3 CHECK (temperature BETWEEN 0 AND 2),
  max_tokens      integer NOT NULL DEFAULT 800 CHECK (max_tokens BETWEEN 16 AND 32000),
  timeout_ms      integer NOT NULL DEFAULT 20000 CHECK (timeout_ms BETWEEN 1000 AND 120000),
  enabled_tools   text[] NOT NULL DEFAULT '{}',
  debug           boolean NOT NULL DEFAULT false,
  prompt_version  integer,  -- the system prompt in use
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Every saved system prompt is kept: the dashboard shows the history and restores one as a new version.
CREATE TABLE agent_prompts (
  workspace_id   uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  version        integer NOT NULL,
  text           text NOT NULL,
  created_by     uuid REFERENCES users (id) ON DELETE SET NULL,
  restored_from  integer,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, version)
);

CREATE TABLE agent_token_usage (
  workspace_id       uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  day                date NOT NULL,
  prompt_tokens      bigint NOT NULL DEFAULT 0,
  completion_tokens  bigint NOT NULL DEFAULT 0,
  turns              integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, day)
);

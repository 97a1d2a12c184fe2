-- People who log in to the dashboard, the businesses (workspaces) they act in, and their roles.
CREATE TABLE users (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email          text NOT NULL,
  name           text NOT NULL,
  password_hash  text NOT NULL,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  language       text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'it', 'es', 'pt')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE workspaces (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                   text NOT NULL,
  slug                   text NOT NULL UNIQUE,
  status                 text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  currency               char(3) NOT NULL DEFAULT 'EUR',
  default_language       text NOT NULL DEFAULT 'it' CHECK (default_language IN ('en', 'it', 'es', 'pt')),
  timezone               text NOT NULL DEFAULT 'Europe/Rome',
  business_type          text NOT NULL DEFAULT 'retail',
  api_rate_limit         integer NOT NULL DEFAULT 30 CHECK (api_rate_limit BETWEEN 1 AND 100000),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  deleted_at             timestamptz
);

CREATE TABLE memberships (
  workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role          text NOT NULL CHECK (role IN ('admin', 'manager', 'agent')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

// Frozen: once landed, a migration never changes. Change the schema with a new, later migration.
// SQL must run on PostgreSQL 15 (Debian server) and 18 (PGlite).
export const sql = `
CREATE TABLE countries (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9]{1,11}$'),
  alpha3 text,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('state', 'territory', 'partially-recognised', 'organisation', 'other')),
  wikidata_qids text[] NOT NULL DEFAULT '{}',
  aliases text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE datasets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  description text,
  synthetic boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One import or collection run (registry imports too), with its counts and resume checkpoint.
CREATE TABLE ingest_runs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('registry', 'import', 'collect')),
  source text NOT NULL,
  dataset_id bigint REFERENCES datasets (id),
  args jsonb NOT NULL DEFAULT '{}',
  collector_version text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  accepted bigint NOT NULL DEFAULT 0,
  duplicates bigint NOT NULL DEFAULT 0,
  skipped bigint NOT NULL DEFAULT 0,
  warned bigint NOT NULL DEFAULT 0,
  checkpoint jsonb
);
CREATE INDEX ingest_runs_started_idx ON ingest_runs (started_at);

CREATE TABLE ingest_issues (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id bigint NOT NULL REFERENCES ingest_runs (id) ON DELETE CASCADE,
  severity text NOT NULL CHECK (severity IN ('error', 'warning')),
  code text NOT NULL,
  message text NOT NULL,
  file text,
  line bigint,
  byte_offset bigint,
  record_key text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ingest_issues_run_idx ON ingest_issues (run_id, code);

CREATE TABLE actors (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor_key text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('ministry', 'embassy', 'high-commission', 'consulate', 'permanent-mission',
    'delegation', 'nunciature', 'representative-office', 'person', 'other')),
  name text NOT NULL,
  sending_country text NOT NULL REFERENCES countries (code),
  host_country text REFERENCES countries (code),
  city text,
  wikidata_qid text UNIQUE,
  parent_actor_id bigint REFERENCES actors (id),
  website text,
  valid_from date,
  valid_to date,
  first_seen date NOT NULL,
  removed_on date,
  updated_at timestamptz NOT NULL
);
CREATE INDEX actors_sending_idx ON actors (sending_country);
CREATE INDEX actors_host_idx ON actors (host_country);
CREATE INDEX actors_parent_idx ON actors (parent_actor_id);

CREATE TABLE channels (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform text NOT NULL,
  handle text,
  handle_norm text,
  platform_user_id text,
  url text,
  display_name text,
  actor_id bigint REFERENCES actors (id),
  -- how the actor link was made: 'registry' (a registry source listed it) or 'import' (found in posts)
  link_source text CHECK (link_source IN ('registry', 'import')),
  first_seen date NOT NULL,
  removed_on date,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX channels_platform_handle_key ON channels (platform, handle_norm);
CREATE UNIQUE INDEX channels_platform_user_key ON channels (platform, platform_user_id);
CREATE INDEX channels_actor_idx ON channels (actor_id);

-- What each registry source said in its latest snapshot, one row per source record (the merge input).
CREATE TABLE registry_entries (
  source text NOT NULL,
  source_key text NOT NULL,
  actor_key text NOT NULL,
  snapshot_date date NOT NULL,
  data jsonb NOT NULL,
  first_seen date NOT NULL,
  removed_on date,
  PRIMARY KEY (source, source_key)
);
CREATE INDEX registry_entries_actor_idx ON registry_entries (actor_key);

CREATE TABLE registry_snapshots (
  source text NOT NULL,
  snapshot_date date NOT NULL,
  sha256 text NOT NULL,
  file text NOT NULL,
  run_id bigint NOT NULL REFERENCES ingest_runs (id),
  entries integer NOT NULL,
  imported_at timestamptz NOT NULL,
  PRIMARY KEY (source, snapshot_date, sha256)
);

-- Provenance of a channel: which source listed it, for which actor record, since when.
CREATE TABLE channel_sources (
  channel_id bigint NOT NULL REFERENCES channels (id),
  source text NOT NULL,
  source_key text NOT NULL,
  source_url text,
  first_seen date NOT NULL,
  removed_on date,
  PRIMARY KEY (channel_id, source, source_key)
);

CREATE TABLE registry_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id bigint NOT NULL REFERENCES ingest_runs (id),
  source text NOT NULL,
  change_date date NOT NULL,
  entity text NOT NULL CHECK (entity IN ('actor', 'channel')),
  actor_id bigint REFERENCES actors (id),
  channel_id bigint REFERENCES channels (id),
  change text NOT NULL CHECK (change IN ('added', 'removed', 'changed')),
  details jsonb NOT NULL DEFAULT '{}',
  recorded_at timestamptz NOT NULL
);
CREATE INDEX registry_changes_date_idx ON registry_changes (change_date);
CREATE INDEX registry_changes_actor_idx ON registry_changes (actor_id);
CREATE INDEX registry_changes_channel_idx ON registry_changes (channel_id);

-- The source item exactly as received, so that a fixed mapper can re-map history.
CREATE TABLE raw_records (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id bigint NOT NULL REFERENCES ingest_runs (id),
  dataset_id bigint REFERENCES datasets (id),
  connector text NOT NULL,
  file text,
  line bigint,
  byte_offset bigint,
  url text,
  cursor text,
  retrieved_at timestamptz NOT NULL,
  collector_version text NOT NULL,
  encoding text NOT NULL CHECK (encoding IN ('json', 'json+gzip', 'xml', 'xml+gzip', 'text', 'text+gzip')),
  payload bytea NOT NULL
);
CREATE INDEX raw_records_run_idx ON raw_records (run_id);

CREATE TABLE posts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform text NOT NULL,
  platform_post_id text NOT NULL,
  channel_id bigint NOT NULL REFERENCES channels (id),
  dataset_id bigint REFERENCES datasets (id),
  published_at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('original', 'reply', 'quote', 'repost')),
  text text,
  lang text,
  lang_source text CHECK (lang_source IN ('platform', 'detected')),
  url text,
  conversation_id text,
  edit_history_ids text[],
  edited_at timestamptz,
  deleted_at timestamptz,
  withheld_in text[],
  has_media boolean NOT NULL DEFAULT false,
  raw_record_id bigint REFERENCES raw_records (id),
  first_seen_at timestamptz NOT NULL,
  UNIQUE (platform, platform_post_id)
);
CREATE INDEX posts_channel_time_idx ON posts (channel_id, published_at);
CREATE INDEX posts_published_idx ON posts (published_at);
CREATE INDEX posts_dataset_idx ON posts (dataset_id);

CREATE TABLE post_refs (
  post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  ref_kind text NOT NULL CHECK (ref_kind IN ('reply', 'quote', 'repost')),
  target_platform_post_id text NOT NULL,
  target_channel_id bigint REFERENCES channels (id),
  PRIMARY KEY (post_id, ref_kind, target_platform_post_id)
);
CREATE INDEX post_refs_target_idx ON post_refs (target_platform_post_id);
CREATE INDEX post_refs_target_channel_idx ON post_refs (target_channel_id);

CREATE TABLE post_hashtags (
  post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  position integer NOT NULL,
  tag text NOT NULL,
  tag_norm text NOT NULL,
  PRIMARY KEY (post_id, position)
);
CREATE INDEX post_hashtags_tag_idx ON post_hashtags (tag_norm);

CREATE TABLE post_mentions (
  post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  position integer NOT NULL,
  handle text NOT NULL,
  handle_norm text NOT NULL,
  platform_user_id text,
  target_channel_id bigint REFERENCES channels (id),
  PRIMARY KEY (post_id, position)
);
CREATE INDEX post_mentions_handle_idx ON post_mentions (handle_norm);
CREATE INDEX post_mentions_target_idx ON post_mentions (target_channel_id);

CREATE TABLE post_links (
  post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  position integer NOT NULL,
  url text NOT NULL,
  expanded_url text,
  domain text,
  PRIMARY KEY (post_id, position)
);
CREATE INDEX post_links_domain_idx ON post_links (domain);

CREATE TABLE post_media (
  post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  position integer NOT NULL,
  media_kind text NOT NULL CHECK (media_kind IN ('image', 'video', 'gif', 'audio', 'file', 'other')),
  platform_media_id text,
  url text,
  alt_text text,
  width integer,
  height integer,
  duration_ms bigint,
  PRIMARY KEY (post_id, position)
);

-- One observation of a post's counters; NULL means the source did not say, never zero.
CREATE TABLE post_metrics (
  post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  observed_at timestamptz NOT NULL,
  likes bigint,
  reposts bigint,
  replies bigint,
  quotes bigint,
  views bigint,
  bookmarks bigint,
  raw_record_id bigint REFERENCES raw_records (id),
  PRIMARY KEY (post_id, observed_at)
);

CREATE TABLE channel_snapshots (
  channel_id bigint NOT NULL REFERENCES channels (id),
  observed_at timestamptz NOT NULL,
  followers bigint,
  following bigint,
  post_count bigint,
  display_name text,
  bio text,
  location text,
  avatar_url text,
  avatar_hash text,
  verified boolean,
  raw_record_id bigint REFERENCES raw_records (id),
  PRIMARY KEY (channel_id, observed_at)
);

CREATE TABLE follows (
  source_channel_id bigint NOT NULL REFERENCES channels (id),
  target_channel_id bigint NOT NULL REFERENCES channels (id),
  first_observed_at timestamptz NOT NULL,
  last_observed_at timestamptz NOT NULL,
  PRIMARY KEY (source_channel_id, target_channel_id)
);
CREATE INDEX follows_target_idx ON follows (target_channel_id);

-- Rollup maintained on ingest: analyses and dashboards read this, not millions of posts.
CREATE TABLE channel_daily (
  channel_id bigint NOT NULL REFERENCES channels (id),
  day date NOT NULL,
  posts integer NOT NULL DEFAULT 0,
  originals integer NOT NULL DEFAULT 0,
  replies integer NOT NULL DEFAULT 0,
  quotes integer NOT NULL DEFAULT 0,
  reposts integer NOT NULL DEFAULT 0,
  media_posts integer NOT NULL DEFAULT 0,
  likes_received bigint,
  reposts_received bigint,
  replies_received bigint,
  quotes_received bigint,
  views_received bigint,
  followers bigint,
  PRIMARY KEY (channel_id, day)
);
CREATE INDEX channel_daily_day_idx ON channel_daily (day);
`;

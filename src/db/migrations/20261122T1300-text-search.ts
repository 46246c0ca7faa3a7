// Frozen: once landed, a migration never changes. Change the schema with a new, later migration.
// SQL must run on PostgreSQL 15 (Debian server) and 18 (PGlite).
export const sql = `
-- Per-language full-text search of posts (docs/api.md, "Search"). lang_config maps a post's language (BCP 47,
-- any case; only the primary subtag counts) to the text-search configuration that stems it. Only configurations
-- present in both PostgreSQL 15 (Debian) and PGlite (PostgreSQL 18) are named, so that the same post gets the
-- same vector on both backends: Estonian (16+) is searched with 'simple', like every language without a
-- configuration and posts without a language. The constants are regconfig literals, resolved once here: the
-- function does not depend on search_path, so it is IMMUTABLE and may define an index.
CREATE FUNCTION lang_config(lang text) RETURNS regconfig
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE split_part(lower(lang), '-', 1)
    WHEN 'ar' THEN 'pg_catalog.arabic'::regconfig
    WHEN 'hy' THEN 'pg_catalog.armenian'::regconfig
    WHEN 'eu' THEN 'pg_catalog.basque'::regconfig
    WHEN 'ca' THEN 'pg_catalog.catalan'::regconfig
    WHEN 'da' THEN 'pg_catalog.danish'::regconfig
    WHEN 'nl' THEN 'pg_catalog.dutch'::regconfig
    WHEN 'en' THEN 'pg_catalog.english'::regconfig
    WHEN 'fi' THEN 'pg_catalog.finnish'::regconfig
    WHEN 'fr' THEN 'pg_catalog.french'::regconfig
    WHEN 'de' THEN 'pg_catalog.german'::regconfig
    WHEN 'el' THEN 'pg_catalog.greek'::regconfig
    WHEN 'hi' THEN 'pg_catalog.hindi'::regconfig
    WHEN 'hu' THEN 'pg_catalog.hungarian'::regconfig
    WHEN 'id' THEN 'pg_catalog.indonesian'::regconfig
    WHEN 'ga' THEN 'pg_catalog.irish'::regconfig
    WHEN 'it' THEN 'pg_catalog.italian'::regconfig
    WHEN 'lt' THEN 'pg_catalog.lithuanian'::regconfig
    WHEN 'ne' THEN 'pg_catalog.nepali'::regconfig
    WHEN 'no' THEN 'pg_catalog.norwegian'::regconfig
    WHEN 'nb' THEN 'pg_catalog.norwegian'::regconfig
    WHEN 'nn' THEN 'pg_catalog.norwegian'::regconfig
    WHEN 'pt' THEN 'pg_catalog.portuguese'::regconfig
    WHEN 'ro' THEN 'pg_catalog.romanian'::regconfig
    WHEN 'ru' THEN 'pg_catalog.russian'::regconfig
    WHEN 'sr' THEN 'pg_catalog.serbian'::regconfig
    WHEN 'es' THEN 'pg_catalog.spanish'::regconfig
    WHEN 'sv' THEN 'pg_catalog.swedish'::regconfig
    WHEN 'ta' THEN 'pg_catalog.tamil'::regconfig
    WHEN 'tr' THEN 'pg_catalog.turkish'::regconfig
    WHEN 'yi' THEN 'pg_catalog.yiddish'::regconfig
    ELSE 'pg_catalog.simple'::regconfig
  END;

-- Each post's text vector, stored: the search filters and ranks on it without parsing the text again. A GIN index
-- on an expression was measured too (docs/api.md, "Search"): it makes the COPY of posts a little cheaper, but every
-- row the planner checks outside the index (a common word found newest first, a word with an exclusion) parses
-- the text again, and a bad estimate then costs seconds on a million posts instead of milliseconds.
ALTER TABLE posts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector(lang_config(lang), text)) STORED;
CREATE INDEX posts_search_vector_idx ON posts USING gin (search_vector);

-- Statistics of the language filter's expression (the primary subtag): without them the planner takes
-- lang = 'en' for a rare language (0.5% of the posts) instead of most of them, and plans a search badly.
CREATE STATISTICS posts_lang_primary_stats ON (split_part(lower(lang), '-', 1)) FROM posts;
`;

// The DuckDB baseline of the benchmark: the same X twarc2 JSONL files loaded into DuckDB and reduced to the
// per-country daily aggregates Attaché keeps in `channel_daily`, computed independently of Attaché's
// importer: tweets from `data` and `includes.tweets`, one per id, counters from the latest retrieval, authors
// mapped to sending countries by the registry's X handles (a CSV exported from the registry before import).
import { DuckDBConnection } from '@duckdb/node-api';

export interface CountryDay {
  country: string;
  day: string;
  posts: number;
  likes: number;
  reposts: number;
}

const TWEETS = `[{"id":"VARCHAR","author_id":"VARCHAR","created_at":"VARCHAR","public_metrics":{"like_count":"BIGINT","retweet_count":"BIGINT"}}]`;
const USERS = `[{"id":"VARCHAR","username":"VARCHAR"}]`;

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Loads the files and computes country × UTC day aggregates; returns them sorted, with the seconds taken. */
export async function duckdbCountryDays(
  files: readonly string[],
  registryCsv: string,
): Promise<{ rows: CountryDay[]; seconds: number; tweets: number }> {
  const t0 = performance.now();
  const c = await DuckDBConnection.create();
  try {
    const list = `[${files.map(quote).join(', ')}]`;
    await c.run(`CREATE TABLE pages AS SELECT data, includes, __twarc->>'retrieved_at' AS retrieved_at
      FROM read_json(${list}, format = 'newline_delimited', maximum_object_size = 268435456,
                     columns = {data: 'JSON', includes: 'JSON', __twarc: 'JSON'})`);
    await c.run(`CREATE TABLE seen AS
      WITH t AS (
        SELECT unnest(from_json(data, '${TWEETS}')) AS t, retrieved_at FROM pages
        UNION ALL
        SELECT unnest(from_json(includes->'tweets', '${TWEETS}')) AS t, retrieved_at FROM pages
      )
      SELECT t.id, t.author_id, t.created_at, t.public_metrics.like_count AS likes,
             t.public_metrics.retweet_count AS reposts, retrieved_at FROM t
      WHERE t.author_id IS NOT NULL -- a /2/users page's objects are accounts, not tweets`);
    await c.run(`CREATE TABLE tweets AS
      SELECT id, any_value(author_id) AS author_id, any_value(created_at) AS created_at,
             arg_max(likes, retrieved_at) AS likes, arg_max(reposts, retrieved_at) AS reposts
      FROM seen GROUP BY id`);
    await c.run(`CREATE TABLE users AS SELECT DISTINCT u.id, lower(u.username) AS handle
      FROM (SELECT unnest(from_json(includes->'users', '${USERS}')) AS u FROM pages)`);
    await c.run(`CREATE TABLE registry AS SELECT * FROM read_csv(${quote(registryCsv)}, header = true,
      columns = {handle: 'VARCHAR', country: 'VARCHAR'})`);
    // An author is the registry's when one of the usernames it appeared under is a registry handle.
    await c.run(`CREATE TABLE authors AS SELECT u.id, min(r.country) AS country
      FROM users u JOIN registry r ON r.handle = u.handle GROUP BY u.id`);
    const reader = await c.runAndReadAll(`
      SELECT a.country, strftime(CAST(t.created_at AS TIMESTAMPTZ) AT TIME ZONE 'UTC', '%Y-%m-%d') AS day,
             count(*)::INTEGER AS posts, sum(t.likes)::BIGINT AS likes, sum(t.reposts)::BIGINT AS reposts
      FROM tweets t JOIN authors a ON a.id = t.author_id
      GROUP BY 1, 2 ORDER BY 1, 2`);
    const [count] = (await c.runAndReadAll('SELECT count(*)::INTEGER AS n FROM tweets')).getRowObjects();
    const rows = reader.getRowObjects().map((r) => ({
      country: String(r.country),
      day: String(r.day),
      posts: Number(r.posts),
      likes: Number(r.likes ?? 0),
      reposts: Number(r.reposts ?? 0),
    }));
    return { rows, seconds: (performance.now() - t0) / 1000, tweets: Number(count?.n ?? 0) };
  } finally {
    c.closeSync();
  }
}

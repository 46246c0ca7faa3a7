// After a measured import: the table counts, the posts linked to registry actors and the stored raw payload
// size, from the same database. Prints one JSON line.
import { openDatabase } from '../src/db/database.js';
import { tableCounts } from '../test/helpers/import.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const url = arg('url');
const db = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', home: arg('home')! });
try {
  const rows = await tableCounts(db);
  const [linked] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM posts p JOIN channels c ON c.id = p.channel_id WHERE c.actor_id IS NOT NULL`,
  );
  const [raw] = await db.query<{ bytes: number }>(
    `SELECT sum(octet_length(payload))::bigint AS bytes FROM raw_records`,
  );
  process.stdout.write(
    JSON.stringify({
      rows,
      postsLinkedToRegistry: linked?.n ?? 0,
      rawPayloadMb: Math.round((raw?.bytes ?? 0) / 1048576),
    }) + '\n',
  );
} finally {
  await db.close();
}

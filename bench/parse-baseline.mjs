// The baseline of the import benchmark: the same file read with the importer's own line reader and parsed
// with JSON.parse alone. Prints one JSON line.
import { readLines } from '../dist/connectors/shared/read-file.js';

const file = process.argv[2];
const t0 = performance.now();
let posts = 0;
for await (const ev of readLines(file, { from: null, maxItemBytes: 64 << 20 })) {
  if (ev.kind !== 'item') continue;
  const page = JSON.parse(ev.text);
  posts += page.data?.length ?? 0;
}
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ posts, seconds, postsPerSecond: Math.round(posts / seconds) }) + '\n');

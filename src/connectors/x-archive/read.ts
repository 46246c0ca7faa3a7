import { access } from 'node:fs/promises';
import path from 'node:path';
import type { ReadEvent, ReadItem, ReadOptions } from '../connector.js';
import { readWhole } from '../shared/read-file.js';

/** The archive files that name the owner of the tweets beside them. */
const OWNER_FILES = ['account.js', 'profile.js'] as const;
const NEWLINE = Buffer.from('\n');

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads one archive data file (tweets.js, tweets-part1.js, tweet.js, deleted-tweets.js) as one item, with
 * account.js and profile.js of the same folder put in front of it: `map` is pure and sees one item at a
 * time, and the tweets carry no author, so the owner must travel in the same item. The raw payload is the
 * concatenation of the original files (each a `window.YTD… = […]` statement), so re-mapping it later
 * needs nothing else. A missing owner file is not an error here: `map` reports 'no-owner'.
 */
export async function* readArchive(file: string, options: ReadOptions): AsyncGenerator<ReadEvent> {
  if (options.from) return; // like readWhole: the file's one item was imported before the run stopped
  const name = path.basename(file).replace(/\.gz$/, '');
  const owners: ReadItem[] = [];
  for (const sibling of OWNER_FILES) {
    const full = path.join(path.dirname(file), sibling);
    if (sibling === name || !(await exists(full))) continue;
    for await (const ev of readWhole(full, { from: null, maxItemBytes: options.maxItemBytes })) {
      if (ev.kind === 'item') owners.push(ev);
      else {
        yield {
          ...ev,
          severity: 'warning',
          code: 'owner-file-unreadable',
          message: `${sibling}: ${ev.message} (tweets are mapped without it)`,
          line: null,
          byteOffset: null,
        };
      }
    }
  }
  for await (const ev of readWhole(file, options)) {
    if (ev.kind !== 'item' || owners.length === 0) {
      yield ev;
      continue;
    }
    yield {
      ...ev,
      bytes: Buffer.concat([...owners.flatMap((o) => [o.bytes, NEWLINE]), ev.bytes]),
      text: [...owners.map((o) => o.text), ev.text].join('\n'),
    };
  }
}

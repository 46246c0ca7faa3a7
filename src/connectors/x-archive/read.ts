import { access } from 'node:fs/promises';
import path from 'node:path';
import type { ReadEvent, ReadItem, ReadOptions } from '../connector.js';
import { readWhole } from '../shared/read-file.js';

/** The archive files that name the owner of the tweets beside them. */
const OWNER_FILES = ['account.js', 'profile.js'] as const;
/** The whole text of the long posts whose text tweets.js cuts at about 280 characters. */
const NOTE_FILE = 'note-tweet.js';
const NOTE_START = /^\s*window\.YTD\.note_tweet\.part\d+\s*=/;
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
 * A sibling file of the archive, whole; its read problems become warnings of the item it completes
 * (`code`): the tweets are mapped without it when it cannot be read, and with it after a mere read warning
 * (a byte-order mark, invalid UTF-8 replaced).
 */
async function* sibling(
  dir: string,
  name: string,
  maxItemBytes: number,
  code: string,
  without: string,
  into: ReadItem[],
): AsyncGenerator<ReadEvent> {
  const full = path.join(dir, name);
  if (!(await exists(full))) return;
  for await (const ev of readWhole(full, { from: null, maxItemBytes })) {
    if (ev.kind === 'item') into.push(ev);
    else {
      yield {
        ...ev,
        severity: 'warning',
        code,
        message: ev.severity === 'error' ? `${name}: ${ev.message} (${without})` : `${name}: ${ev.message}`,
        line: null,
        byteOffset: null,
      };
    }
  }
}

/**
 * Reads one archive data file (tweets.js, tweets-part1.js, tweet.js, deleted-tweets.js) as one item, with
 * account.js, profile.js and note-tweet.js of the same folder put in front of it: `map` is pure and sees one
 * item at a time, the tweets carry no author, so the owner must travel in the same item, and a long post's
 * whole text is only in note-tweet.js. The raw payload is the concatenation of the original files (each a
 * `window.YTD… = […]` statement), so re-mapping it later needs nothing else. A missing owner file is not an
 * error here (`map` reports 'no-owner'), nor is a missing note-tweet.js (long posts keep their cut text).
 * note-tweet.js given on its own is read alone: its notes complete the tweets files, never posts themselves.
 */
export async function* readArchive(file: string, options: ReadOptions): AsyncGenerator<ReadEvent> {
  if (options.from) return; // like readWhole: the file's one item was imported before the run stopped
  const name = path.basename(file).replace(/\.gz$/, '');
  if (name === NOTE_FILE) {
    yield* readWhole(file, options);
    return;
  }
  const dir = path.dirname(file);
  const front: ReadItem[] = [];
  for (const owner of OWNER_FILES) {
    if (owner === name) continue;
    const without = 'tweets are mapped without it';
    yield* sibling(dir, owner, options.maxItemBytes, 'owner-file-unreadable', without, front);
  }
  const notes: ReadItem[] = [];
  const without = 'long posts keep their cut text';
  yield* sibling(dir, NOTE_FILE, options.maxItemBytes, 'note-file-unreadable', without, notes);
  for (const note of notes) {
    // Text that does not start with its assignment would be read by `map` as the end of the section before it.
    if (NOTE_START.test(note.text)) front.push(note);
    else {
      yield {
        kind: 'issue',
        severity: 'warning',
        code: 'note-file-unreadable',
        message: `${NOTE_FILE}: not a \`window.YTD.note_tweet.partN = […]\` file (${without})`,
        line: null,
        byteOffset: null,
      };
    }
  }
  for await (const ev of readWhole(file, options)) {
    if (ev.kind !== 'item' || front.length === 0) {
      yield ev;
      continue;
    }
    yield {
      ...ev,
      bytes: Buffer.concat([...front.flatMap((o) => [o.bytes, NEWLINE]), ev.bytes]),
      text: [...front.map((o) => o.text), ev.text].join('\n'),
    };
  }
}

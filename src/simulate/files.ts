import { closeSync, mkdirSync, openSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

const FLUSH_BYTES = 1 << 16;

/** One output file, written synchronously through a small buffer; its modification time is set on close. */
export class Sink {
  private fd: number;
  private parts: string[] = [];
  private pending = 0;
  bytes = 0;

  constructor(
    private readonly tree: OutputTree,
    readonly file: string,
    private readonly mtimeMs: number,
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, 'w');
  }

  write(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (!this.parts.length) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.pending = 0;
  }

  close(): void {
    if (this.fd < 0) return;
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
    // Sources without a retrieval time of their own (Bluesky, Mastodon, Telegram, feeds) are dated by the
    // importer from the file's modification time: it is the collection time, set here deterministically.
    const t = this.mtimeMs / 1000;
    utimesSync(this.file, t, t);
    this.tree.closed(this.bytes);
  }
}

/** The output folder: counts files and bytes written. */
export class OutputTree {
  files = 0;
  bytes = 0;
  constructor(readonly root: string) {}

  /** A whole binary file (an avatar) at once. */
  writeFile(rel: string, bytes: Buffer, mtimeMs: number): void {
    const file = path.join(this.root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    utimesSync(file, mtimeMs / 1000, mtimeMs / 1000);
    this.closed(bytes.length);
  }

  open(rel: string, mtimeMs: number): Sink {
    return new Sink(this, path.join(this.root, rel), mtimeMs);
  }

  closed(bytes: number): void {
    this.files++;
    this.bytes += bytes;
  }
}

/** JSON Lines split into numbered files of bounded size: `<base>-0001.jsonl`, `<base>-0002.jsonl`, … */
export class JsonlSeries {
  private sink: Sink | null = null;
  private n = 0;
  constructor(
    private readonly tree: OutputTree,
    private readonly base: string,
    private readonly mtimeMs: number,
    private readonly maxBytes = 64 << 20,
  ) {}

  line(value: unknown): void {
    if (!this.sink || this.sink.bytes >= this.maxBytes) {
      this.sink?.close();
      this.sink = this.tree.open(`${this.base}-${String(++this.n).padStart(4, '0')}.jsonl`, this.mtimeMs);
    }
    this.sink.write(`${JSON.stringify(value)}\n`);
  }

  close(): void {
    this.sink?.close();
    this.sink = null;
  }
}

export const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000Z');

/** Groups items by a key, keeping the first-seen order of keys. */
export function groupBy<T>(items: readonly T[], key: (t: T) => number): T[][] {
  const m = new Map<number, T[]>();
  for (const it of items) {
    const k = key(it);
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(it);
  }
  return [...m.values()];
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

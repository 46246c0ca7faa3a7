import cliProgress from 'cli-progress';

/** Progress of a long import: a bar on a terminal, a plain line every few seconds otherwise (CI logs). */
export interface Progress {
  start(total: { files: number; bytes: number }): void;
  /** Reading has reached `byteOffset` in `file`. */
  advance(file: string, byteOffset: number): void;
  /** `n` more posts were read and mapped. */
  posts(n: number): void;
  /** A batch committed; `accepted` new posts so far in the run. */
  committed(accepted: number): void;
  stop(): void;
}

export const silentProgress: Progress = {
  start: () => undefined,
  advance: () => undefined,
  posts: () => undefined,
  committed: () => undefined,
  stop: () => undefined,
};

export function createProgress(opts: {
  interactive: boolean;
  write: (line: string) => void;
  now?: () => number;
  intervalMs?: number;
}): Progress {
  const now = opts.now ?? (() => Date.now());
  let started = 0;
  let totalBytes = 0;
  let fileBase = 0; // bytes of the files finished before the current one
  let currentFile = '';
  let currentOffset = 0;
  let read = 0;
  let accepted = 0;
  let lastLine = 0;
  let bar: cliProgress.SingleBar | null = null;
  const rate = () => Math.round(read / Math.max(0.001, (now() - started) / 1000));
  const done = () => Math.min(totalBytes, fileBase + currentOffset);
  const line = () => {
    const pct = totalBytes ? ` (${Math.floor((100 * done()) / totalBytes)}% of ${mb(totalBytes)})` : '';
    return `import: ${read.toLocaleString('en')} posts read, ${accepted.toLocaleString('en')} new, ${rate().toLocaleString('en')} posts/s${pct}`;
  };
  return {
    start(total) {
      started = now();
      lastLine = started;
      totalBytes = total.bytes;
      if (opts.interactive) {
        bar = new cliProgress.SingleBar(
          {
            format: 'import [{bar}] {percentage}% | {posts} posts | {rate} posts/s | {eta_formatted} left',
            hideCursor: true,
            noTTYOutput: false,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(Math.max(1, total.bytes), 0, { posts: '0', rate: '0' });
      }
    },
    advance(file, byteOffset) {
      if (file !== currentFile) {
        fileBase += currentOffset;
        currentFile = file;
      }
      currentOffset = byteOffset;
    },
    posts(n) {
      read += n;
      if (bar) bar.update(done(), { posts: read.toLocaleString('en'), rate: rate().toLocaleString('en') });
      else if (now() - lastLine >= (opts.intervalMs ?? 5000)) {
        lastLine = now();
        opts.write(line());
      }
    },
    committed(n) {
      accepted = n;
    },
    stop() {
      if (bar) {
        bar.update(totalBytes);
        bar.stop();
        bar = null;
      } else if (read > 0 && now() - started >= (opts.intervalMs ?? 5000)) opts.write(line());
    },
  };
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(bytes < 10485760 ? 1 : 0)} MB`;

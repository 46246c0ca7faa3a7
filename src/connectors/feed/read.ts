import type { ReadEvent, ReadOptions } from '../connector.js';
import { readWhole } from '../shared/read-file.js';
import { decodeFeedBytes } from './decode.js';

/**
 * One feed per file. The shared `readWhole` does the I/O (gzip, size limit, unreadable files, resume); its
 * UTF-8 text is replaced by a decoding that honours the feed's BOM and XML declaration, so a
 * windows-1251 or UTF-16 feed reaches `map` as the right characters. `bytes` stays the file's bytes (a
 * UTF-8 BOM dropped, as `readWhole` does), to be decoded again the same way by `decodeFeedBytes`.
 */
export async function* readFeed(path: string, options: ReadOptions): AsyncGenerator<ReadEvent> {
  for await (const event of readWhole(path, options)) {
    if (event.kind === 'issue') {
      // readWhole judged the bytes as UTF-8; decodeFeedBytes judges them in the declared encoding instead.
      if (event.code !== 'invalid-utf8') yield event;
      continue;
    }
    const decoded = decodeFeedBytes(event.bytes);
    for (const w of decoded.warnings) {
      yield {
        kind: 'issue',
        severity: 'warning',
        code: w.code,
        message: w.message,
        line: null,
        byteOffset: 0,
      };
    }
    yield { ...event, text: decoded.text };
  }
}

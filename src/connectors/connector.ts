import type { MapOutput } from '../domain/canonical.js';
import type { KnownPlatform } from '../domain/platforms.js';

/** Where an item sits in its source file; `line` is 1-based, `byteOffset` counts bytes of the decompressed stream. */
export interface Position {
  line: number | null;
  byteOffset: number | null;
}

/** One source item exactly as read: its bytes (kept as the raw payload), its decoded text and position. */
export interface ReadItem extends Position {
  kind: 'item';
  bytes: Buffer;
  text: string;
  /** True when this is the last line of a file that does not end with a newline (a cut-off write). */
  unterminated: boolean;
}

/** A problem met while reading (not mapping): invalid UTF-8, an over-long line, an unreadable file. */
export interface ReadIssue extends Position {
  kind: 'issue';
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export type ReadEvent = ReadItem | ReadIssue;

export interface ReadOptions {
  /**
   * Resume from a checkpoint: the position of the last item already imported. A reader may skip what lies
   * before it (items starting before it are not yielded); the ingest step drops that item itself and
   * everything before it, so a reader that ignores `from` is still correct, only slower.
   */
  from: Position | null;
  /** Items larger than this are reported (`item-too-large`) and skipped without being held in memory. */
  maxItemBytes: number;
}

export interface MapContext {
  /** The observation time to use when the item carries none (the file's modification time): deterministic on re-import. */
  observedAt: string;
  /** The file's path as given, for messages. */
  file: string;
}

export interface DetectSample {
  /** Path of the file as given (`.gz` already stripped from the name). */
  name: string;
  /** The first 64 KiB of the decompressed file, BOM removed, decoded as UTF-8 with replacement. */
  head: string;
}

export interface Connector {
  /** Stable id, used by `--format` and in `byFormat`. */
  id: string;
  /** The platform most of its posts belong to (a feed connector may also yield YouTube posts); CSV rows name their own. */
  platform: KnownPlatform | 'mixed';
  title: string;
  /** How the ingest step hands an item's text to `map`: `json` parses it first (a parse failure is an issue). */
  payload: 'json' | 'text';
  /** How the raw payload is labelled in `raw_records.encoding` (before compression). */
  rawEncoding: 'json' | 'xml' | 'text';
  /** 0 = not this format; the highest score above 0 wins. Must be cheap and must not throw. */
  detect(sample: DetectSample): number;
  /** I/O: yields items with their position, and read problems as issues. */
  read(path: string, options: ReadOptions): AsyncIterable<ReadEvent>;
  /** Pure: one item (parsed JSON, or text) to canonical records and issues. Must not throw on bad input. */
  map(value: unknown, context: MapContext): MapOutput;
}

export function defineConnector(connector: Connector): Connector {
  return connector;
}

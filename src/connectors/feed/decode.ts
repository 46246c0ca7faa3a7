import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/**
 * Bytes of a feed to text, following XML's own rules (XML 1.0 appendix F): a byte-order mark wins, then the
 * UTF-16 shape of `<?`, then the `encoding` of the XML declaration, else UTF-8. Pure, so a re-mapper can
 * decode the stored raw bytes exactly as the import did.
 */

export interface DecodeWarning {
  code: 'unknown-encoding' | 'encoding-mismatch' | 'invalid-utf8' | 'invalid-bytes';
  message: string;
}

export interface DecodedFeed {
  text: string;
  /** The iconv-lite name actually used. */
  encoding: string;
  warnings: DecodeWarning[];
}

const DECLARATION = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']/;
// WHATWG Encoding: these labels mean windows-1252 in practice (0x80-0x9F are curly quotes, not C1 controls).
const AS_WINDOWS_1252 = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii']);
const UTF8 = new Set(['utf-8', 'utf8']);

function hasNonAscii(bytes: Buffer): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

function sniff(bytes: Buffer): { encoding: string; skip: number } | null {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return { encoding: 'utf-16le', skip: 0 };
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return { encoding: 'utf-16be', skip: 0 };
  return null;
}

function decodeUtf8(bytes: Buffer, warnings: DecodeWarning[]): DecodedFeed {
  if (!isUtf8(bytes)) {
    warnings.push({
      code: 'invalid-utf8',
      message: 'invalid UTF-8 bytes replaced by U+FFFD (the raw payload keeps the original bytes)',
    });
  }
  return { text: bytes.toString('utf8'), encoding: 'utf-8', warnings };
}

export function decodeFeedBytes(input: Buffer): DecodedFeed {
  const warnings: DecodeWarning[] = [];
  const bom = sniff(input);
  const bytes = bom ? input.subarray(bom.skip) : input;
  if (bom?.encoding === 'utf-8') return decodeUtf8(bytes, warnings);
  let encoding = bom?.encoding ?? 'utf-8';
  if (!bom) {
    // The declaration is ASCII in every ASCII-compatible encoding, so latin1 reads it faithfully.
    const label = DECLARATION.exec(bytes.subarray(0, 512).toString('latin1'))?.[1]?.toLowerCase();
    if (label && !UTF8.has(label)) {
      const name = AS_WINDOWS_1252.has(label) ? 'windows-1252' : label;
      if (!iconv.encodingExists(name)) {
        warnings.push({
          code: 'unknown-encoding',
          message: `unknown encoding "${label}" in the XML declaration; read as UTF-8`,
        });
      } else if (/^utf-?(16|32)/.test(name)) {
        // A declaration we could read as ASCII cannot be in UTF-16/32: the label is wrong.
        warnings.push({
          code: 'encoding-mismatch',
          message: `the XML declaration says "${label}" but the bytes are not ${label}; read as UTF-8`,
        });
      } else if (isUtf8(bytes) && hasNonAscii(bytes)) {
        // Legacy-encoded text with letters is almost never valid UTF-8; valid UTF-8 here means a wrong label.
        warnings.push({
          code: 'encoding-mismatch',
          message: `the XML declaration says "${label}" but the bytes are valid UTF-8; read as UTF-8`,
        });
      } else encoding = name;
    }
  }
  if (encoding === 'utf-8') return decodeUtf8(bytes, warnings);
  const text = iconv.decode(bytes, encoding, { stripBOM: false });
  // A U+FFFD the source did not contain marks undecodable bytes; re-encoding tells the two apart.
  if (text.includes('\uFFFD') && !iconv.encode(text, encoding).equals(bytes)) {
    warnings.push({
      code: 'invalid-bytes',
      message: `bytes that are not valid ${encoding} were replaced by U+FFFD (the raw payload keeps them)`,
    });
  }
  return { text, encoding, warnings };
}

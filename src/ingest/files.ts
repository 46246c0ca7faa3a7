import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Connector } from '../connectors/connector.js';
import { readErrorMessage, readHead } from '../connectors/shared/read-file.js';
import type { PendingIssue } from './batch.js';

/** Files under the given paths (directories walked, hidden entries skipped), sorted, with missing paths as issues. */
export async function expandPaths(
  paths: readonly string[],
): Promise<{ files: string[]; issues: PendingIssue[] }> {
  const files: string[] = [];
  const issues: PendingIssue[] = [];
  const walk = async (p: string): Promise<void> => {
    let st;
    try {
      st = await stat(p);
    } catch (error) {
      const code = (error as { code?: string }).code;
      issues.push(
        fileIssue(p, 'unreadable', code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${code}`),
      );
      return;
    }
    if (st.isFile()) {
      files.push(p);
      return;
    }
    if (!st.isDirectory()) return;
    const entries = (await readdir(p)).filter((e) => !e.startsWith('.')).sort();
    for (const e of entries) await walk(path.join(p, e));
  };
  for (const p of paths) await walk(path.resolve(p));
  return { files: [...new Set(files)], issues };
}

export function fileIssue(
  file: string,
  code: string,
  message: string,
  connector: string | null = null,
): PendingIssue {
  return { connector, file, line: null, byteOffset: null, severity: 'error', code, message, recordKey: null };
}

/**
 * The connector whose `detect` scores the file's first 64 KiB highest; null when none recognises it. A file
 * that cannot be read at all is an `unreadable` error.
 */
export async function detectConnector(
  file: string,
  candidates: readonly Connector[],
): Promise<Connector | null | { unreadable: string }> {
  let head: string;
  try {
    const bytes = await readHead(file, 1 << 16);
    head = bytes.toString('utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    return { unreadable: readErrorMessage(error) };
  }
  const name = file.replace(/\.gz$/, '');
  let best: Connector | null = null;
  let bestScore = 0;
  for (const c of candidates) {
    let score = 0;
    try {
      score = c.detect({ name, head });
    } catch {
      score = 0;
    }
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../domain/errors.js';

export interface HomeLock {
  release(): void;
}

/**
 * PGlite holds its data directory alone: two processes writing it would corrupt it.
 * A pid file in the home directory turns that into a clear message; a stale lock is taken over.
 */
export function acquireHomeLock(home: string): HomeLock {
  const file = path.join(home, 'attache.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new UserError(
          `the embedded database in ${home} is in use by process ${pid}; stop it or set ATTACHE_HOME to another folder`,
          'db-locked',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new UserError(`cannot lock ${file}`, 'db-locked');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

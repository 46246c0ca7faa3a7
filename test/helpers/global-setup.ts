import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startCluster } from './pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of a PostgreSQL server for the integration suite, or null when none is available. */
    postgresUrl: string | null;
  }
}

/**
 * Uses TEST_DATABASE_URL, or starts a throwaway PostgreSQL cluster when the binaries exist. Every temporary
 * folder the tests make (os.tmpdir()) lands in one folder of this run, removed when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const stopCluster = await setupBackends(project);
  const runTmp = mkdtempSync(path.join(tmpdir(), 'attache-test-run-'));
  chmodSync(runTmp, 0o755);
  process.env.TMPDIR = runTmp; // inherited by the test workers, started after this
  return () => {
    stopCluster();
    if (!process.env.ATTACHE_KEEP_TEST_TMP) rmSync(runTmp, { recursive: true, force: true });
  };
}

async function setupBackends(project: TestProject): Promise<() => void> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    process.stdout.write(`[attache tests] backends: PGlite + PostgreSQL server from TEST_DATABASE_URL\n`);
    return () => undefined;
  }
  const cluster = await startCluster({ fsync: false });
  if (!cluster) {
    project.provide('postgresUrl', null);
    process.stdout.write(
      '[attache tests] backends: PGlite only — PostgreSQL server SKIPPED (no TEST_DATABASE_URL and no initdb/pg_ctl)\n',
    );
    return () => undefined;
  }
  project.provide('postgresUrl', cluster.url);
  process.stdout.write(
    `[attache tests] backends: PGlite + throwaway PostgreSQL server (${cluster.version}) at ${cluster.url}\n`,
  );
  return () => cluster.stop();
}

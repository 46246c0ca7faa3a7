import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { initPgliteDataDir } from './pglite-init.js';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { DatabaseUnavailableError, errorMessage } from '../domain/errors.js';
import { acquireHomeLock, type HomeLock } from './home-lock.js';

export type Row = Record<string, unknown>;

/** What every caller may do with a connection or a transaction; one adapter, two backends. */
export interface Queryable {
  /**
   * `prepared`: on a server, a named prepared statement (named by the text's hash, prepared once per connection):
   * a frequent statement with a large plan is then planned again only when PostgreSQL's plan cache decides.
   * Only for fixed SQL texts (each distinct text is one more statement kept per connection). PGlite ignores it.
   */
  query<T = Row>(sql: string, params?: readonly unknown[], opts?: { prepared?: boolean }): Promise<T[]>;
  /** Runs one or more statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
  /** Bulk insert through COPY (text format). Values: null, string, number, boolean, Date, Buffer (bytea), string[] (text[]), or JSON-able objects. */
  copyFrom(table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>): Promise<number>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, safe to print (no password). */
  readonly location: string;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `home: null` is an in-memory embedded database (tests). */
export type DatabaseTarget = { kind: 'pglite'; home: string | null } | { kind: 'postgres'; url: string };

/** A prepared statement's name: its text's hash (the same text is the same statement on every connection). */
const statementName = (sql: string) => `attache_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;

// Platform ids are text; these parsers only touch our own counters and ids, which stay far below 2^53.
function parseSafeInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${value} exceeds the safe range`);
  return n;
}
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parsers: Record<number, (value: string) => unknown> = {
  [INT8]: parseSafeInt,
  [NUMERIC]: (v) => Number(v),
  [DATE]: (v) => v, // keep 'YYYY-MM-DD': a date has no time zone to shift
};

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'pglite' ? openPglite(target.home) : openPostgres(target.url);
}

/** COPY text format: tab-separated, `\N` for NULL, backslash escapes. */
export function copyText(rows: Iterable<readonly unknown[]>): { text: string; count: number } {
  let text = '';
  let count = 0;
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) text += (i ? '\t' : '') + copyValue(row[i]);
    text += '\n';
    count++;
  }
  return { text, count };
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const noNul = (s: string) => (s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s);

/** PostgreSQL text cannot hold NUL, and hostile input may carry it: it becomes U+FFFD (raw payloads keep it). */
function bindable(value: unknown): unknown {
  if (typeof value === 'string') return noNul(value);
  if (Array.isArray(value)) return value.map((v: unknown) => (typeof v === 'string' ? noNul(v) : v));
  return value;
}

function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let s: string;
  if (typeof value === 'string') s = noNul(value);
  else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  else if (value instanceof Date) return value.toISOString();
  else if (Buffer.isBuffer(value))
    return `\\\\x${value.toString('hex')}`; // bytea hex input, backslash escaped
  else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) s = pgTextArray(value);
  else s = JSON.stringify(value);
  return COPY_SPECIAL.test(s) ? s.replace(COPY_SPECIAL_ALL, (c) => COPY_ESCAPES[c]!) : s;
}

function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function copySql(table: string, columns: readonly string[], source: string): string {
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}`;
}

async function openPglite(home: string | null): Promise<Database> {
  let lock: HomeLock | null = null;
  const dataDir = home === null ? null : path.join(home, 'pgdata');
  if (home !== null) {
    mkdirSync(home, { recursive: true });
    lock = acquireHomeLock(home);
  }
  let db: PGlite;
  try {
    if (dataDir !== null) await initPgliteDataDir(dataDir);
    db = await PGlite.create(dataDir ?? undefined, { parsers });
  } catch (error) {
    lock?.release();
    throw new DatabaseUnavailableError(
      `cannot open the embedded database at ${dataDir ?? 'memory'}: ${errorMessage(error)}`,
      'db-open',
    );
  }
  const over = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await q.query<T>(sql, params.map(bindable))).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    async copyFrom(table, columns, rows) {
      const { text, count } = copyText(rows);
      if (count === 0) return 0;
      await q.query(copySql(table, columns, "'/dev/blob'"), [], { blob: new Blob([text]) });
      return count;
    },
  });
  return {
    kind: 'pglite',
    location: dataDir ?? 'memory',
    ...over(db),
    transaction: (fn) => db.transaction((tx) => fn(over(tx))),
    async close() {
      await db.close();
      lock?.release();
    },
  };
}

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: ((oid: number, format?: string): ((value: string) => unknown) =>
        parsers[oid] ??
        (pg.types.getTypeParser(oid, format as 'text') as (
          value: string,
        ) => unknown)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const location = describeUrl(url);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new DatabaseUnavailableError(
      `cannot connect to PostgreSQL at ${location}: ${errorMessage(error) || 'connection failed'}`,
      'db-connect',
    );
  }
  const over = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = [], opts?: { prepared?: boolean }) {
      const values = params.map(bindable);
      if (opts?.prepared) return (await q.query({ name: statementName(sql), text: sql, values })).rows as T[];
      return (await q.query(sql, values)).rows as T[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
    async copyFrom(table, columns, rows) {
      const { text, count } = copyText(rows);
      if (count === 0) return 0;
      const client = 'release' in q ? q : await q.connect();
      try {
        await pipeline(
          Readable.from([text]),
          client.query(copyStreams.from(copySql(table, columns, 'STDIN'))),
        );
      } finally {
        if (client !== q) client.release();
      }
      return count;
    },
  });
  return {
    kind: 'postgres',
    location,
    ...over(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(over(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

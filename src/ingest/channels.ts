import type { Queryable } from '../db/database.js';
import { normaliseHandle } from '../domain/handles.js';

/** An author or account as a source names it: a platform user id, a handle, or both. */
export interface ChannelRef {
  platform: string;
  platformUserId: string | null;
  handle: string | null;
  displayName?: string | null;
}

interface Normalised {
  platform: string;
  uid: string | null;
  handle: string | null;
  norm: string | null;
  url: string | null;
  displayName: string | null;
}

const idKey = (platform: string, uid: string) => `${platform}\u0000i\u0000${uid}`;
const handleKey = (platform: string, norm: string) => `${platform}\u0000h\u0000${norm}`;

const primaryKey = (n: Normalised) =>
  n.uid ? idKey(n.platform, n.uid) : handleKey(n.platform, n.norm ?? '');

function normalise(ref: ChannelRef): Normalised {
  let handle: string | null = null;
  let norm: string | null = null;
  let url: string | null = null;
  if (ref.handle) {
    const h = normaliseHandle(ref.platform, ref.handle);
    if (h.ok)
      ({ handle, norm, url } = { handle: h.value.handle, norm: h.value.norm, url: h.value.url || null });
    else [handle, norm] = [ref.handle, ref.handle.trim().toLowerCase()];
  }
  return {
    platform: ref.platform,
    uid: ref.platformUserId,
    handle,
    norm,
    url,
    displayName: ref.displayName ?? null,
  };
}

/**
 * Finds the channel of each author, creating channels (without an actor) for authors the store has not
 * seen. A registry channel known only by its handle is matched by handle and learns its user id, which
 * links the author's posts to the registry actor. Lookups are cached for the whole import; entries made in
 * a batch enter the cache only when that batch commits.
 */
export class ChannelResolver {
  private readonly cache = new Map<string, number>();
  private pending = new Map<string, number>();
  /** Keys looked up by `find` and not in the store (mentions of unknown accounts): not asked again. */
  private readonly absent = new Set<string>();

  lookup(platform: string, uid: string | null, handle: string | null): number | null {
    if (uid) {
      const id = this.get(idKey(platform, uid));
      if (id !== undefined) return id;
    }
    if (handle) {
      const id = this.get(handleKey(platform, this.normOf(platform, handle)));
      if (id !== undefined) return id;
    }
    return null;
  }

  /** The matching form of a handle, memoised: the same few thousand authors recur on every page. */
  private readonly norms = new Map<string, string>();
  private normOf(platform: string, handle: string): string {
    const key = `${platform}\u0000${handle}`;
    let norm = this.norms.get(key);
    if (norm === undefined) {
      const h = normaliseHandle(platform, handle);
      norm = h.ok ? h.value.norm : handle.trim().toLowerCase();
      if (this.norms.size > 200_000) this.norms.clear();
      this.norms.set(key, norm);
    }
    return norm;
  }

  commit(): void {
    for (const [k, v] of this.pending) this.cache.set(k, v);
    this.pending = new Map();
  }

  rollback(): void {
    this.pending = new Map();
  }

  private get(key: string): number | undefined {
    return this.pending.get(key) ?? this.cache.get(key);
  }

  private remember(n: Normalised, id: number): void {
    if (n.uid) this.pending.set(idKey(n.platform, n.uid), id);
    if (n.norm) this.pending.set(handleKey(n.platform, n.norm), id);
  }

  /** Existing channels only (mention targets): never creates one. */
  async find(tx: Queryable, refs: readonly ChannelRef[]): Promise<void> {
    const todo = this.unknown(refs).filter((n) => !this.absent.has(primaryKey(n)));
    if (!todo.length) return;
    await this.fetch(tx, todo);
    for (const n of todo) {
      if (this.lookup(n.platform, n.uid, n.handle) === null) this.absent.add(primaryKey(n));
    }
  }

  /** Resolves every ref with a user id or a handle, creating the channels that do not exist yet. */
  async ensure(tx: Queryable, refs: readonly ChannelRef[], now: Date): Promise<void> {
    const todo = this.unknown(refs);
    if (!todo.length) return;
    const found = await this.fetch(tx, todo);
    // Authors with an id first, so that a handle-only mention of the same account finds it afterwards.
    todo.sort((a, b) => Number(b.uid !== null) - Number(a.uid !== null));
    const learnUid: [number, string][] = [];
    const create: Normalised[] = [];
    for (const n of todo) {
      const byUid = n.uid ? this.get(idKey(n.platform, n.uid)) : undefined;
      const byHandle = n.norm ? this.get(handleKey(n.platform, n.norm)) : undefined;
      if (byUid !== undefined) continue;
      if (byHandle !== undefined) {
        const known = found.get(byHandle);
        // The handle's channel has no user id yet: this is that account (registry channels start so).
        if (n.uid && known && known.uid === null) {
          learnUid.push([byHandle, n.uid]);
          known.uid = n.uid;
          this.remember(n, byHandle);
          continue;
        }
        if (!n.uid) continue;
        // The handle now belongs to a different account than the one stored: keep both, handle unmatched.
        n.norm = null;
      }
      create.push(n);
      this.remember(n, -1); // placeholder so that duplicates in this batch are created once
    }
    if (learnUid.length) {
      await tx.query(
        `UPDATE channels c SET platform_user_id = u.uid, updated_at = $3
         FROM unnest($1::bigint[], $2::text[]) AS u(id, uid) WHERE c.id = u.id AND c.platform_user_id IS NULL`,
        [learnUid.map((x) => x[0]), learnUid.map((x) => x[1]), now],
      );
    }
    if (!create.length) return;
    const rows = await tx.query<{ id: number }>(
      `INSERT INTO channels (platform, handle, handle_norm, platform_user_id, url, display_name, first_seen, updated_at)
       SELECT p, h, n, u, l, d, $7::date, $8 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         WITH ORDINALITY AS x(p, h, n, u, l, d, i)
       ORDER BY i RETURNING id`,
      [
        create.map((n) => n.platform),
        create.map((n) => n.handle),
        create.map((n) => n.norm),
        create.map((n) => n.uid),
        create.map((n) => n.url),
        create.map((n) => n.displayName),
        now.toISOString().slice(0, 10),
        now,
      ],
    );
    create.forEach((n, i) => {
      this.remember(n, rows[i]!.id);
      this.absent.delete(primaryKey(n));
    });
  }

  private unknown(refs: readonly ChannelRef[]): Normalised[] {
    const seen = new Set<string>();
    const out: Normalised[] = [];
    for (const ref of refs) {
      if (!ref.platformUserId && !ref.handle) continue;
      if (this.lookup(ref.platform, ref.platformUserId, ref.handle) !== null) continue;
      const n = normalise(ref);
      const key = primaryKey(n);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(n);
    }
    return out;
  }

  private async fetch(
    tx: Queryable,
    todo: readonly Normalised[],
  ): Promise<Map<number, { uid: string | null }>> {
    const withUid = todo.filter((n) => n.uid);
    const withNorm = todo.filter((n) => n.norm);
    const rows = await tx.query<{ id: number; platform: string; uid: string | null; norm: string | null }>(
      `SELECT c.id, c.platform, c.platform_user_id AS uid, c.handle_norm AS norm FROM channels c
       JOIN unnest($1::text[], $2::text[]) AS k(platform, uid) ON c.platform = k.platform AND c.platform_user_id = k.uid
       UNION
       SELECT c.id, c.platform, c.platform_user_id, c.handle_norm FROM channels c
       JOIN unnest($3::text[], $4::text[]) AS k(platform, norm) ON c.platform = k.platform AND c.handle_norm = k.norm`,
      [
        withUid.map((n) => n.platform),
        withUid.map((n) => n.uid),
        withNorm.map((n) => n.platform),
        withNorm.map((n) => n.norm),
      ],
    );
    const found = new Map<number, { uid: string | null }>();
    for (const r of rows) {
      found.set(r.id, { uid: r.uid });
      if (r.uid) this.pending.set(idKey(r.platform, r.uid), r.id);
      if (r.norm) this.pending.set(handleKey(r.platform, r.norm), r.id);
    }
    return found;
  }
}

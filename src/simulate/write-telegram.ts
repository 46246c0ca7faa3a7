import { type OutputTree, type Sink } from './files.js';
import { countsAt, RECOLLECT_AFTER } from './metrics.js';
import type { SimPost } from './model.js';
import { DAY_MS } from './model.js';
import type { Plan } from './plan.js';

type Json = Record<string, unknown>;

interface Open {
  sink: Sink;
  month: string;
  exportAt: number;
  first: boolean;
}

/**
 * Telegram Desktop channel exports (`result.json`), one per channel and calendar month (a date-range export),
 * written message by message so that a busy channel never sits in memory.
 */
export class TelegramWriter {
  private readonly open = new Map<number, Open>();

  constructor(
    private readonly tree: OutputTree,
    private readonly plan: Plan,
  ) {}

  private message(p: SimPost, t: number): Json {
    const m = countsAt(p, t);
    const sec = Math.floor(p.at / 1000);
    const runs = p.segments.map((s) =>
      s.type === 'tag' ? { type: 'hashtag', text: s.text } : { type: 'plain', text: s.text },
    );
    const out: Json = {
      id: Number(p.localId),
      type: 'message',
      date: new Date(sec * 1000).toISOString().slice(0, 19),
      date_unixtime: String(sec),
    };
    if (p.editedAt !== null) {
      const e = Math.floor(p.editedAt / 1000);
      out.edited = new Date(e * 1000).toISOString().slice(0, 19);
      out.edited_unixtime = String(e);
    }
    out.from = p.author.displayName;
    out.from_id = `channel${p.author.userId}`;
    if (p.forwardedFrom !== null) out.forwarded_from = p.forwardedFrom;
    if (p.telegramReplyTo !== null) out.reply_to_message_id = p.telegramReplyTo;
    const photo = p.media[0];
    if (photo) {
      const d = new Date(p.at);
      const stamp = `${String(d.getUTCDate()).padStart(2, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${d.getUTCFullYear()}_${d.toISOString().slice(11, 19).replace(/:/g, '-')}`;
      out.photo = `photos/photo_${p.localId}@${stamp}.jpg`;
      out.width = photo.width;
      out.height = photo.height;
    }
    out.views = m.views;
    out.forwards = m.reposts;
    out.reactions = [
      { type: 'emoji', count: Math.ceil(m.likes * 0.7), emoji: '👍' },
      { type: 'emoji', count: Math.floor(m.likes * 0.3), emoji: '❤' },
    ];
    out.text = runs.some((r) => r.type !== 'plain')
      ? runs.map((r) => (r.type === 'plain' ? r.text : r))
      : runs.map((r) => r.text).join('');
    out.text_entities = runs;
    return out;
  }

  day(_day: number, all: readonly SimPost[]): void {
    const { startMs, days } = this.plan.options;
    const end = startMs + days * DAY_MS;
    for (const p of all) {
      if (p.platform !== 'telegram') continue;
      const month = new Date(p.at).toISOString().slice(0, 7);
      let o = this.open.get(p.author.index);
      if (o && o.month !== month) {
        this.finishOne(o);
        o = undefined;
      }
      if (!o) {
        const d = new Date(p.at);
        const nextMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
        const exportAt = Math.min(nextMonth, end) + RECOLLECT_AFTER;
        const a = p.author;
        const sink = this.tree.open(`data/telegram/${a.handle}/${month}/result.json`, exportAt);
        sink.write(
          `{\n "name": ${JSON.stringify(a.displayName)},\n "type": "public_channel",\n "id": ${a.userId},\n "messages": [\n`,
        );
        o = { sink, month, exportAt, first: true };
        this.open.set(a.index, o);
      }
      o.sink.write(
        `${o.first ? '' : ',\n'}${JSON.stringify(this.message(p, o.exportAt), null, 1).replace(/^/gm, '  ')}`,
      );
      o.first = false;
    }
  }

  private finishOne(o: Open): void {
    o.sink.write('\n ]\n}\n');
    o.sink.close();
  }

  finish(): void {
    for (const [, o] of [...this.open.entries()].sort((a, b) => a[0] - b[0])) this.finishOne(o);
    this.open.clear();
  }
}

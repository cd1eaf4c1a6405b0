// The persistent outbox: one file per item in `<dataDir>/outbox/`, written to a temporary name and renamed
// into place (rename is atomic, so after a crash a file is either whole or absent), deleted when the item is
// acknowledged or given up. Why not an append log with group commit: items finish out of order (per-target
// queues, retries, rate limits), so a log needs compaction and an index to find what is still pending;
// a directory is that index, a restart is a `readdir`, and an acknowledged item's file is simply gone, so it
// can never be sent again. The cost (create + rename + unlink per item) is measured by `npm run bench:forward`.
// No fsync: the files survive a crash or `kill -9` of the process (they are in the OS page cache); a power
// cut may lose the last seconds, which is the trade every log with group commit makes as well.
//
// The outbox is capped in bytes (of its files); adding past the cap deletes the oldest items first (the
// caller counts them and reports them to Sentry). Bodies stay in memory only up to a budget, beyond it they
// are read back from disk when sent, so memory stays bounded however long a target is down.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NewDelivery } from './types.js';

export interface OutboxItem {
  id: string;
  seq: number;
  targetId: string;
  traceIds: string[];
  eventIds: string[];
  category: NewDelivery['category'];
  contentType: string;
  /** Events (or spans) inside, for client reports. */
  quantity: number;
  enqueuedAt: number;
  /** Whether the body was given as bytes (else it was text, and is handed back as text). */
  binary: boolean;
  /** Size of the item's file: what the cap counts. */
  bytes: number;
  file: string;
  body?: Uint8Array;
}

export interface OutboxOptions {
  maxBytes: number;
  /** false: keep items in memory only (no crash safety) — the benchmark's baseline, never the app's. */
  persist?: boolean;
  /** Bodies kept in memory (beyond it, read from disk when sent). */
  memoryBytes: number;
}

type Header = Omit<OutboxItem, 'seq' | 'bytes' | 'file' | 'body'>;

const SUFFIX = '.item';
const TMP = '.tmp-';
const NL = 10;

export class OutboxFullError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboxFullError';
  }
}

export class Outbox {
  /** Oldest first (insertion order of a Map). */
  private readonly byId = new Map<string, OutboxItem>();
  private nextSeq = 1;
  private bytes = 0;
  private cachedBytes = 0;
  /** Files that could not be read at start (renamed to `*.corrupt`, kept for a human to look at). */
  readonly corrupt: string[] = [];

  private constructor(
    readonly dir: string,
    private readonly opts: OutboxOptions,
  ) {}

  /** Opens (creating) the outbox directory and loads every item a previous run left. */
  static open(dir: string, opts: OutboxOptions): Outbox {
    const box = new Outbox(dir, opts);
    if (opts.persist === false) return box;
    mkdirSync(dir, { recursive: true });
    box.load();
    return box;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get size(): number {
    return this.byId.size;
  }

  items(): IterableIterator<OutboxItem> {
    return this.byId.values();
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /**
   * Writes the item, first deleting the oldest items (those `canDrop` allows) while the cap would be passed.
   * Returns the item and what was deleted for it. Throws when the item alone is larger than the cap.
   */
  add(
    d: NewDelivery & { quantity?: number },
    now: number,
    canDrop: (item: OutboxItem) => boolean,
  ): { item: OutboxItem; dropped: OutboxItem[] } {
    const binary = typeof d.body !== 'string';
    const body = typeof d.body === 'string' ? Buffer.from(d.body, 'utf8') : d.body;
    const id = randomUUID();
    const header: Header = {
      id,
      targetId: d.targetId,
      traceIds: d.traceIds,
      eventIds: d.eventIds,
      category: d.category,
      contentType: d.contentType,
      quantity: d.quantity ?? Math.max(1, d.eventIds.length),
      enqueuedAt: now,
      binary,
    };
    const head = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
    const bytes = head.length + body.length;
    if (bytes > this.opts.maxBytes)
      throw new OutboxFullError(
        `item of ${bytes} bytes is larger than the whole outbox (${this.opts.maxBytes} bytes)`,
      );
    const dropped: OutboxItem[] = [];
    if (this.bytes + bytes > this.opts.maxBytes) {
      for (const old of this.byId.values()) {
        if (this.bytes + bytes <= this.opts.maxBytes) break;
        if (!canDrop(old)) continue;
        this.remove(old.id);
        dropped.push(old);
      }
      if (this.bytes + bytes > this.opts.maxBytes)
        throw new OutboxFullError('outbox full: every stored item is being sent right now');
    }
    const seq = this.nextSeq++;
    const file = join(this.dir, `${String(seq).padStart(12, '0')}-${id}${SUFFIX}`);
    const persist = this.opts.persist !== false;
    if (persist) {
      const tmp = join(this.dir, `${TMP}${id}`);
      writeFileSync(tmp, Buffer.concat([head, body], bytes));
      renameSync(tmp, file);
    }
    const item: OutboxItem = { ...header, seq, bytes, file };
    if (!persist || this.cachedBytes + body.length <= this.opts.memoryBytes) {
      item.body = body;
      this.cachedBytes += body.length;
    }
    this.byId.set(id, item);
    this.bytes += bytes;
    return { item, dropped };
  }

  /** The body bytes (from memory, or read back from the item's file). */
  body(item: OutboxItem): Uint8Array {
    if (item.body) return item.body;
    const buf = readFileSync(item.file);
    return buf.subarray(buf.indexOf(NL) + 1);
  }

  /** Deletes an item (acknowledged, failed for good, or dropped). Returns false if it was not there. */
  remove(id: string): boolean {
    const item = this.byId.get(id);
    if (!item) return false;
    this.byId.delete(id);
    this.bytes -= item.bytes;
    if (item.body) this.cachedBytes -= item.body.length;
    if (this.opts.persist === false) return true;
    try {
      unlinkSync(item.file);
    } catch (e) {
      // Already gone is fine (nothing else deletes it, but a user may have cleaned the folder).
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    return true;
  }

  private load(): void {
    const names = readdirSync(this.dir).sort();
    for (const name of names) {
      const full = join(this.dir, name);
      if (name.startsWith(TMP)) {
        // A write the crash interrupted: the item was never acknowledged to the caller (enqueue had not
        // returned), so it is not lost data.
        unlinkSync(full);
        continue;
      }
      if (!name.endsWith(SUFFIX)) continue;
      const seq = Number(name.slice(0, name.indexOf('-')));
      try {
        const buf = readFileSync(full);
        const nl = buf.indexOf(NL);
        if (nl < 0) throw new Error('no header line');
        const header = JSON.parse(buf.subarray(0, nl).toString('utf8')) as Header;
        if (typeof header.id !== 'string' || typeof header.targetId !== 'string')
          throw new Error('header without id or targetId');
        const item: OutboxItem = { ...header, seq, bytes: buf.length, file: full };
        this.byId.set(item.id, item);
        this.bytes += item.bytes;
        if (Number.isFinite(seq) && seq >= this.nextSeq) this.nextSeq = seq + 1;
      } catch {
        renameSync(full, `${full}.corrupt`);
        this.corrupt.push(name);
      }
    }
  }
}

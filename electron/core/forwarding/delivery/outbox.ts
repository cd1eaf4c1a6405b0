// (Over 400 lines: segments, acks, memory budget and compaction share one set of offsets; kept whole.)
// The persistent outbox in `<dataDir>/outbox/`: an append log in segments, with group commit.
//
//   seg-<n>.log    item records, appended: a JSON header line (with the body's byte length), the body, '\n'
//   seg-<n>.acks   one line per finished item of that segment (acknowledged, failed for good, dropped)
//
// Why a log and not one file per item: creating, renaming and deleting a file costs ~200 µs of CPU per item on
// an ext4 VM (measured by `npm run bench:forward`; it halved throughput), an append costs a few µs. The
// acknowledgements sit beside their own segment, so a segment whose items are all finished is deleted whole,
// in any order, and a restart is: read each segment, drop what its .acks lists, the rest is pending. An item
// acknowledged once is listed in .acks (or its segment is gone) and is never sent again.
//
// Durability: every record is written (one write(2)) before `add` returns, so it survives a crash or
// `kill -9` of the process (the OS page cache has it). Group commit: at most every 50 ms the active segment is
// fdatasync'ed in the background, so a power cut loses at most the last ~50 ms of items. A record cut short by
// a crash mid-write is ignored on restart (its `add` never returned).
//
// Size: the cap counts the bytes of pending items. Past it, the oldest are dropped first (the caller counts
// them and tells Sentry). Finished records are reclaimed a segment at a time; when the files pass cap + one
// segment, the live items of the emptiest segment (if at most half of it is live) are copied forward and the
// segment deleted, so the files stay under twice the cap even when each segment is pinned by an old item. Bodies stay in memory only up to a budget; beyond it they are read back when sent.
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fdatasync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
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
  /** Whether the body was given as bytes (else it was text). */
  binary: boolean;
  /** Size of the item's record: what the cap counts. */
  bytes: number;
  body?: Uint8Array;
}

export interface OutboxOptions {
  maxBytes: number;
  /** Bodies kept in memory (beyond it, read from disk when sent). */
  memoryBytes: number;
  /** false: keep items in memory only (no crash safety) — the benchmark's baseline, never the app's. */
  persist?: boolean;
  /** Segment size; default min(4 MiB, cap / 8). */
  segmentBytes?: number;
}

/** `seq` is written too: it keeps the order of items copied forward by compaction across a restart. */
type Header = Omit<OutboxItem, 'bytes' | 'body'> & { len: number };

interface Segment {
  n: number;
  log: string;
  acks: string;
  fd: number;
  acksFd: number;
  /** Bytes of the .log file. */
  size: number;
  live: Map<string, Located>;
}

interface Located {
  item: OutboxItem;
  segment: Segment;
  /** Where the body starts in the segment, and its length. */
  offset: number;
  length: number;
}

const NL = 10;
const GROUP_COMMIT_MS = 50;

export class OutboxFullError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboxFullError';
  }
}

export class Outbox {
  /** Oldest first (insertion order of a Map). */
  private readonly byId = new Map<string, Located>();
  private readonly segments = new Map<number, Segment>();
  private active: Segment | undefined;
  private nextSeq = 1;
  private liveBytes = 0;
  private diskBytes = 0;
  private cachedBytes = 0;
  private dirty = false;
  private syncTimer: NodeJS.Timeout | undefined;
  private readonly segmentBytes: number;
  private readonly persist: boolean;
  /** Damage found at start (a cut-short record, an unreadable line): what was skipped, for a human to read. */
  readonly corrupt: string[] = [];

  private constructor(
    readonly dir: string,
    private readonly opts: OutboxOptions,
  ) {
    this.persist = opts.persist !== false;
    this.segmentBytes = opts.segmentBytes ?? Math.max(4096, Math.min(4 << 20, opts.maxBytes >> 3));
  }

  /** Opens (creating) the outbox directory and loads every item a previous run left. */
  static open(dir: string, opts: OutboxOptions): Outbox {
    const box = new Outbox(dir, opts);
    if (!box.persist) return box;
    mkdirSync(dir, { recursive: true });
    box.load();
    return box;
  }

  get totalBytes(): number {
    return this.liveBytes;
  }

  /** Bytes of the outbox's files. */
  get fileBytes(): number {
    return this.diskBytes;
  }

  get size(): number {
    return this.byId.size;
  }

  *items(): IterableIterator<OutboxItem> {
    for (const l of this.byId.values()) yield l.item;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /**
   * Appends the item, first dropping the oldest items (those `canDrop` allows) while the cap would be passed.
   * Returns the item and what was dropped for it. Throws when the item alone is larger than the cap.
   */
  add(
    d: NewDelivery & { quantity?: number },
    now: number,
    canDrop: (item: OutboxItem) => boolean,
  ): { item: OutboxItem; dropped: OutboxItem[] } {
    const binary = typeof d.body !== 'string';
    const body = typeof d.body === 'string' ? Buffer.from(d.body, 'utf8') : d.body;
    const header: Header = {
      id: randomUUID(),
      seq: this.nextSeq,
      targetId: d.targetId,
      traceIds: d.traceIds,
      eventIds: d.eventIds,
      category: d.category,
      contentType: d.contentType,
      quantity: d.quantity ?? Math.max(1, d.eventIds.length),
      enqueuedAt: now,
      binary,
      len: body.length,
    };
    const head = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
    const bytes = head.length + body.length + 1;
    if (bytes > this.opts.maxBytes)
      throw new OutboxFullError(
        `item of ${bytes} bytes is larger than the whole outbox (${this.opts.maxBytes} bytes)`,
      );
    // Choose what to drop before dropping anything: when it cannot make room, nothing is lost.
    const dropped: OutboxItem[] = [];
    let freed = 0;
    for (const { item: old } of this.byId.values()) {
      if (this.liveBytes - freed + bytes <= this.opts.maxBytes) break;
      if (!canDrop(old)) continue;
      dropped.push(old);
      freed += old.bytes;
    }
    if (this.liveBytes - freed + bytes > this.opts.maxBytes)
      throw new OutboxFullError('outbox full: every stored item is being sent right now');
    for (const old of dropped) this.remove(old.id);
    this.nextSeq++;
    const { len: _len, ...rest } = header;
    const item: OutboxItem = { ...rest, bytes };
    const located = this.append(item, head, body);
    if (!this.persist || this.cachedBytes + body.length <= this.opts.memoryBytes) {
      item.body = body;
      this.cachedBytes += body.length;
    }
    this.byId.set(item.id, located);
    this.liveBytes += bytes;
    this.compact();
    return { item, dropped };
  }

  /** The body bytes (from memory, or read back from the item's segment). */
  body(item: OutboxItem): Uint8Array {
    if (item.body) return item.body;
    const l = this.byId.get(item.id);
    if (!l) throw new Error(`outbox item ${item.id} is gone`);
    return readAt(l.segment.fd, l.offset, l.length);
  }

  /** Finishes an item (acknowledged, failed for good, or dropped). Returns false if it was not there. */
  remove(id: string): boolean {
    const l = this.byId.get(id);
    if (!l) return false;
    this.byId.delete(id);
    this.liveBytes -= l.item.bytes;
    if (l.item.body) this.cachedBytes -= l.item.body.length;
    if (!this.persist) return true;
    l.segment.live.delete(id);
    if (l.segment.live.size === 0 && l.segment !== this.active) this.deleteSegment(l.segment);
    else writeSync(l.segment.acksFd, `${id}\n`);
    return true;
  }

  /** Flushes and closes the files (items stay for the next open). */
  close(): void {
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    for (const s of this.segments.values()) {
      closeSync(s.fd);
      closeSync(s.acksFd);
    }
    this.segments.clear();
    this.active = undefined;
  }

  /** What an outbox directory holds, read without changing anything (tests, diagnostics). */
  static inspect(dir: string): { items: number; bytes: number; files: string[] } {
    let items = 0;
    let bytes = 0;
    const files = readdirSync(dir).sort();
    for (const name of files.filter((f) => f.endsWith('.log'))) {
      const acks = readAcks(join(dir, name.replace(/\.log$/, '.acks')));
      for (const r of parseSegment(readFileSync(join(dir, name))).records)
        if (!acks.has(r.header.id)) {
          items++;
          bytes += r.bytes;
        }
    }
    return { items, bytes, files };
  }

  // ── writing ─────────────────────────────────────────────────────────────────────────────────────────

  private append(item: OutboxItem, head: Buffer, body: Uint8Array): Located {
    if (!this.persist)
      return { item, segment: undefined as unknown as Segment, offset: 0, length: body.length };
    let seg = this.active;
    if (!seg || seg.size >= this.segmentBytes) seg = this.rotate();
    const record = Buffer.concat([head, body, NEWLINE], head.length + body.length + 1);
    writeSync(seg.fd, record);
    const located: Located = { item, segment: seg, offset: seg.size + head.length, length: body.length };
    seg.size += record.length;
    this.diskBytes += record.length;
    seg.live.set(item.id, located);
    this.groupCommit();
    return located;
  }

  private rotate(): Segment {
    const prev = this.active;
    const n = Math.max(0, ...this.segments.keys()) + 1;
    const seg = this.openSegment(n, 'a');
    this.active = seg;
    if (prev && prev.live.size === 0) this.deleteSegment(prev);
    return seg;
  }

  private openSegment(n: number, mode: 'a' | 'r+'): Segment {
    const base = join(this.dir, `seg-${String(n).padStart(12, '0')}`);
    const log = `${base}.log`;
    const acks = `${base}.acks`;
    const fd = openSync(log, mode === 'a' ? 'a+' : 'r+');
    const seg: Segment = {
      n,
      log,
      acks,
      fd,
      acksFd: openSync(acks, 'a'),
      size: fstatSync(fd).size,
      live: new Map(),
    };
    this.segments.set(n, seg);
    return seg;
  }

  private deleteSegment(seg: Segment): void {
    this.segments.delete(seg.n);
    this.diskBytes -= seg.size;
    closeSync(seg.fd);
    closeSync(seg.acksFd);
    // The log first: a crash in between leaves an .acks alone, which load() deletes.
    unlinkSync(seg.log);
    unlinkSync(seg.acks);
  }

  /** fdatasync of the active segment, at most every GROUP_COMMIT_MS, off the main thread. */
  private groupCommit(): void {
    this.dirty = true;
    if (this.syncTimer) return;
    this.syncTimer = setTimeout(() => {
      this.syncTimer = undefined;
      const seg = this.active;
      if (!this.dirty || !seg) return;
      this.dirty = false;
      // A segment deleted meanwhile closed its fd: the error only means there was nothing left to sync.
      fdatasync(seg.fd, () => undefined);
    }, GROUP_COMMIT_MS);
    this.syncTimer.unref();
  }

  /**
   * Keeps the files near the cap: while they pass cap + one segment, the live items of the segment with the
   * fewest live bytes are copied into the active one and that segment is deleted.
   */
  private compact(): void {
    if (!this.persist) return;
    for (let round = 0; round < 4 && this.diskBytes > this.opts.maxBytes + this.segmentBytes; round++) {
      let victim: Segment | undefined;
      let victimLive = Infinity;
      for (const s of this.segments.values()) {
        if (s === this.active) continue;
        let live = 0;
        for (const l of s.live.values()) live += l.item.bytes;
        if (live < victimLive) [victim, victimLive] = [s, live];
      }
      // Only worth it when the copy frees more than it writes.
      if (!victim || victimLive > victim.size / 2) return;
      for (const l of [...victim.live.values()]) this.relocate(l);
      this.deleteSegment(victim);
    }
  }

  private relocate(l: Located): void {
    const body = readAt(l.segment.fd, l.offset, l.length);
    const { bytes: _bytes, body: _body, ...rest } = l.item;
    const head = Buffer.from(`${JSON.stringify({ ...rest, len: body.length })}\n`, 'utf8');
    l.segment.live.delete(l.item.id);
    const moved = this.append(l.item, head, body);
    this.byId.set(l.item.id, moved);
  }

  // ── reading at start ────────────────────────────────────────────────────────────────────────────────

  private load(): void {
    const names = readdirSync(this.dir).sort();
    const found: Located[] = [];
    for (const name of names) {
      const m = /^seg-(\d+)\.log$/.exec(name);
      if (!m) {
        // An .acks whose log was deleted (a crash between the two unlinks), or a stray file: not ours.
        if (/^seg-\d+\.acks$/.test(name) && !names.includes(name.replace(/\.acks$/, '.log')))
          unlinkSync(join(this.dir, name));
        continue;
      }
      const seg = this.openSegment(Number(m[1]), 'r+');
      this.diskBytes += seg.size;
      const acks = readAcks(seg.acks);
      const parsed = parseSegment(readFileSync(seg.log));
      if (parsed.damage) this.corrupt.push(`${name}: ${parsed.damage}`);
      for (const r of parsed.records) {
        if (acks.has(r.header.id)) continue;
        const { len, ...rest } = r.header;
        const item: OutboxItem = { ...rest, bytes: r.bytes };
        const located: Located = { item, segment: seg, offset: r.offset, length: len };
        seg.live.set(item.id, located);
        found.push(located);
      }
    }
    // Oldest first. An item found twice (copied forward by compaction just before a crash) counts once.
    found.sort((a, b) => a.item.seq - b.item.seq);
    for (const l of found) {
      if (this.byId.has(l.item.id)) {
        l.segment.live.delete(l.item.id);
        continue;
      }
      this.byId.set(l.item.id, l);
      this.liveBytes += l.item.bytes;
      if (l.item.seq >= this.nextSeq) this.nextSeq = l.item.seq + 1;
    }
    for (const seg of [...this.segments.values()]) if (seg.live.size === 0) this.deleteSegment(seg);
  }
}

const NEWLINE = Buffer.from('\n');

function readAt(fd: number, offset: number, length: number): Uint8Array {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, offset + got);
    if (n === 0) throw new Error('outbox segment is shorter than its index says');
    got += n;
  }
  return buf;
}

function readAcks(path: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return new Set();
  }
  return new Set(text.split('\n').filter((l) => l.length > 0));
}

interface ParsedRecord {
  header: Header;
  offset: number;
  bytes: number;
}

/** Reads records until the end or the first damaged one (a crash can only cut the last record short). */
function parseSegment(buf: Buffer): { records: ParsedRecord[]; damage?: string } {
  const records: ParsedRecord[] = [];
  let at = 0;
  while (at < buf.length) {
    const nl = buf.indexOf(NL, at);
    if (nl < 0) return { records, damage: `record cut short at byte ${at}` };
    let header: Header;
    try {
      header = JSON.parse(buf.subarray(at, nl).toString('utf8')) as Header;
      if (typeof header.id !== 'string' || typeof header.targetId !== 'string' || !(header.len >= 0))
        throw new Error('header without id, targetId or len');
    } catch (e) {
      return { records, damage: `unreadable header at byte ${at}: ${(e as Error).message}` };
    }
    const offset = nl + 1;
    const end = offset + header.len;
    if (end >= buf.length || buf[end] !== NL) return { records, damage: `record cut short at byte ${at}` };
    records.push({ header, offset, bytes: end + 1 - at });
    at = end + 1;
  }
  return { records };
}

// The bounded in-memory span store: groups spans by trace, keeps counters that always add up
// (received = stored + evicted + rejected), evicts the oldest unpinned traces whole when over a limit, and
// tells subscribers what changed without doing per-span work for them. (Over 400 lines: the store's
// invariants — counters, indexes, byte estimate, eviction — hold across its methods, so they stay together;
// queries and trace entries already live in queries.ts and trace-entry.ts.)
//
// Hot-path rules: no per-span copies (the decoder's Span objects are kept as they are), no per-span
// closures or timers, O(1) work per span (summary fields are updated incrementally; one idle timer for the
// whole store; change marks once per trace per batch).
import type {
  Counters,
  SpanListQuery,
  SpanListResponse,
  SpanRow,
  StatsResponse,
  StoreLimits,
  TraceGroupQuery,
  TraceGroupResponse,
  TraceListQuery,
  TraceListResponse,
  TraceResponse,
  TraceSummary,
} from '../../../shared/api/contract.js';
import {
  REJECT_REASONS,
  type DecodedTraces,
  type RejectReason,
  type Resource,
  type Span,
} from '../../../shared/model/span.js';
import { compareNanos } from '../../../shared/model/time.js';
import type { IngestResult, IngestSink } from '../ingest.js';
import { FeedState, type ChangeFeed } from './change-feed.js';
import {
  decodeCursor,
  encodeCursor,
  DEFAULT_GROUPS,
  pageLimit,
  serviceOf,
  spanDurationMs,
  spanMatcher,
  traceMatcher,
} from './queries.js';
import { RateWindow } from './rate-window.js';
import { estimateSpanBytes } from './span-bytes.js';
import { TraceEntry } from './trace-entry.js';
import { listSorted } from './trace-sort.js';
import { groupTraces } from './trace-groups.js';

const DEFAULT_LIMITS: StoreLimits = {
  maxSpans: 200_000,
  maxBytes: 512 * 1024 * 1024,
  idleTimeoutMs: 5000,
};

export interface SpanStoreOptions extends Partial<StoreLimits> {
  /** Wall clock in ms; tests pass a fake one. */
  now?: () => number;
}

/** How long `evicting` stays true after the last eviction. */
const EVICTING_WINDOW_MS = 60_000;
/** Compact the receipt-order array once this many dead entries pile up (and they are over half of it). */
const COMPACT_MIN_DEAD = 4096;

function zeroByReason(): Record<RejectReason, number> {
  const out = {} as Record<RejectReason, number>;
  for (const r of REJECT_REASONS) out[r] = 0;
  return out;
}

export class SpanStore implements IngestSink {
  readonly limits: StoreLimits;
  private readonly now: () => number;

  private traces = new Map<string, TraceEntry>();
  /** Every trace in receipt order (ascending seq); evicted ones stay as dead entries until compaction. */
  private order: TraceEntry[] = [];
  private dead = 0;
  /** No live entry sits before this index in `order` (eviction starts its search here). */
  private head = 0;
  private seq = 0;

  // Traces inside their idle window, least recently touched first (an intrusive list: no allocation).
  private idleHead: TraceEntry | null = null;
  private idleTail: TraceEntry | null = null;
  private idleTimer: NodeJS.Timeout | null = null;

  private received = 0;
  private stored = 0;
  private evicted = 0;
  private rejected = 0;
  private rejectedByReason = zeroByReason();
  private badRequests = 0;
  private storedBytes = 0;
  private lastEvictionAt = -Infinity;
  private readonly rate = new RateWindow();

  private feeds: FeedState[] = [];
  private completedListeners: ((traceId: string, completions: number) => void)[] = [];
  private annotate: ((summary: TraceSummary) => void) | null = null;
  private batchNo = 0;
  private closed = false;

  constructor(options: SpanStoreOptions = {}) {
    this.limits = {
      maxSpans: options.maxSpans ?? DEFAULT_LIMITS.maxSpans,
      maxBytes: options.maxBytes ?? DEFAULT_LIMITS.maxBytes,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_LIMITS.idleTimeoutMs,
    };
    this.now = options.now ?? Date.now;
  }

  // ---- ingest -------------------------------------------------------------------------------------

  ingest(batch: DecodedTraces): IngestResult {
    const now = this.now();
    const spans = batch.spans;
    let decoderRejected = 0;
    for (const r of batch.rejected) {
      this.rejectedByReason[r.reason] += r.count;
      decoderRejected += r.count;
    }
    this.received += spans.length + decoderRejected;
    this.rejected += decoderRejected;

    const mark = ++this.batchNo;
    let duplicates = 0;
    let full = 0;
    let added = 0;
    let lastResource: Resource | null = null;
    let service = '';
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i]!;
      let entry = this.traces.get(span.traceId);
      if (entry !== undefined && entry.hasSpanId(span.spanId)) {
        duplicates++;
        continue;
      }
      const bytes = estimateSpanBytes(span);
      if (!this.makeRoom(1, bytes, entry ?? null, now)) {
        full++;
        continue;
      }
      if (entry === undefined) entry = this.createTrace(span.traceId, now);
      if (span.resource !== lastResource) {
        lastResource = span.resource;
        service = serviceOf(span);
      }
      entry.add(span, service, bytes, now);
      added++;
      this.stored++;
      this.storedBytes += bytes;
      this.touchIdle(entry);
      if (entry.dirtyMark !== mark) {
        entry.dirtyMark = mark;
        entry.complete = false;
        entry.revision++;
        for (let f = 0; f < this.feeds.length; f++) this.feeds[f]!.markUpserted(entry.traceId);
      }
    }
    if (added > 0) {
      this.rate.record(now, added);
      this.scheduleIdleCheck(now);
    }

    const storeRejected = duplicates + full;
    this.rejected += storeRejected;
    this.rejectedByReason.duplicate_span += duplicates;
    this.rejectedByReason.store_full += full;

    if (storeRejected === 0 && batch.errors.length === 0)
      return { rejectedSpans: decoderRejected, errorMessage: '' };
    const messages = batch.errors.slice();
    if (duplicates > 0) messages.push(`${duplicates} span(s) rejected: span ID already held in its trace`);
    if (full > 0)
      messages.push(
        `${full} span(s) rejected: store is full and nothing can be evicted (only pinned traces, or the span's own trace, are left)`,
      );
    return { rejectedSpans: decoderRejected + storeRejected, errorMessage: messages.join('; ') };
  }

  recordBadRequest(): void {
    this.badRequests++;
  }

  private createTrace(traceId: string, now: number): TraceEntry {
    const entry = new TraceEntry(traceId, ++this.seq, now);
    this.traces.set(traceId, entry);
    this.order.push(entry);
    for (let f = 0; f < this.feeds.length; f++) this.feeds[f]!.markCreated(traceId);
    return entry;
  }

  /**
   * The one eviction loop: evicts the oldest unpinned traces until `spans` more spans of `bytes` fit (ingest
   * asks for one span; setLimits for none, i.e. down to the limits). The trace a span is joining is never
   * evicted for it (that would throw away N spans to keep one); when nothing else can go, false.
   */
  private makeRoom(spans: number, bytes: number, joining: TraceEntry | null, now: number): boolean {
    const { maxSpans, maxBytes } = this.limits;
    while (this.stored + spans > maxSpans || this.storedBytes + bytes > maxBytes) {
      const victim = this.oldestEvictable(joining);
      if (victim === null) return false;
      this.evicted += victim.spans.length;
      this.remove(victim);
      this.lastEvictionAt = now;
    }
    return true;
  }

  private oldestEvictable(except: TraceEntry | null): TraceEntry | null {
    const order = this.order;
    while (this.head < order.length && !order[this.head]!.alive) this.head++;
    for (let i = this.head; i < order.length; i++) {
      const e = order[i]!;
      if (e.alive && !e.pinned && e !== except) return e;
    }
    return null;
  }

  private remove(entry: TraceEntry): void {
    entry.alive = false;
    this.traces.delete(entry.traceId);
    this.unlinkIdle(entry);
    this.stored -= entry.spans.length;
    this.storedBytes -= entry.bytes;
    this.dead++;
    // The dead entry may linger in `order` until compaction: let its spans go now.
    entry.release();
    for (let f = 0; f < this.feeds.length; f++) this.feeds[f]!.markRemoved(entry.traceId);
    if (this.dead >= COMPACT_MIN_DEAD && this.dead * 2 > this.order.length) {
      this.order = this.order.filter((e) => e.alive);
      this.dead = 0;
      this.head = 0;
    }
  }

  // ---- idle window (trace completeness) -------------------------------------------------------------

  private touchIdle(entry: TraceEntry): void {
    if (this.idleTail === entry) return;
    this.unlinkIdle(entry);
    entry.idlePrev = this.idleTail;
    entry.idleNext = null;
    if (this.idleTail) this.idleTail.idleNext = entry;
    else this.idleHead = entry;
    this.idleTail = entry;
    entry.inIdleList = true;
  }

  private unlinkIdle(entry: TraceEntry): void {
    if (!entry.inIdleList) return;
    if (entry.idlePrev) entry.idlePrev.idleNext = entry.idleNext;
    else this.idleHead = entry.idleNext;
    if (entry.idleNext) entry.idleNext.idlePrev = entry.idlePrev;
    else this.idleTail = entry.idlePrev;
    entry.idlePrev = entry.idleNext = null;
    entry.inIdleList = false;
  }

  private scheduleIdleCheck(now: number): void {
    if (this.idleTimer !== null || this.idleHead === null || this.closed) return;
    const delay = Math.max(1, this.idleHead.lastReceivedAt + this.limits.idleTimeoutMs - now + 1);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.checkIdle();
    }, delay);
    this.idleTimer.unref();
  }

  /**
   * Marks traces complete whose last span arrived at least the idle window ago. Runs from the store's own
   * timer; tests with a fake clock and readers that want fresh flags call it directly.
   */
  checkIdle(): void {
    const now = this.now();
    const idle = this.limits.idleTimeoutMs;
    while (this.idleHead !== null && this.idleHead.lastReceivedAt + idle <= now) {
      const e = this.idleHead;
      this.unlinkIdle(e);
      e.complete = true;
      e.completions++;
      e.revision++;
      for (let f = 0; f < this.feeds.length; f++) this.feeds[f]!.markUpserted(e.traceId);
      // After the flag is set, so a listener reading the trace sees it complete.
      for (const l of this.completedListeners) l(e.traceId, e.completions);
    }
    this.scheduleIdleCheck(now);
  }

  /**
   * "Trace completed": called when a trace has had no new span for the idle window (the collector's
   * decision_wait). `completions` is 1 the first time; a trace that gets late spans afterwards completes
   * again with 2, 3, … Returns the unsubscribe function.
   */
  onTraceCompleted(listener: (traceId: string, completions: number) => void): () => void {
    this.completedListeners = [...this.completedListeners, listener];
    return () => {
      this.completedListeners = this.completedListeners.filter((l) => l !== listener);
    };
  }

  /**
   * Lets another part of the core add to every summary the store hands out (forwarding status). It must be
   * cheap: it runs for every summary of every list page and stream delta.
   */
  setSummaryAnnotator(annotate: ((summary: TraceSummary) => void) | null): void {
    this.annotate = annotate;
  }

  /** Something outside the store changed what a trace's summary shows: bump its revision and tell the feeds. */
  markChanged(traceId: string): void {
    const e = this.traces.get(traceId);
    if (!e) return;
    e.revision++;
    for (let f = 0; f < this.feeds.length; f++) this.feeds[f]!.markUpserted(e.traceId);
  }

  /** IDs of every trace held, newest first (by first receipt). */
  traceIds(): string[] {
    const out: string[] = [];
    for (let i = this.order.length - 1; i >= 0; i--)
      if (this.order[i]!.alive) out.push(this.order[i]!.traceId);
    return out;
  }

  private summaryOf(e: TraceEntry): TraceSummary {
    const s = e.summary();
    if (this.annotate !== null) this.annotate(s);
    return s;
  }

  // ---- reads ---------------------------------------------------------------------------------------

  /** Traces newest first (by first receipt) or in the requested order, filtered, one page at a time. */
  listTraces(query: TraceListQuery = {}): TraceListResponse {
    this.checkIdle();
    const limit = pageLimit(query.limit);
    const sort = query.sort ?? 'received';
    const dir = query.dir ?? 'desc';
    if (sort !== 'received' || dir !== 'desc')
      return listSorted(this.order, traceMatcher(query), sort, dir, limit, query.cursor);
    const before = decodeCursor(query.cursor, 1)?.[0] ?? Infinity;
    const match = traceMatcher(query);
    const order = this.order;
    const traces: TraceSummary[] = [];
    let i = this.lastIndexBefore(before);
    if (match === null) {
      // Unfiltered: no scan, O(page) however many traces are held.
      let lastSeq = 0;
      for (; i >= 0 && traces.length < limit; i--) {
        const e = order[i]!;
        if (!e.alive) continue;
        traces.push(this.summaryOf(e));
        lastSeq = e.seq;
      }
      while (i >= 0 && !order[i]!.alive) i--;
      return { traces, total: this.traces.size, nextCursor: i >= 0 ? encodeCursor(lastSeq) : null };
    }
    // Filtered: the total needs every match counted, so one pass over all traces.
    let total = 0;
    let more = false;
    let lastSeq = 0;
    for (let k = order.length - 1; k >= 0; k--) {
      const e = order[k]!;
      if (!e.alive || !match(e)) continue;
      total++;
      if (e.seq >= before) continue;
      if (traces.length < limit) {
        traces.push(this.summaryOf(e));
        lastSeq = e.seq;
      } else more = true;
    }
    return { traces, total, nextCursor: more ? encodeCursor(lastSeq) : null };
  }

  /** Matching traces grouped by root service + root name (see trace-groups.ts). */
  groupTraces(query: TraceGroupQuery = {}): TraceGroupResponse {
    this.checkIdle();
    return groupTraces(this.order, traceMatcher(query), pageLimit(query.limit, DEFAULT_GROUPS));
  }

  /** Index of the last entry in `order` whose seq is below `before` (-1 if none): binary search. */
  private lastIndexBefore(before: number): number {
    const order = this.order;
    let lo = 0;
    let hi = order.length; // first index with seq >= before
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order[mid]!.seq < before) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /**
   * The trace's spans as held (arrival order, not sorted; do not modify), or null. For callers that pick
   * what they need from a huge trace without sorting it all on the event loop (the Sentry preview).
   */
  getTraceSpans(traceId: string): readonly Span[] | null {
    this.checkIdle();
    return this.traces.get(traceId.toLowerCase())?.spans ?? null;
  }

  getTrace(traceId: string): TraceResponse | null {
    this.checkIdle();
    const e = this.traces.get(traceId.toLowerCase());
    if (!e) return null;
    const spans = e.spans.slice().sort((a, b) => {
      const c = compareNanos(a.startTimeUnixNano, b.startTimeUnixNano);
      return c !== 0 ? c : a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0;
    });
    return { summary: this.summaryOf(e), spans };
  }

  /** A trace's spans in arrival order, unsorted and not copied: read only (for scans such as sampling). */
  getSpans(traceId: string): readonly Span[] | undefined {
    return this.traces.get(traceId)?.spans;
  }

  getSummary(traceId: string): TraceSummary | undefined {
    const e = this.traces.get(traceId);
    return e ? this.summaryOf(e) : undefined;
  }

  /**
   * Spans newest trace first; within a trace, latest arrival first. Throws QueryError for a bad limit or
   * cursor. With traceId, only that trace (an unknown trace gives an empty page).
   */
  listSpans(query: SpanListQuery = {}): SpanListResponse {
    const limit = pageLimit(query.limit);
    const cur = decodeCursor(query.cursor, 2);
    const match = spanMatcher(query);
    let entries: TraceEntry[];
    if (query.traceId !== undefined) {
      const e = this.traces.get(query.traceId.toLowerCase());
      entries = e ? [e] : [];
    } else entries = this.order;

    const rows: SpanRow[] = [];
    let total = 0;
    let more = false;
    let last: [number, number] = [0, 0];
    for (let k = entries.length - 1; k >= 0; k--) {
      const e = entries[k]!;
      if (!e.alive) continue;
      const spans = e.spans;
      if (match === null) {
        total += spans.length;
        if (more) continue;
      }
      for (let j = spans.length - 1; j >= 0; j--) {
        const s = spans[j]!;
        if (match !== null) {
          if (!match(s)) continue;
          total++;
        }
        if (cur !== null && (e.seq > cur[0]! || (e.seq === cur[0]! && j >= cur[1]!))) continue;
        if (rows.length < limit) {
          rows.push(toRow(s));
          last = [e.seq, j];
        } else {
          more = true;
          if (match === null) break;
        }
      }
    }
    return { spans: rows, total, nextCursor: more ? encodeCursor(...last) : null };
  }

  // ---- changes ---------------------------------------------------------------------------------------

  pin(traceId: string, pinned: boolean): TraceSummary | null {
    const e = this.traces.get(traceId.toLowerCase());
    if (!e) return null;
    if (e.pinned !== pinned) {
      e.pinned = pinned;
      e.revision++;
      for (let f = 0; f < this.feeds.length; f++) this.feeds[f]!.markUpserted(e.traceId);
    }
    return this.summaryOf(e);
  }

  /**
   * Changes the limits of a running store and evicts (oldest unpinned traces first) down to them. Pinned
   * traces are kept even if they alone exceed the new limits; new spans are then refused as store_full.
   */
  setLimits(limits: Partial<StoreLimits>): void {
    const now = this.now();
    if (limits.maxSpans !== undefined) this.limits.maxSpans = limits.maxSpans;
    if (limits.maxBytes !== undefined) this.limits.maxBytes = limits.maxBytes;
    // Pinned traces may still exceed the limits when this returns false; they are kept on purpose.
    this.makeRoom(0, 0, null, now);
    if (limits.idleTimeoutMs !== undefined && limits.idleTimeoutMs !== this.limits.idleTimeoutMs) {
      this.limits.idleTimeoutMs = limits.idleTimeoutMs;
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = null;
      this.checkIdle();
    }
  }

  /** Empties the store, pinned traces included, and resets every counter to zero. */
  clear(): void {
    for (const e of this.order) e.alive = false;
    this.traces = new Map();
    this.order = [];
    this.dead = 0;
    this.head = 0;
    this.idleHead = this.idleTail = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.received = this.stored = this.evicted = this.rejected = this.badRequests = this.storedBytes = 0;
    this.rejectedByReason = zeroByReason();
    this.lastEvictionAt = -Infinity;
    this.rate.reset();
    for (const f of this.feeds) f.markCleared();
  }

  subscribe(onDirty: () => void): ChangeFeed {
    const feed = new FeedState(
      onDirty,
      (id) => this.getSummary(id),
      (f) => {
        this.feeds = this.feeds.filter((x) => x !== f);
      },
    );
    this.feeds = [...this.feeds, feed];
    return feed;
  }

  counters(): Counters {
    return {
      received: this.received,
      accepted: this.received - this.rejected,
      stored: this.stored,
      evicted: this.evicted,
      rejected: this.rejected,
      rejectedByReason: { ...this.rejectedByReason },
      badRequests: this.badRequests,
      traces: this.traces.size,
      storedBytes: this.storedBytes,
    };
  }

  evicting(): boolean {
    return this.now() - this.lastEvictionAt < EVICTING_WINDOW_MS;
  }

  spansPerSecond(): number[] {
    return this.rate.series(this.now());
  }

  /** The store's part of StatsResponse. */
  stats(): Pick<StatsResponse, 'counters' | 'limits' | 'evicting' | 'spansPerSecond'> {
    return {
      counters: this.counters(),
      limits: { ...this.limits },
      evicting: this.evicting(),
      spansPerSecond: this.spansPerSecond(),
    };
  }

  close(): void {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    for (const f of this.feeds.slice()) f.close();
  }
}

function toRow(s: Span): SpanRow {
  let hasException = false;
  for (const e of s.events) if (e.name === 'exception') hasException = true;
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    name: s.name,
    service: serviceOf(s),
    kind: s.kind,
    statusCode: s.status.code,
    startTimeUnixNano: s.startTimeUnixNano,
    durationMs: spanDurationMs(s),
    attributeCount: s.attributes.length,
    hasException,
  };
}

// One trace held by the store, with its summary kept up to date span by span in O(1) (no rescans), so the
// trace list costs nothing extra on ingest and a summary is a field copy when asked for.
import type { TraceSummary } from '../../../shared/api/contract.js';
import { StatusCode, type Span } from '../../../shared/model/span.js';
import { compareNanos, durationMs } from '../../../shared/model/time.js';
import { numberAttribute } from '../../../shared/model/attributes.js';

/** Past this many spans a trace keeps a Set of its span IDs; below it a scan is cheaper than the Set. */
const SPAN_ID_SET_THRESHOLD = 24;

export function spanIsError(span: Span): boolean {
  if (span.status.code === StatusCode.ERROR) return true;
  const events = span.events;
  for (let i = 0; i < events.length; i++) if (events[i]!.name === 'exception') return true;
  return false;
}

export class TraceEntry {
  spans: Span[] = [];
  private spanIds: Set<string> | null = null;
  bytes = 0;
  rootName = '';
  rootService = '';
  /** Start of the span rootName came from, while no real root has been seen (earliest span wins). */
  private rootStart = '';
  hasRoot = false;
  httpStatus: number | null = null;
  /** Distinct service names, kept sorted (traces have few services, so insertion is cheap). */
  readonly services: string[] = [];
  errorCount = 0;
  start = '';
  end = '';
  private duration = 0;
  private durationStale = false;
  readonly firstReceivedAt: number;
  lastReceivedAt: number;
  complete = false;
  /** How many times the trace has completed (more than once when spans arrived after it had). */
  completions = 0;
  pinned = false;
  revision = 0;
  /** False once evicted or cleared: the store's order array may still point at it until compaction. */
  alive = true;
  /** Intrusive list of traces still inside their idle window, least recently touched first. */
  idlePrev: TraceEntry | null = null;
  idleNext: TraceEntry | null = null;
  inIdleList = false;
  /** The ingest batch that last marked this trace changed (one change mark per trace per batch). */
  dirtyMark = 0;

  constructor(
    readonly traceId: string,
    /** Monotonic receipt order: the list's sort key and cursor. */
    readonly seq: number,
    now: number,
  ) {
    this.firstReceivedAt = now;
    this.lastReceivedAt = now;
  }

  /** Drops the spans (after eviction), so an entry still referenced from the store's order array is small. */
  release(): void {
    this.spans = [];
    this.spanIds = null;
  }

  hasSpanId(spanId: string): boolean {
    if (this.spanIds) return this.spanIds.has(spanId);
    const spans = this.spans;
    for (let i = 0; i < spans.length; i++) if (spans[i]!.spanId === spanId) return true;
    return false;
  }

  add(span: Span, service: string, bytes: number, now: number): void {
    const spans = this.spans;
    spans.push(span);
    if (this.spanIds) this.spanIds.add(span.spanId);
    else if (spans.length > SPAN_ID_SET_THRESHOLD) {
      this.spanIds = new Set();
      for (let i = 0; i < spans.length; i++) this.spanIds.add(spans[i]!.spanId);
    }
    this.bytes += bytes;
    this.lastReceivedAt = now;
    if (service !== '' && !this.services.includes(service)) {
      this.services.push(service);
      this.services.sort();
    }
    if (spanIsError(span)) this.errorCount++;

    const s = span.startTimeUnixNano;
    const e = span.endTimeUnixNano;
    if (this.start === '' || compareNanos(s, this.start) < 0) {
      this.start = s;
      this.durationStale = true;
    }
    if (this.end === '' || compareNanos(e, this.end) > 0) {
      this.end = e;
      this.durationStale = true;
    }
    // The root is the span without a parent; until one arrives, the earliest span stands in for it.
    if (span.parentSpanId === '') {
      if (!this.hasRoot) {
        this.hasRoot = true;
        this.setRoot(span, service);
      }
    } else if (!this.hasRoot && (this.rootStart === '' || compareNanos(s, this.rootStart) < 0)) {
      this.rootStart = s;
      this.setRoot(span, service);
    }
  }

  /** Runs only when the root (or its stand-in) changes: one attribute scan of one span, not per span. */
  private setRoot(span: Span, service: string): void {
    this.rootName = span.name;
    this.rootService = service;
    this.httpStatus = httpStatusOf(span);
  }

  durationMs(): number {
    if (this.durationStale) {
      this.durationStale = false;
      // A malformed end before start would give a negative duration; show it as 0 rather than nonsense.
      this.duration = compareNanos(this.end, this.start) > 0 ? durationMs(this.start, this.end) : 0;
    }
    return this.duration;
  }

  summary(): TraceSummary {
    return {
      traceId: this.traceId,
      rootName: this.rootName,
      rootService: this.rootService,
      services: this.services.slice(),
      spanCount: this.spans.length,
      errorCount: this.errorCount,
      startTimeUnixNano: this.start,
      endTimeUnixNano: this.end,
      durationMs: this.durationMs(),
      firstReceivedAt: this.firstReceivedAt,
      lastReceivedAt: this.lastReceivedAt,
      complete: this.complete,
      pinned: this.pinned,
      hasRoot: this.hasRoot,
      httpStatus: this.httpStatus,
      revision: this.revision,
    };
  }
}

/** The span's HTTP response status under current semconv, else the pre-1.21 attribute; null if neither. */
function httpStatusOf(span: Span): number | null {
  const v =
    numberAttribute(span.attributes, 'http.response.status_code') ??
    numberAttribute(span.attributes, 'http.status_code');
  return v !== undefined && Number.isInteger(v) && v >= 100 && v <= 999 ? v : null;
}

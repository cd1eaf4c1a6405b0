// (Over 400 lines: scheduling, settling and discard reports share each target's queue state; kept whole.)
// The delivery service: items go into the persistent outbox, then out to their target through a per-target
// scheduler (concurrency limit, backoff after failures, rate limits per category, OTLP batching). Every item
// ends in exactly one of sent / failed (permanent) / dropped (cap, long rate limit, target removed), and
// stays `queued` until then, across restarts.
import { join } from 'node:path';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { DiscardTally, type DiscardReason } from './client-reports.js';
import { realClock, type DeliveryClock } from './clock.js';
import { testConnection } from './connection-test.js';
import { envelopeUrlOf } from './endpoints.js';
import { DEFAULT_BATCH, mergeOtlpBodies, type BatchPolicy } from './otlp-batch.js';
import { Outbox, type OutboxItem } from './outbox.js';
import { classifyAttempt, type AttemptResult } from './outcome.js';
import {
  activeLimits,
  dataCategory,
  limitedCategories,
  limitedUntil,
  limitsAfter,
  type RateLimits,
} from './rate-limits.js';
import { targetSecrets } from './redact.js';
import { NodeHttpTransport } from './node-http.js';
import { gzipBody, post, requestHeaders, type PostRequest } from './transport.js';
import type {
  ConnectionTestResult,
  DeliveryCounters,
  DeliveryEvent,
  DeliveryService,
  DeliveryServiceOptions,
  DeliveryTarget,
  NewDelivery,
  TargetDeliveryStatus,
} from './types.js';

const DEFAULT_MAX_OUTBOX_BYTES = 64 << 20;
const DEFAULT_MEMORY_BYTES = 16 << 20;
const DEFAULT_CONCURRENCY = 2;
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 10 * 60_000;
const DEFAULT_CLIENT_REPORT_DELAY_MS = 1_000;
const CATEGORIES: ReadonlySet<string> = new Set(['transaction', 'error', 'span', 'client_report', 'otlp']);

type Category = NewDelivery['category'];

interface TargetState {
  id: string;
  target?: DeliveryTarget;
  secrets: string[];
  /** Items not yet finished, per category, oldest first (in flight ones included, marked in `inflight`). */
  queues: Map<Category, Map<string, OutboxItem>>;
  inflight: Set<string>;
  requests: number;
  limits: RateLimits;
  /** Until when each waiting item was last reported rate-limited (one event per item per limit). */
  limitedNotice: Map<string, number>;
  failures: number;
  retryAt: number;
  timer?: unknown;
  timerAt?: number;
  counters: DeliveryCounters;
  lastError?: TargetDeliveryStatus['lastError'];
  lastSuccessAt?: number;
  tally: DiscardTally;
  reportTimer?: unknown;
}

export async function createDeliveryService(opts: DeliveryServiceOptions): Promise<DeliveryService> {
  return Promise.resolve(new Delivery(opts));
}

class Delivery implements DeliveryService {
  private readonly outbox: Outbox;
  private readonly clock: DeliveryClock;
  /** Given by the caller, or undefined: then node:http (see node-http.ts). */
  private readonly fetchImpl: typeof fetch | undefined;
  private readonly http: NodeHttpTransport;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly batch: BatchPolicy;
  private readonly maxRateLimitWaitMs: number;
  private readonly clientReportDelayMs: number;
  private readonly states = new Map<string, TargetState>();
  private readonly listeners = new Set<(e: DeliveryEvent) => void>();
  private readonly pending = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private targetsSet = false;
  private closed = false;

  constructor(opts: DeliveryServiceOptions) {
    this.clock = {
      now: opts.now ?? realClock.now,
      setTimeout: opts.timers?.setTimeout ?? realClock.setTimeout,
      clearTimeout: opts.timers?.clearTimeout ?? realClock.clearTimeout,
    };
    this.fetchImpl = opts.fetchImpl;
    this.http = new NodeHttpTransport(this.clock);
    this.random = opts.random ?? Math.random;
    this.backoff = { ...DEFAULT_BACKOFF, ...definedOnly(opts.backoff) };
    this.batch = { ...DEFAULT_BATCH, ...definedOnly(opts.batch) };
    this.maxRateLimitWaitMs = opts.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
    this.clientReportDelayMs = opts.clientReportDelayMs ?? DEFAULT_CLIENT_REPORT_DELAY_MS;
    this.outbox = Outbox.open(join(opts.dataDir, 'outbox'), {
      maxBytes: opts.maxOutboxBytes ?? DEFAULT_MAX_OUTBOX_BYTES,
      memoryBytes: opts.memoryBytes ?? DEFAULT_MEMORY_BYTES,
      persist: opts.persist !== false,
    });
    // What a previous run left: queued again, waiting for setTargets to say where it goes.
    for (const item of this.outbox.items()) {
      const s = this.state(item.targetId);
      this.queueOf(s, item.category).set(item.id, item);
      s.counters.queued++;
    }
  }

  setTargets(targets: DeliveryTarget[]): void {
    if (this.closed) return;
    this.targetsSet = true;
    const ids = new Set(targets.map((t) => t.id));
    for (const s of this.states.values()) {
      if (ids.has(s.id)) continue;
      // Gone from the list (or, after a restart, items for a target that no longer exists): drop, counted.
      if (s.target) this.clearTimer(s);
      s.target = undefined;
      this.dropAll(s, 'target_removed');
    }
    for (const t of targets) {
      const s = this.state(t.id);
      const changed = s.target && (s.target.url !== t.url || s.target.kind !== t.kind);
      s.target = t;
      s.secrets = targetSecrets(t.redact, t.headers);
      // A new endpoint starts with a clean slate: old limits and backoff were the old endpoint's.
      if (changed) {
        s.limits = {};
        s.failures = 0;
        s.retryAt = 0;
      }
      this.pump(s);
    }
  }

  enqueue(d: NewDelivery): string {
    if (this.closed) throw new Error('delivery is closed');
    if (!d || typeof d.targetId !== 'string' || !d.targetId) throw new Error('targetId is required');
    if (!CATEGORIES.has(d.category)) throw new Error(`unknown category "${String(d.category)}"`);
    if (typeof d.body !== 'string' && !(d.body instanceof Uint8Array))
      throw new Error('body must be a string or bytes');
    if (this.targetsSet && !this.states.get(d.targetId)?.target)
      throw new Error(`unknown target "${d.targetId}"`);
    const { item, dropped } = this.outbox.add(d, this.clock.now(), (old) => !this.isInflight(old));
    for (const old of dropped) this.finishDropped(old, 'outbox_full');
    const s = this.state(item.targetId);
    this.queueOf(s, item.category).set(item.id, item);
    s.counters.queued++;
    this.emit({
      type: 'queued',
      id: item.id,
      targetId: item.targetId,
      traceIds: item.traceIds,
      eventIds: item.eventIds,
    });
    this.pump(s);
    return item.id;
  }

  status(): { totals: DeliveryCounters; targets: TargetDeliveryStatus[] } {
    const totals: DeliveryCounters = { queued: 0, sent: 0, failed: 0, dropped: 0 };
    const targets: TargetDeliveryStatus[] = [];
    const now = this.clock.now();
    for (const s of this.states.values()) {
      totals.queued += s.counters.queued;
      totals.sent += s.counters.sent;
      totals.failed += s.counters.failed;
      totals.dropped += s.counters.dropped;
      if (!s.target) {
        // A removed target (or, after a restart, one no longer configured) keeps its counters, so the
        // per-target rows still add up to the totals; nothing goes to it any more, so no limit or error.
        const c = s.counters;
        if (c.queued + c.sent + c.failed + c.dropped > 0) targets.push({ targetId: s.id, ...c });
        continue;
      }
      const st: TargetDeliveryStatus = { targetId: s.id, ...s.counters };
      const limited = activeLimits(s.limits, now);
      if (limited) st.rateLimitedUntil = limited;
      if (s.lastError) st.lastError = { ...s.lastError };
      if (s.lastSuccessAt !== undefined) st.lastSuccessAt = s.lastSuccessAt;
      targets.push(st);
    }
    return { totals, targets };
  }

  onEvent(listener: (e: DeliveryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  testConnection(target: DeliveryTarget): Promise<ConnectionTestResult> {
    return testConnection(target, { attempt: (req) => this.attempt(req), clock: this.clock });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Discards not yet reported go into the outbox, so the next run reports them.
    for (const s of this.states.values()) this.flushReport(s);
    this.closed = true;
    for (const s of this.states.values()) {
      this.clearTimer(s);
      if (s.reportTimer !== undefined) this.clock.clearTimeout(s.reportTimer);
    }
    this.abort.abort();
    await Promise.allSettled([...this.pending]);
    this.http.close();
    this.outbox.close();
  }

  // ── scheduling ────────────────────────────────────────────────────────────────────────────────────────

  private pump(s: TargetState): void {
    const target = s.target;
    if (this.closed || !target) return;
    const now = this.clock.now();
    if (now < s.retryAt) return this.schedule(s, s.retryAt);
    const concurrency = Math.max(1, target.concurrency ?? DEFAULT_CONCURRENCY);
    let wakeAt = Infinity;
    while (s.requests < concurrency) {
      let best: OutboxItem | undefined;
      for (const [category, queue] of s.queues) {
        if (queue.size === 0) continue;
        const until = limitedUntil(s.limits, dataCategory(category, target.kind), now);
        if (until) {
          if (this.waitOutLimit(s, queue, until, now)) wakeAt = Math.min(wakeAt, until);
          continue;
        }
        const first = this.firstIdle(s, queue);
        if (first && (!best || first.seq < best.seq)) best = first;
      }
      if (!best) break;
      let items = [best];
      if (best.category === 'otlp') {
        items = this.otlpBatch(s, best);
        const bytes = items.reduce((n, i) => n + i.bytes, 0);
        const full = bytes >= this.batch.maxBytes || items.length >= this.batch.maxItems;
        const due = best.enqueuedAt + this.batch.windowMs;
        if (!full && now < due) {
          wakeAt = Math.min(wakeAt, due);
          break;
        }
      }
      this.track(this.send(s, items));
    }
    if (wakeAt < Infinity) this.schedule(s, wakeAt);
  }

  private firstIdle(s: TargetState, queue: Map<string, OutboxItem>): OutboxItem | undefined {
    for (const item of queue.values()) if (!s.inflight.has(item.id)) return item;
    return undefined;
  }

  /** OTLP items waiting together with `first` (same body type), oldest first, within the batch limits. */
  private otlpBatch(s: TargetState, first: OutboxItem): OutboxItem[] {
    const out: OutboxItem[] = [];
    let bytes = 0;
    for (const item of this.queueOf(s, 'otlp').values()) {
      if (s.inflight.has(item.id) || item.contentType !== first.contentType) continue;
      if (out.length > 0 && (bytes + item.bytes > this.batch.maxBytes || out.length >= this.batch.maxItems))
        break;
      out.push(item);
      bytes += item.bytes;
    }
    return out;
  }

  /**
   * Items of a rate-limited category wait for the limit to end (one event per item and limit). A limit
   * longer than maxRateLimitWaitMs (e.g. a used-up quota) drops them instead. Returns whether they wait.
   */
  private waitOutLimit(s: TargetState, queue: Map<string, OutboxItem>, until: number, now: number): boolean {
    if (until - now > this.maxRateLimitWaitMs) {
      for (const item of [...queue.values()])
        if (!s.inflight.has(item.id)) this.finishDropped(item, 'rate_limited');
      return false;
    }
    const categories = Object.keys(activeLimits(s.limits, now) ?? {});
    for (const item of queue.values()) {
      if (s.inflight.has(item.id) || s.limitedNotice.get(item.id) === until) continue;
      s.limitedNotice.set(item.id, until);
      this.emit({
        type: 'rate-limited',
        id: item.id,
        targetId: s.id,
        traceIds: item.traceIds,
        until,
        categories,
      });
    }
    return true;
  }

  private schedule(s: TargetState, at: number): void {
    if (s.timer !== undefined && s.timerAt !== undefined && s.timerAt <= at) return;
    this.clearTimer(s);
    s.timerAt = at;
    s.timer = this.clock.setTimeout(
      () => {
        s.timer = undefined;
        s.timerAt = undefined;
        this.pump(s);
      },
      Math.max(0, at - this.clock.now()),
    );
  }

  private clearTimer(s: TargetState): void {
    if (s.timer !== undefined) this.clock.clearTimeout(s.timer);
    s.timer = undefined;
    s.timerAt = undefined;
  }

  // ── sending ───────────────────────────────────────────────────────────────────────────────────────────

  private async send(s: TargetState, items: OutboxItem[]): Promise<void> {
    const target = s.target!;
    for (const item of items) s.inflight.add(item.id);
    s.requests++;
    try {
      const first = items[0]!;
      const isReport = first.category === 'client_report';
      const url = isReport ? (envelopeUrlOf(target) ?? target.url) : target.url;
      const raw =
        items.length === 1
          ? this.outbox.body(first)
          : mergeOtlpBodies(
              first.contentType,
              items.map((i) => this.outbox.body(i)),
            );
      const body = await gzipBody(raw);
      if (this.closed) return;
      const result = await this.attempt({
        url,
        headers: target.headers,
        contentType: isReport ? 'application/x-sentry-envelope' : first.contentType,
        body,
        timeoutMs: target.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        signal: this.abort.signal,
      });
      // Closing aborts the request: whatever happened, the items stay in the outbox for the next run.
      if (this.closed) return;
      this.settle(s, items, result);
    } catch (e) {
      // Only local trouble gets here (an outbox file that vanished, a body that would not compress).
      if (this.closed) return;
      this.settle(s, items, {
        kind: 'network',
        message: `could not prepare the request: ${e instanceof Error ? e.message : String(e)}`,
      });
    } finally {
      s.requests--;
      for (const item of items) s.inflight.delete(item.id);
      this.pump(s);
    }
  }

  private settle(s: TargetState, items: OutboxItem[], result: AttemptResult): void {
    const now = this.clock.now();
    const before = s.limits;
    if (result.kind === 'response') s.limits = limitsAfter(before, result.status, result.headers, now);
    const outcome = classifyAttempt(result, s.secrets, now);
    // Items a setTargets or the cap already finished while they were in flight are not ours any more.
    const live = items.filter((i) => this.outbox.has(i.id));
    switch (outcome.kind) {
      case 'delivered':
        s.failures = 0;
        s.lastSuccessAt = now;
        for (const item of live) {
          this.finish(s, item, 'sent');
          this.emit({
            type: 'sent',
            id: item.id,
            targetId: s.id,
            traceIds: item.traceIds,
            eventIds: item.eventIds,
            httpStatus: outcome.status,
            at: now,
          });
        }
        return;
      case 'rate-limited': {
        s.failures = 0;
        const categories = limitedCategories(before, s.limits);
        const limitedTill = Math.max(0, ...Object.values(s.limits));
        s.lastError = {
          at: now,
          reason: `HTTP 429 rate limited (${categories.join(', ') || 'all'}) until ${new Date(limitedTill).toISOString()}`,
          httpStatus: 429,
        };
        // The waiting items are announced by the next pump (waitOutLimit), these ones included.
        return;
      }
      case 'retry': {
        s.failures++;
        const delay = Math.max(
          backoffDelay(s.failures, this.backoff, this.random()),
          outcome.retryAfterMs ?? 0,
        );
        s.retryAt = now + delay;
        s.lastError = errorRecord(now, outcome.reason, outcome.status, outcome.bodyExcerpt);
        for (const item of live) this.emitFailed(s, item, false, outcome, now);
        return;
      }
      case 'permanent':
        s.failures = 0;
        s.lastError = errorRecord(now, outcome.reason, outcome.status, outcome.bodyExcerpt);
        for (const item of live) {
          this.finish(s, item, 'failed');
          this.emitFailed(s, item, true, outcome, now);
        }
        return;
    }
  }

  private emitFailed(
    s: TargetState,
    item: OutboxItem,
    permanent: boolean,
    why: { reason: string; status?: number; bodyExcerpt?: string },
    at: number,
  ): void {
    this.emit({
      type: 'failed',
      id: item.id,
      targetId: s.id,
      traceIds: item.traceIds,
      eventIds: item.eventIds,
      permanent,
      at,
      ...failureFields(why.reason, why.status, why.bodyExcerpt),
    });
  }

  private attempt(req: PostRequest): Promise<AttemptResult> {
    return this.fetchImpl ? post(this.fetchImpl, this.clock, req) : this.http.post(req, requestHeaders(req));
  }

  // ── bookkeeping ───────────────────────────────────────────────────────────────────────────────────────

  private finish(s: TargetState, item: OutboxItem, as: 'sent' | 'failed' | 'dropped'): void {
    this.outbox.remove(item.id);
    this.queueOf(s, item.category).delete(item.id);
    s.limitedNotice.delete(item.id);
    s.counters.queued--;
    s.counters[as]++;
  }

  private finishDropped(item: OutboxItem, reason: 'outbox_full' | 'rate_limited' | 'target_removed'): void {
    const s = this.state(item.targetId);
    this.finish(s, item, 'dropped');
    this.emit({
      type: 'dropped',
      id: item.id,
      targetId: item.targetId,
      traceIds: item.traceIds,
      eventIds: item.eventIds,
      reason,
    });
    if (reason !== 'target_removed')
      this.tally(s, item, reason === 'outbox_full' ? 'queue_overflow' : 'ratelimit_backoff');
  }

  private dropAll(s: TargetState, reason: 'target_removed'): void {
    for (const queue of s.queues.values())
      for (const item of [...queue.values()]) this.finishDropped(item, reason);
  }

  /** Counts a discard for the target's next client report (Sentry targets only; never for a report). */
  private tally(s: TargetState, item: OutboxItem, reason: DiscardReason): void {
    if (item.category === 'client_report') return;
    const kind = s.target?.kind;
    if (kind !== 'sentry-envelope' && kind !== 'sentry-otlp') return;
    s.tally.add(reason, dataCategory(item.category, kind), item.quantity);
    if (s.reportTimer !== undefined || this.closed) return;
    s.reportTimer = this.clock.setTimeout(() => {
      s.reportTimer = undefined;
      this.flushReport(s);
    }, this.clientReportDelayMs);
  }

  private flushReport(s: TargetState): void {
    if (this.closed || !s.target || !envelopeUrlOf(s.target)) return;
    const text = s.tally.take(this.clock.now());
    if (!text) return;
    try {
      this.enqueue({
        targetId: s.id,
        traceIds: [],
        eventIds: [],
        category: 'client_report',
        contentType: 'application/x-sentry-envelope',
        body: text,
      });
    } catch {
      // The outbox is full of items in flight: the report is lost, the drops themselves are counted.
    }
  }

  private isInflight(item: OutboxItem): boolean {
    return this.states.get(item.targetId)?.inflight.has(item.id) ?? false;
  }

  private queueOf(s: TargetState, category: Category): Map<string, OutboxItem> {
    let q = s.queues.get(category);
    if (!q) s.queues.set(category, (q = new Map()));
    return q;
  }

  private state(id: string): TargetState {
    let s = this.states.get(id);
    if (!s) {
      s = {
        id,
        secrets: [],
        queues: new Map(),
        inflight: new Set(),
        requests: 0,
        limits: {},
        limitedNotice: new Map(),
        failures: 0,
        retryAt: 0,
        counters: { queued: 0, sent: 0, failed: 0, dropped: 0 },
        tally: new DiscardTally(),
      };
      this.states.set(id, s);
    }
    return s;
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private emit(e: DeliveryEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A listener's bug must not stop delivery.
      }
    }
  }
}

function errorRecord(
  at: number,
  reason: string,
  httpStatus: number | undefined,
  bodyExcerpt: string | undefined,
): NonNullable<TargetDeliveryStatus['lastError']> {
  const out: NonNullable<TargetDeliveryStatus['lastError']> = { at, reason };
  if (httpStatus !== undefined) out.httpStatus = httpStatus;
  if (bodyExcerpt !== undefined) out.bodyExcerpt = bodyExcerpt;
  return out;
}

function failureFields(
  reason: string,
  httpStatus: number | undefined,
  bodyExcerpt: string | undefined,
): { reason: string; httpStatus?: number; bodyExcerpt?: string } {
  const { at: _at, ...rest } = errorRecord(0, reason, httpStatus, bodyExcerpt);
  return rest;
}

function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

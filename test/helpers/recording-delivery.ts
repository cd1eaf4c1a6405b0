// An in-memory DeliveryService for the routing side's tests: a real implementation of the seam
// (electron/core/forwarding/delivery/types.ts) that keeps every item it is given, counts exactly as the
// real one must (queued + sent + failed + dropped == enqueued), and lets the test decide each item's fate
// (sent, failed, rate-limited, dropped) — no network, no outbox on disk.
import type {
  ConnectionTestResult,
  DeliveryCounters,
  DeliveryEvent,
  DeliveryService,
  DeliveryTarget,
  NewDelivery,
  TargetDeliveryStatus,
} from '../../electron/core/forwarding/delivery/types.js';

interface RecordedItem extends NewDelivery {
  id: string;
  state: 'queued' | 'sent' | 'failed' | 'dropped';
}

export class RecordingDelivery implements DeliveryService {
  readonly items: RecordedItem[] = [];
  targets: DeliveryTarget[] = [];
  readonly tested: DeliveryTarget[] = [];
  /** What testConnection answers. */
  testResult: ConnectionTestResult = { ok: true, stage: 'ok', message: 'reached the target' };
  private readonly listeners = new Set<(e: DeliveryEvent) => void>();
  private readonly perTarget = new Map<string, TargetDeliveryStatus>();
  private seq = 0;
  closed = false;

  constructor(private readonly now: () => number = Date.now) {}

  setTargets(targets: DeliveryTarget[]): void {
    this.targets = targets.map((t) => ({ ...t, headers: { ...t.headers } }));
    const ids = new Set(targets.map((t) => t.id));
    for (const item of this.items)
      if (item.state === 'queued' && !ids.has(item.targetId)) this.drop(item.id, 'target_removed');
  }

  enqueue(item: NewDelivery): string {
    if (this.closed) throw new Error('delivery is closed');
    if (!this.targets.some((t) => t.id === item.targetId)) throw new Error(`unknown target ${item.targetId}`);
    const id = `item-${++this.seq}`;
    this.items.push({ ...item, id, state: 'queued' });
    this.counters(item.targetId).queued++;
    this.emit({
      type: 'queued',
      id,
      targetId: item.targetId,
      traceIds: item.traceIds,
      eventIds: item.eventIds,
    });
    return id;
  }

  private counters(targetId: string): TargetDeliveryStatus {
    let c = this.perTarget.get(targetId);
    if (!c) this.perTarget.set(targetId, (c = { targetId, queued: 0, sent: 0, failed: 0, dropped: 0 }));
    return c;
  }

  private take(id: string): RecordedItem {
    const item = this.items.find((i) => i.id === id);
    if (!item || item.state !== 'queued') throw new Error(`item ${id} is not queued`);
    this.counters(item.targetId).queued--;
    return item;
  }

  /** Marks a queued item delivered. */
  send(id: string, httpStatus = 200): void {
    const item = this.take(id);
    item.state = 'sent';
    const at = this.now();
    const c = this.counters(item.targetId);
    c.sent++;
    c.lastSuccessAt = at;
    this.emit({
      type: 'sent',
      id,
      targetId: item.targetId,
      traceIds: item.traceIds,
      eventIds: item.eventIds,
      httpStatus,
      at,
    });
  }

  /** Delivers everything still queued. */
  sendAll(): void {
    for (const i of this.items.filter((x) => x.state === 'queued')) this.send(i.id);
  }

  fail(id: string, reason: string, httpStatus?: number, bodyExcerpt?: string, permanent = true): void {
    const item = this.items.find((i) => i.id === id)!;
    if (permanent) {
      this.take(id);
      item.state = 'failed';
      this.counters(item.targetId).failed++;
    }
    const at = this.now();
    this.counters(item.targetId).lastError = {
      at,
      reason,
      ...(httpStatus !== undefined ? { httpStatus } : {}),
      ...(bodyExcerpt !== undefined ? { bodyExcerpt } : {}),
    };
    this.emit({
      type: 'failed',
      id,
      targetId: item.targetId,
      traceIds: item.traceIds,
      eventIds: item.eventIds,
      reason,
      ...(httpStatus !== undefined ? { httpStatus } : {}),
      ...(bodyExcerpt !== undefined ? { bodyExcerpt } : {}),
      permanent,
      at,
    });
  }

  rateLimit(id: string, until: number, categories: string[] = ['transaction']): void {
    const item = this.items.find((i) => i.id === id)!;
    this.counters(item.targetId).rateLimitedUntil = Object.fromEntries(categories.map((c) => [c, until]));
    this.emit({
      type: 'rate-limited',
      id,
      targetId: item.targetId,
      traceIds: item.traceIds,
      until,
      categories,
    });
  }

  drop(id: string, reason: 'outbox_full' | 'rate_limited' | 'target_removed'): void {
    const item = this.take(id);
    item.state = 'dropped';
    this.counters(item.targetId).dropped++;
    this.emit({
      type: 'dropped',
      id,
      targetId: item.targetId,
      traceIds: item.traceIds,
      eventIds: item.eventIds,
      reason,
    });
  }

  status(): { totals: DeliveryCounters; targets: TargetDeliveryStatus[] } {
    const totals = { queued: 0, sent: 0, failed: 0, dropped: 0 };
    const targets = [...this.perTarget.values()].map((t) => {
      totals.queued += t.queued;
      totals.sent += t.sent;
      totals.failed += t.failed;
      totals.dropped += t.dropped;
      return { ...t };
    });
    return { totals, targets };
  }

  onEvent(listener: (e: DeliveryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: DeliveryEvent): void {
    for (const l of this.listeners) l(e);
  }

  testConnection(target: DeliveryTarget): Promise<ConnectionTestResult> {
    this.tested.push(target);
    return Promise.resolve({ ...this.testResult });
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

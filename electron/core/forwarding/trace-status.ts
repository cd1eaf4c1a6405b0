// Forwarding status per trace, derived from delivery's events: which items of which trace are waiting,
// delivered (with their event IDs), failed (with why) or held by a rate limit. Bounded: past MAX_TRACES the
// oldest traces' records go (the store evicts traces too; delivery's own counters stay exact).
import type {
  SamplingDecision,
  TraceForwardState,
  TraceForwardStatus,
  TraceTargetForwardStatus,
} from '../../../shared/api/contract.js';
import type { DeliveryEvent } from './delivery/types.js';

const MAX_TRACES = 100_000;

interface TargetRecord {
  /** Items queued and not yet sent, failed for good or dropped. */
  pending: number;
  /** Sends being mapped (reserved, not yet queued): a second request meanwhile is "already queued". */
  inFlight: number;
  sends: number;
  /** Which event IDs the next send uses: 1 = the preview's, +1 per resend. */
  generation: number;
  eventIds: string[];
  sentAt?: number;
  /** Event IDs of the latest send (what a resend replaces). */
  lastSendEventIds: string[];
  failed?: { reason: string; httpStatus?: number };
  rateLimitedUntil?: number;
  /** Span IDs forwarded by automatic sampling (late spans are sent on their own). */
  autoSentSpans?: Set<string>;
}

interface TraceRecord {
  targets: Map<string, TargetRecord>;
  sampling?: SamplingDecision & { decisions: number };
}

const ORDER: Exclude<TraceForwardState, 'not-sent'>[] = ['queued', 'rate-limited', 'failed', 'sent'];

export class TraceStatusBook {
  private readonly traces = new Map<string, TraceRecord>();
  /** Items not yet settled (sent, failed for good, dropped), by delivery ID. */
  private readonly open = new Map<string, { targetId: string; traceIds: string[] }>();

  private trace(traceId: string): TraceRecord {
    let r = this.traces.get(traceId);
    if (!r) {
      r = { targets: new Map() };
      this.traces.set(traceId, r);
      if (this.traces.size > MAX_TRACES) this.traces.delete(this.traces.keys().next().value!);
    }
    return r;
  }

  target(traceId: string, targetId: string): TargetRecord {
    const t = this.trace(traceId);
    let r = t.targets.get(targetId);
    if (!r) {
      r = { pending: 0, inFlight: 0, sends: 0, generation: 1, eventIds: [], lastSendEventIds: [] };
      t.targets.set(targetId, r);
    }
    return r;
  }

  peek(traceId: string, targetId: string): TargetRecord | undefined {
    return this.traces.get(traceId)?.targets.get(targetId);
  }

  /** A new send of the trace to the target begins (before its items are enqueued). */
  beginSend(traceId: string, targetId: string, eventIds: string[], generation: number): void {
    const r = this.target(traceId, targetId);
    r.sends++;
    r.generation = generation;
    r.lastSendEventIds = eventIds;
    delete r.failed;
  }

  recordDecision(traceId: string, decision: SamplingDecision): number {
    const t = this.trace(traceId);
    const decisions = (t.sampling?.decisions ?? 0) + 1;
    t.sampling = { ...decision, decisions };
    return decisions;
  }

  /**
   * An item is waiting for delivery. Idempotent by delivery ID: called when enqueue returns and again by
   * the 'queued' event (which may come first, or alone for items reloaded from the outbox after a restart).
   */
  noteItem(id: string, targetId: string, traceIds: string[]): void {
    if (this.open.has(id)) return;
    this.open.set(id, { targetId, traceIds });
    for (const traceId of traceIds) this.target(traceId, targetId).pending++;
  }

  /** The item left the queue (sent, failed for good, dropped): false when it was not open. */
  private settle(id: string): boolean {
    const item = this.open.get(id);
    if (!item) return false;
    this.open.delete(id);
    for (const traceId of item.traceIds) {
      const r = this.peek(traceId, item.targetId);
      if (r) r.pending = Math.max(0, r.pending - 1);
    }
    return true;
  }

  /** Applies one delivery event; returns the trace IDs whose status changed. */
  apply(e: DeliveryEvent): string[] {
    if (e.type === 'queued') this.noteItem(e.id, e.targetId, e.traceIds);
    else if (e.type === 'sent' || e.type === 'dropped' || (e.type === 'failed' && e.permanent))
      this.settle(e.id);
    for (const traceId of e.traceIds) {
      const r = this.target(traceId, e.targetId);
      switch (e.type) {
        case 'queued':
          break;
        case 'sent':
          for (const id of e.eventIds) if (!r.eventIds.includes(id)) r.eventIds.push(id);
          r.sentAt = e.at;
          delete r.rateLimitedUntil;
          break;
        case 'failed':
          // A failure that will be retried leaves the item pending; either way the reason is shown.
          r.failed =
            e.httpStatus === undefined
              ? { reason: e.reason }
              : { reason: e.reason, httpStatus: e.httpStatus };
          break;
        case 'rate-limited':
          r.rateLimitedUntil = e.until;
          break;
        case 'dropped':
          r.failed = { reason: `dropped: ${e.reason.replace(/_/g, ' ')}` };
          break;
      }
    }
    return e.traceIds;
  }

  status(traceId: string, now: number): TraceForwardStatus | undefined {
    const t = this.traces.get(traceId);
    if (!t) return undefined;
    const targets: TraceTargetForwardStatus[] = [];
    for (const [targetId, r] of t.targets) {
      if (r.sends === 0 && r.pending === 0 && r.inFlight === 0) continue;
      const limited = r.rateLimitedUntil !== undefined && r.rateLimitedUntil > now && r.pending > 0;
      const state: TraceTargetForwardStatus['state'] = limited
        ? 'rate-limited'
        : r.pending > 0 || r.inFlight > 0
          ? 'queued'
          : r.failed
            ? 'failed'
            : 'sent';
      const s: TraceTargetForwardStatus = { targetId, state, eventIds: [...r.eventIds], sends: r.sends };
      if (r.sentAt !== undefined) s.sentAt = r.sentAt;
      if (r.failed) {
        s.reason = r.failed.reason;
        if (r.failed.httpStatus !== undefined) s.httpStatus = r.failed.httpStatus;
      }
      if (limited) s.rateLimitedUntil = r.rateLimitedUntil!;
      targets.push(s);
    }
    if (targets.length === 0 && !t.sampling) return undefined;
    let state: TraceForwardState = 'not-sent';
    for (const candidate of ORDER)
      if (targets.some((x) => x.state === candidate)) {
        state = candidate;
        break;
      }
    const out: TraceForwardStatus = { state, targets };
    if (t.sampling) out.sampling = { ...t.sampling };
    return out;
  }

  clear(): void {
    this.traces.clear();
    this.open.clear();
  }
}

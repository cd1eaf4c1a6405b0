// Client reports (reference/sentry-protocol.md §6.4): what delivery discarded before Sentry saw it, told to
// Sentry in its own format so the project's stats show the loss. Counts accumulate per target and are sent
// as one envelope with only a `client_report` item, built by @sentry/core (createClientReportEnvelope,
// serializeEnvelope).
import { createClientReportEnvelope, serializeEnvelope, type DataCategory } from '@sentry/core';
import type { ClientReport } from '@sentry/core';

export type DiscardReason = 'queue_overflow' | 'ratelimit_backoff';

export class DiscardTally {
  private readonly counts = new Map<string, ClientReport['discarded_events'][number]>();

  add(reason: DiscardReason, category: DataCategory, quantity: number): void {
    if (quantity <= 0) return;
    const key = `${reason}\u0000${category}`;
    const cur = this.counts.get(key);
    if (cur) cur.quantity += quantity;
    else this.counts.set(key, { reason, category, quantity });
  }

  get empty(): boolean {
    return this.counts.size === 0;
  }

  /** The envelope text for everything tallied so far, and a fresh tally; undefined when nothing was tallied. */
  take(nowMs: number): string | undefined {
    if (this.counts.size === 0) return undefined;
    const events = [...this.counts.values()];
    this.counts.clear();
    return clientReportEnvelope(events, nowMs);
  }
}

/** A client-report-only envelope (no event): Sentry records the outcomes and shows nothing in the project. */
export function clientReportEnvelope(discarded: ClientReport['discarded_events'], nowMs: number): string {
  const text = serializeEnvelope(createClientReportEnvelope(discarded, undefined, nowMs / 1000));
  return typeof text === 'string' ? text : new TextDecoder().decode(text);
}

// Profile `collector`: the OpenTelemetry Collector contrib sentryexporter's classic (Era A) mapping
// (sentryexporter.md §3–§4), on one whole trace, plus the improvements selected in MappingOptions.
//
// The recipe: convert every span (span.ts, with its tags from tag-layout.ts), group the spans into
// transactions (grouping.ts), build one transaction event per group (transaction.ts) and one error event
// per exception span event (error.ts).
//
// Output order (the Go exporter's is random; ours is fixed and documented in docs/sentry-mapping.md):
//   spans are first sorted by start time, then span ID, so the input order never matters;
//   transactions: the transaction roots in that order, then the orphan transactions in that order;
//   spans inside a transaction: in that order; errors: by span in that order, then by event order.
import type { Span } from '../../model/span.js';
import { goStr } from '../descriptors.js';
import { findDuplicateExceptions } from '../inference/duplicate-exceptions.js';
import type { MappingOptions } from '../options.js';
import type { ErrorEvent, TransactionEvent } from '../payload.js';
import type { Provenance } from '../provenance.js';
import { sortedOrder } from '../order.js';
import { buildError } from './error.js';
import { groupSpans } from './grouping.js';
import { convertSpan } from './span.js';
import { buildTransaction } from './transaction.js';
import type { CollectorMapping, Converted, MappingSettings, Placement, TagIssue } from './types.js';

export { CLASSIC_SDK } from './types.js';
export type { CollectorMapping, MappingSettings, Placement } from './types.js';
export { isTransactionRoot } from './grouping.js';
export { traceContextOf } from './event-context.js';

export function mapCollector(
  spans: readonly Span[],
  options: MappingOptions,
  settings: MappingSettings = {},
  withProvenance = false,
): CollectorMapping {
  const order = sortedOrder(spans);
  const tagIssues: TagIssue[] = [];
  const converted: Converted[] = new Array(spans.length);
  for (const i of order) converted[i] = convertSpan(i, spans[i]!, options, tagIssues, withProvenance);

  const { rootCount, groups } = groupSpans(spans, order, options);
  const placement: Placement[] = new Array(spans.length);
  if (!groups) {
    for (let i = 0; i < spans.length; i++) placement[i] = { where: 'dropped', reason: 'no-transaction-root' };
    return {
      transactions: [],
      errors: [],
      placement,
      errorSources: [],
      emptyExceptions: [],
      mergedExceptions: [],
      rootCount,
      tagIssues,
      provenance: withProvenance ? {} : null,
    };
  }

  const prov: Record<string, Provenance> | null = withProvenance ? {} : null;
  const transactions: TransactionEvent[] = [];
  for (let t = 0; t < groups.length; t++) {
    const { root, spans: kids } = groups[t]!;
    placement[root] = { where: 'transaction', transaction: t };
    kids.forEach((k, j) => (placement[k] = { where: 'span', transaction: t, index: j }));
    transactions.push(
      buildTransaction(
        converted[root]!,
        kids.map((k) => converted[k]!),
        options,
        settings,
        t,
        prov,
      ),
    );
  }

  // One error event per exception event that has a type or a message (sentryexporter.md §4.1); with
  // dedupeExceptions, none for a record that repeats one on an inner span (inference/duplicate-exceptions.ts).
  const mergedExceptions = options.dedupeExceptions ? findDuplicateExceptions(spans) : [];
  const merged = new Set<string>();
  for (const m of mergedExceptions) merged.add(`${m.spanIndex}:${m.eventIndex}`);
  const errors: ErrorEvent[] = [];
  const errorSources: CollectorMapping['errorSources'] = [];
  const emptyExceptions: CollectorMapping['emptyExceptions'] = [];
  for (const i of order) {
    const c = converted[i]!;
    const events = c.span.events;
    for (let e = 0; e < events.length; e++) {
      const ev = events[e]!;
      if (ev.name !== 'exception') continue;
      const type = goStr(ev.attributes, 'exception.type');
      const message = goStr(ev.attributes, 'exception.message');
      if (!type && !message) {
        emptyExceptions.push({ spanIndex: i, eventIndex: e });
        continue;
      }
      if (merged.size && merged.has(`${i}:${e}`)) continue;
      const p = placement[i]!;
      const tx = p.where === 'dropped' ? undefined : transactions[p.transaction];
      errors.push(buildError(c, ev, e, type, message, tx, options, settings, errors.length, prov));
      errorSources.push({ spanIndex: i, eventIndex: e });
    }
  }
  return {
    transactions,
    errors,
    placement,
    errorSources,
    emptyExceptions,
    mergedExceptions,
    rootCount,
    tagIssues,
    provenance: prov,
  };
}

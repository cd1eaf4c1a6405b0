// The transaction event of one group (sentryexporter.md §3.4.5: transactionFromSpan): the root span's
// fields, its tags, the group's other spans, the SDK, and with `resourceContext` environment, release,
// server name, platform and the resource attributes.
import type { Resource } from '../../model/span.js';
import { eventIdFor } from '../event-id.js';
import type { MappingOptions } from '../options.js';
import type { TransactionEvent } from '../payload.js';
import type { Provenance } from '../provenance.js';
import { copyProv, resolveContext, traceContext } from './event-context.js';
import { dataFromAttributes } from './tags.js';
import { CLASSIC_SDK, type Converted, type MappingSettings } from './types.js';

/** Event IDs are derived, not random: the same trace always previews and forwards with the same IDs. */
function transactionEventId(traceId: string, spanId: string): string {
  return eventIdFor('transaction', traceId, spanId);
}

/** `contexts.otel.resource` per resource object (see RESOURCE_TAGS for why that is safe to keep). */
const RESOURCE_DATA = new WeakMap<Resource, Record<string, unknown>>();

/**
 * A fresh copy of the resource attributes as data for each transaction: building them costs a type test and
 * conversion per attribute, which an 8-span trace pays once per event. The copy is shallow (array and
 * kvlist values are shared between events); its own keys, in the same order, give the same JSON.
 */
function resourceData(resource: Resource): Record<string, unknown> {
  let data = RESOURCE_DATA.get(resource);
  if (!data) {
    data = dataFromAttributes(resource.attributes);
    RESOURCE_DATA.set(resource, data);
  }
  return { ...data };
}

export function buildTransaction(
  root: Converted,
  kids: Converted[],
  options: MappingOptions,
  settings: MappingSettings,
  t: number,
  prov: Record<string, Provenance> | null,
): TransactionEvent {
  const s = root.out;
  const tx = {
    type: 'transaction',
    event_id: transactionEventId(s.trace_id, s.span_id),
  } as TransactionEvent;
  // sentry-go's Event.Transaction is `omitempty`: a root with an empty name sends no transaction name.
  if (s.description) tx.transaction = s.description;
  const base = `/transactions/${t}`;
  if (options.httpRouteNames) tx.transaction_info = { source: root.desc.source };
  tx.start_timestamp = s.start_timestamp;
  tx.timestamp = s.timestamp;
  tx.contexts = { trace: traceContext(root, options.spanData) };
  tx.tags = s.tags!;
  if (kids.length) tx.spans = kids.map((k) => k.out);
  tx.sdk = CLASSIC_SDK;
  const { rc, environment, release } = resolveContext(root.span, options, settings);
  if (options.resourceContext) {
    tx.contexts.otel = { resource: resourceData(root.span.resource) };
  }
  if (environment) tx.environment = environment.value;
  if (release) tx.release = release.value;
  if (rc.serverName) tx.server_name = rc.serverName.value;
  if (rc.platform) tx.platform = rc.platform.value;
  tx.user = {};

  if (prov) {
    prov[`${base}/type`] = { source: 'rule', rule: 'transaction-event' };
    prov[`${base}/event_id`] = {
      source: 'rule',
      rule: 'derived-event-id',
      note: 'derived from trace and span IDs',
    };
    const dp = root.prov!.get('/description');
    if (dp) prov[`${base}/transaction`] = { ...dp, note: "the root span's description" };
    if (tx.transaction_info)
      prov[`${base}/transaction_info/source`] = {
        source: 'rule',
        rule: `name-source-${root.desc.source}`,
        option: 'httpRouteNames',
      };
    copyProv(root.prov, prov, (rel) => {
      if (rel === '/start_timestamp' || rel === '/timestamp') return base + rel;
      if (rel.startsWith('/tags/')) return base + rel;
      if (rel.startsWith('/data/')) return `${base}/contexts/trace${rel}`;
      if (rel === '/data') return `${base}/contexts/trace/data`;
      if (rel === '/tags') return undefined;
      return `${base}/contexts/trace${rel}`;
    });
    prov[`${base}/sdk`] = {
      source: 'default',
      note: 'the classic exporter announces sentry.opentelemetry 0.0.2',
    };
    prov[`${base}/user`] = { source: 'default', note: 'sentry-go always serialises an empty user' };
    if (environment) prov[`${base}/environment`] = environment.prov;
    if (release) prov[`${base}/release`] = release.prov;
    if (rc.serverName)
      prov[`${base}/server_name`] = { source: 'resource', key: rc.serverName.key, option: 'resourceContext' };
    if (rc.platform)
      prov[`${base}/platform`] = {
        source: 'resource',
        key: rc.platform.key,
        rule: 'platform-from-language',
        option: 'resourceContext',
      };
    if (tx.contexts.otel)
      prov[`${base}/contexts/otel/resource`] = {
        source: 'resource',
        note: 'all resource attributes',
        option: 'resourceContext',
      };
    kids.forEach((k, j) => copyProv(k.prov, prov, (rel) => `${base}/spans/${j}${rel}`));
  }
  return tx;
}

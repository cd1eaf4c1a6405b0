// One OTel span → one Sentry span (sentryexporter.md §3.4.1: convertToSentrySpan): IDs, op and description,
// status, tags, timestamps, and with `spanData` the attributes as data; with provenance for each field.
import type { Span } from '../../model/span.js';
import { SPAN_KIND_NAMES, SpanKind } from '../../model/span.js';
import { spanDescriptors, type Descriptors } from '../descriptors.js';
import { rfc3339Nano } from '../go-format.js';
import type { MappingOptions } from '../options.js';
import type { SentrySpan } from '../payload.js';
import { pointer } from '../json-pointer.js';
import type { Provenance } from '../provenance.js';
import { statusFromSpanStatus } from '../status.js';
import { hasParent } from './grouping.js';
import { MergedTags, NO_TAGS, resourceTags, spanTags } from './tag-layout.js';
import { setOwn } from '../set-own.js';
import { dataFromAttributes } from './tags.js';
import type { Converted, TagIssue } from './types.js';

const OTEL_KIND: Record<number, string> = {
  [SpanKind.SERVER]: 'SERVER',
  [SpanKind.CLIENT]: 'CLIENT',
  [SpanKind.PRODUCER]: 'PRODUCER',
  [SpanKind.CONSUMER]: 'CONSUMER',
};

export function convertSpan(
  index: number,
  span: Span,
  options: MappingOptions,
  tagIssues: TagIssue[],
  withProvenance: boolean,
): Converted {
  const prov = withProvenance ? new Map<string, Provenance>() : null;
  const desc = spanDescriptors(span, options);

  // Tags: span attributes, then resource attributes (they win), then the exporter's own.
  const res = resourceTags(span.resource);
  // UNSET and OK never look at the tags: skip building the lookup for them.
  const code = span.status.code;
  const status = statusFromSpanStatus(
    code,
    span.status.message,
    code === 0 || code === 1 ? NO_TAGS : new MergedTags(res.tags, span.attributes),
    options,
    span,
  );
  // traceutil.SpanKindStr: the names of the five kinds, '' for any other value (sentryexporter.md §3.4.4).
  const kindName =
    span.kind === SpanKind.UNSPECIFIED
      ? undefined
      : ((SPAN_KIND_NAMES as readonly string[])[span.kind] ?? '');
  const tags = spanTags(index, span, res, status, kindName, options.tagLimits, tagIssues, prov);

  const out: SentrySpan = { trace_id: span.traceId, span_id: span.spanId } as SentrySpan;
  if (hasParent(span)) out.parent_span_id = span.parentSpanId;
  if (desc.op !== '') out.op = desc.op;
  // sentry-go's Span.Description is `omitempty`: an empty name sends no description at all.
  if (desc.description !== '') out.description = desc.description;
  out.status = status.status;
  out.tags = tags;
  if (options.spanData) {
    out.data = spanData(span, desc, prov);
    prov?.set('/data', { source: 'attribute', note: "the span's attributes", option: 'spanData' });
  }
  out.start_timestamp = rfc3339Nano(span.startTimeUnixNano);
  out.timestamp = rfc3339Nano(span.endTimeUnixNano);

  if (prov) {
    prov.set('/trace_id', { source: 'span', key: 'traceId' });
    prov.set('/span_id', { source: 'span', key: 'spanId' });
    if (out.parent_span_id) prov.set('/parent_span_id', { source: 'span', key: 'parentSpanId' });
    if (out.op !== undefined)
      prov.set('/op', {
        source: desc.opKey ? 'attribute' : 'rule',
        ...(desc.opKey ? { key: desc.opKey } : {}),
        rule: desc.opRule,
        ...(desc.opOption ? { option: desc.opOption } : {}),
      });
    if (out.description !== undefined)
      prov.set('/description', {
        source: desc.descKey ? 'attribute' : 'span',
        key: desc.descKey ?? 'name',
        rule: desc.descRule,
        ...(desc.descOption ? { option: desc.descOption } : {}),
      });
    prov.set('/status', {
      source: status.key ? 'attribute' : 'span',
      key: status.key ?? 'status.code',
      rule: status.rule,
      ...(status.option
        ? { option: status.option }
        : (status.key && status.key !== 'http.status_code' && status.key !== 'rpc.grpc.status_code') ||
            (status.status === 'unknown_error' && options.unknownErrorStatus)
          ? { option: status.status === 'unknown_error' ? 'unknownErrorStatus' : 'semconvFallbacks' }
          : {}),
    });
    prov.set('/start_timestamp', { source: 'span', key: 'startTimeUnixNano', rule: 'rfc3339-nanos' });
    prov.set('/timestamp', { source: 'span', key: 'endTimeUnixNano', rule: 'rfc3339-nanos' });
  }
  return { index, span, out, desc, status, prov };
}

/** Span attributes as data, plus the keys Sentry's span views read (sentry-protocol.md §3.4, §9). */
function spanData(
  span: Span,
  desc: Descriptors,
  prov: Map<string, Provenance> | null,
): Record<string, unknown> {
  const data = dataFromAttributes(span.attributes);
  if (prov)
    for (const k of Object.keys(data))
      prov.set(pointer('data', k), { source: 'attribute', key: k, option: 'spanData' });
  // Provenance objects are only built when provenance is recorded: this runs for every span.
  const kind = OTEL_KIND[span.kind];
  if (kind)
    addData(data, prov, 'otel.kind', kind, prov && { source: 'span', key: 'kind', option: 'spanData' });
  if (desc.op)
    addData(
      data,
      prov,
      'sentry.op',
      desc.op,
      prov && { source: 'rule', rule: desc.opRule, option: 'spanData' },
    );
  for (let n = 0; n < LEGACY_DATA_KEYS.length; n++) {
    const pair = LEGACY_DATA_KEYS[n]!;
    const from = pair[0];
    const to = pair[1];
    if (from in data)
      addData(
        data,
        prov,
        to,
        data[from],
        prov && { source: 'attribute', key: from, rule: 'sentry-span-data-key', option: 'spanData' },
      );
  }
  const url = data['url.full'] ?? data['http.url'];
  if (typeof url === 'string')
    addData(
      data,
      prov,
      'url',
      url.split(/[?#]/, 1)[0],
      prov && {
        source: 'attribute',
        key: 'url.full' in data ? 'url.full' : 'http.url',
        rule: 'sentry-span-data-key',
        option: 'spanData',
      },
    );
  return data;
}

/** Old semconv keys whose values Sentry's span views read under the current name. */
const LEGACY_DATA_KEYS: readonly (readonly [string, string])[] = [
  ['http.method', 'http.request.method'],
  ['http.status_code', 'http.response.status_code'],
  ['db.system.name', 'db.system'],
];

function addData(
  data: Record<string, unknown>,
  prov: Map<string, Provenance> | null,
  k: string,
  v: unknown,
  p: Provenance | null,
): void {
  if (v === undefined || v === '' || Object.hasOwn(data, k)) return;
  setOwn(data, k, v);
  if (prov && p) prov.set(pointer('data', k), p);
}

// What transaction and error events share: the trace context, environment and release (a setting wins over
// the resource), and copying a span's provenance to where an event puts its fields.
import type { Span } from '../../model/span.js';
import type { MappingOptions } from '../options.js';
import type { SentrySpan, TraceContext } from '../payload.js';
import type { Provenance } from '../provenance.js';
import { resourceContext, type ResourceContext } from '../resource-context.js';
import type { Converted, MappingSettings } from './types.js';

export function traceContext(c: Converted, withData: boolean): TraceContext {
  return traceContextOf(c.out, withData);
}

/** sentry-go's TraceContext.Map(): trace_id and span_id always; the rest only when set and non-empty. */
export function traceContextOf(s: SentrySpan, withData = false): TraceContext {
  const t: TraceContext = { trace_id: s.trace_id, span_id: s.span_id };
  if (s.parent_span_id) t.parent_span_id = s.parent_span_id;
  if (s.op) t.op = s.op;
  if (s.description) t.description = s.description;
  if (s.status) t.status = s.status;
  if (withData && s.data) t.data = s.data;
  return t;
}

/** Copy a span's provenance under a new prefix, renaming span fields to where an event puts them. */
export function copyProv(
  from: Map<string, Provenance> | null,
  to: Record<string, Provenance> | null,
  rename: (rel: string) => string | undefined,
) {
  if (!from || !to) return;
  for (const [rel, p] of from) {
    const target = rename(rel);
    if (target) to[target] = p;
  }
}

/** A value set in the settings wins over the one the resourceContext option reads from the resource. */
function settingOrResource(
  key: 'environment' | 'release',
  setting: string | undefined,
  fromResource: { value: string; key: string } | undefined,
): { value: string; prov: Provenance } | undefined {
  if (setting !== undefined && setting !== '') return { value: setting, prov: { source: 'setting', key } };
  return fromResource
    ? {
        value: fromResource.value,
        prov: { source: 'resource', key: fromResource.key, option: 'resourceContext' },
      }
    : undefined;
}

export function resolveContext(span: Span, options: MappingOptions, settings: MappingSettings) {
  const rc: ResourceContext = options.resourceContext ? resourceContext(span.resource) : {};
  const environment = settingOrResource('environment', settings.environment, rc.environment);
  const release = settingOrResource('release', settings.release, rc.release);
  return { rc, environment, release };
}

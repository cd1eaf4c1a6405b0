// Traces for the forwarding tests: a few realistic ones from the OTLP payload builder, by trace ID.
import type { Span } from '../../../../shared/model/span.js';
import { expectedSpans, realisticRequest } from '../../../helpers/otlp-payloads.js';

export const KEY = 'c0ffee00c0ffee00c0ffee00c0ffee00';
export const DSN = `http://${KEY}@127.0.0.1:9/42`;

/** `count` traces (several spans each), grouped by trace ID in arrival order. */
export function traces(count: number, seed = 3): { ids: string[]; spans: Span[]; byId: Map<string, Span[]> } {
  const byId = new Map<string, Span[]>();
  const all = expectedSpans(realisticRequest(count * 8, seed));
  for (const s of all) {
    if (!byId.has(s.traceId)) {
      if (byId.size === count) break;
      byId.set(s.traceId, []);
    }
    byId.get(s.traceId)!.push(s);
  }
  const ids = [...byId.keys()];
  return { ids, spans: ids.flatMap((id) => byId.get(id)!), byId };
}

export function batch(spans: Span[]) {
  return { spans, rejected: [], errors: [] };
}

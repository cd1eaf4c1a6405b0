// Traces for the forwarding tests: a few realistic ones from the OTLP payload builder, by trace ID.
import type { Span } from '../../../../shared/model/span.js';
import {
  startInspector,
  type InspectorConfig,
  type RunningInspector,
} from '../../../../electron/core/inspector.js';
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

const API_TOKEN = 'forwarding-token-1234';

/** An inspector on free loopback ports, without UI files, with a known token. */
export function startTestInspector(extra: InspectorConfig = {}): Promise<RunningInspector> {
  return startInspector({
    hosts: ['127.0.0.1'],
    grpcPort: 0,
    httpPort: 0,
    uiPort: 0,
    staticDir: null,
    token: API_TOKEN,
    ...extra,
  });
}

/** Calls the inspector's API with the token; every response body is pushed onto `seen` (leak checks). */
export async function callApi<T>(
  inspector: RunningInspector,
  seen: string[],
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`http://127.0.0.1:${inspector.api.port}${path}`, {
    method,
    headers: { Authorization: `Bearer ${API_TOKEN}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  seen.push(text);
  return { status: res.status, body: JSON.parse(text) as T };
}

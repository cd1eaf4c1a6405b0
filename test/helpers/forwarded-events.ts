// What a forwarding test compares: the events a fake Sentry received, grouped by trace, against the
// inspector's preview of the same trace for a target — both normalised the same way (without event_id).
// Shared by the forwarding browser tests.
import { createDeliveryService } from '../../electron/core/forwarding/delivery/index.js';
import type { InspectorConfig, RunningInspector } from '../../electron/core/inspector.js';
import type { SentryPreviewResponse } from '../../shared/api/contract.js';
import type { FakeSentry } from './fake-sentry.js';

/** The real delivery service, retrying quickly so a recovery fits in a test. */
export const fastRetryDelivery: NonNullable<InspectorConfig['createDelivery']> = (o) =>
  createDeliveryService({ ...o, backoff: { baseMs: 200, maxMs: 1000 } });

/** A call to the inspector's local API with its token; throws on a non-2xx answer, naming it. */
export async function apiJson<T>(
  inspector: RunningInspector,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const res = await fetch(`http://127.0.0.1:${inspector.api.port}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${inspector.token}`,
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

function normalisePayload(payload: unknown): string {
  const { event_id: _id, ...rest } = payload as Record<string, unknown>;
  return JSON.stringify(rest);
}

/**
 * Events (transactions and error events) the fake Sentry answered 200, by trace ID, each payload without
 * its event_id; only those of one project when `projectId` is given.
 */
export function receivedByTrace(sentry: FakeSentry, projectId?: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const env of sentry.envelopes) {
    if (projectId !== undefined && env.projectId !== projectId) continue;
    for (const item of env.items) {
      if (item.type !== 'transaction' && item.type !== 'event') continue;
      const p = item.payload as { contexts?: { trace?: { trace_id?: string } } };
      const traceId = p.contexts?.trace?.trace_id ?? '?';
      const list = out.get(traceId) ?? [];
      list.push(normalisePayload(item.payload));
      out.set(traceId, list);
    }
  }
  for (const list of out.values()) list.sort();
  return out;
}

/** The inspector's preview envelopes of one trace for one target, normalised like receivedByTrace. */
export async function previewPayloads(
  inspector: RunningInspector,
  traceId: string,
  targetId: string,
): Promise<string[]> {
  const p = await apiJson<SentryPreviewResponse>(inspector, `/traces/${traceId}/sentry?target=${targetId}`);
  return p.envelopes.map((e) => normalisePayload(JSON.parse(e.text.split('\n')[2]!) as unknown)).sort();
}

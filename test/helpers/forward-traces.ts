// Traces and forwarding items for delivery tests and the forwarding benchmark: 8-span traces mapped by the
// real Sentry mapper (buildForwardEnvelopes), so what is delivered is what forwarding sends.
import type { Span } from '../../shared/model/span.js';
import { buildForwardEnvelopes } from '../../shared/sentry/preview.js';
import { attrs, span } from '../shared/sentry/fixtures.js';
import type { NewDelivery } from '../../electron/core/forwarding/delivery/types.js';

const BASE_NS = 1_700_000_000_000_000_000n;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0').slice(-width);
}

/** Trace number `n`: an HTTP server root with `spanCount - 1` children (db and http client calls). */
export function traceSpans(n: number, spanCount = 8): Span[] {
  const traceId = `${hex(0xabc00000 + n, 8)}${hex(n * 7919 + 1, 8)}${'5e7a'.repeat(4)}`;
  const start = BASE_NS + BigInt(n) * 1_000_000_000n;
  const rootId = `${hex(n + 1, 8)}00000001`;
  const out: Span[] = [
    span({
      traceId,
      spanId: rootId,
      name: 'GET /api/users/:id',
      kind: 2,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(start + 50_000_000n),
      attributes: attrs({
        'http.request.method': 'GET',
        'http.route': '/api/users/:id',
        'http.response.status_code': 200,
      }),
    }),
  ];
  for (let i = 1; i < spanCount; i++) {
    const s = start + BigInt(i) * 4_000_000n;
    out.push(
      span({
        traceId,
        spanId: `${hex(n + 1, 8)}${hex(i + 1, 8)}`,
        parentSpanId: rootId,
        name: i % 2 ? 'SELECT users' : 'GET https://auth.internal/verify',
        kind: i % 2 ? 1 : 3,
        startTimeUnixNano: String(s),
        endTimeUnixNano: String(s + 3_000_000n),
        attributes:
          i % 2
            ? attrs({ 'db.system': 'postgresql', 'db.statement': 'SELECT * FROM users WHERE id = $1' })
            : attrs({ 'http.request.method': 'GET', 'url.full': 'https://auth.internal/verify' }),
      }),
    );
  }
  return out;
}

/** The event ID in an envelope's header line. */
function envelopeEventId(text: string): string {
  return String((JSON.parse(text.slice(0, text.indexOf('\n'))) as { event_id?: unknown }).event_id);
}

/** Trace `n` as one forwarding item (its transaction envelope) for `targetId`. */
export function transactionDelivery(targetId: string, n: number, spanCount = 8): NewDelivery {
  const spans = traceSpans(n, spanCount);
  const [text] = buildForwardEnvelopes(spans, { sentAt: new Date(1_700_000_000_000 + n).toISOString() });
  return {
    targetId,
    traceIds: [spans[0]!.traceId],
    eventIds: [envelopeEventId(text!)],
    category: 'transaction',
    contentType: 'application/x-sentry-envelope',
    body: text!,
  };
}

/** A clock `factor` times faster than real time, with timers to match (for backoffs and rate limits). */
export function fastClock(factor: number): {
  now: () => number;
  timers: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(h: unknown): void };
} {
  const t0 = Date.now();
  return {
    now: () => t0 + (Date.now() - t0) * factor,
    timers: {
      setTimeout: (fn, ms) => setTimeout(fn, ms / factor),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    },
  };
}

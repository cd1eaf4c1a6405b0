// Rate-limit bookkeeping on top of @sentry/core's helpers, and the client report envelope.
import { parseEnvelope } from '@sentry/core';
import { describe, expect, it } from 'vitest';
import {
  activeLimits,
  dataCategory,
  limitedCategories,
  limitedUntil,
  limitsAfter,
} from '../../../../../electron/core/forwarding/delivery/rate-limits.js';
import { DiscardTally } from '../../../../../electron/core/forwarding/delivery/client-reports.js';
import { envelopeUrlOf } from '../../../../../electron/core/forwarding/delivery/endpoints.js';

describe('rate limits', () => {
  it('X-Sentry-Rate-Limits limits the named categories only', () => {
    const l = limitsAfter({}, 429, { 'x-sentry-rate-limits': '60:transaction;span:key, 10::org' }, 1000);
    expect(l).toEqual({ transaction: 61_000, span: 61_000, all: 11_000 });
    expect(limitedCategories({}, l).sort()).toEqual(['all', 'span', 'transaction']);
    expect(limitedUntil(l, 'transaction', 20_000)).toBe(61_000);
    // `all` ended, error has no limit of its own.
    expect(limitedUntil(l, 'error', 20_000)).toBe(0);
    expect(activeLimits(l, 20_000)).toEqual({ transaction: 61_000, span: 61_000 });
  });

  it('Retry-After alone limits everything; a bare 429 for 60 s; a 200 without headers changes nothing', () => {
    expect(limitsAfter({}, 429, { 'retry-after': '5' }, 0)).toEqual({ all: 5000 });
    expect(limitsAfter({}, 429, {}, 0)).toEqual({ all: 60_000 });
    expect(limitsAfter({ error: 5 }, 200, {}, 0)).toEqual({ error: 5 });
  });

  it.each([
    ['transaction', 'sentry-envelope', 'transaction'],
    ['error', 'sentry-envelope', 'error'],
    ['client_report', 'sentry-envelope', 'internal'],
    ['otlp', 'sentry-otlp', 'span'],
    ['otlp', 'otlp-http', 'default'],
  ] as const)('%s on %s is data category %s', (category, kind, want) => {
    expect(dataCategory(category, kind)).toBe(want);
  });
});

describe('client reports', () => {
  it('sums discards by reason and category into one client-report-only envelope', () => {
    const t = new DiscardTally();
    t.add('queue_overflow', 'transaction', 2);
    t.add('queue_overflow', 'transaction', 3);
    t.add('ratelimit_backoff', 'span', 8);
    t.add('ratelimit_backoff', 'span', 0);
    const text = t.take(1_700_000_000_000)!;
    const [header, items] = parseEnvelope(text);
    expect(header).toEqual({});
    expect(items).toEqual([
      [
        { type: 'client_report' },
        {
          timestamp: 1_700_000_000,
          discarded_events: [
            { reason: 'queue_overflow', category: 'transaction', quantity: 5 },
            { reason: 'ratelimit_backoff', category: 'span', quantity: 8 },
          ],
        },
      ],
    ]);
    expect(t.empty).toBe(true);
    expect(t.take(0)).toBeUndefined();
  });
});

describe('envelopeUrlOf', () => {
  it.each([
    [
      'sentry-envelope',
      'https://o1.ingest.sentry.io/api/42/envelope/',
      'https://o1.ingest.sentry.io/api/42/envelope/',
    ],
    [
      'sentry-otlp',
      'https://h/sentry/api/42/integration/otlp/v1/traces',
      'https://h/sentry/api/42/envelope/',
    ],
    ['sentry-otlp', 'https://h/elsewhere', undefined],
    ['otlp-http', 'http://jaeger:4318/v1/traces', undefined],
  ] as const)('%s %s → %s', (kind, url, want) => {
    expect(envelopeUrlOf({ kind, url })).toBe(want);
  });
});

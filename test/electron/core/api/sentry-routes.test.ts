// GET /api/v1/traces/:traceId/sentry over the real API server and store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ErrorResponse,
  SentryOutcomeResponse,
  SentryPreviewResponse,
} from '../../../../shared/api/contract.js';
import { routes } from '../../../../shared/api/contract.js';
import { parseSentryQuery } from '../../../../electron/core/api/sentry-routes.js';
import { startHarness, TOKEN, type Harness } from './api-harness.js';
import { SCENARIOS } from '../../../shared/sentry/scenarios.js';

const auth = { Authorization: `Bearer ${TOKEN}` };
let h: Harness;
const payment = SCENARIOS.find((s) => s.name === 'payment-error-python')!.spans();
const traceId = payment[0]!.traceId;

beforeEach(async () => {
  h = await startHarness();
  h.store.ingest({ spans: payment, rejected: [], errors: [] });
});
afterEach(async () => {
  await h.close();
});

async function get(path: string) {
  const res = await fetch(h.base + path, { headers: auth });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('GET /traces/:traceId/sentry', () => {
  it('returns the collector preview by default', async () => {
    const { status, body } = await get(routes.sentry(traceId));
    expect(status).toBe(200);
    const p = body as SentryPreviewResponse;
    expect(p.profile).toBe('collector');
    expect(p.transactions.map((t) => t.transaction)).toEqual(['POST /checkout']);
    expect(p.errors).toHaveLength(1);
    expect(p.envelopes).toHaveLength(2);
    expect(Object.keys(p.provenance).length).toBeGreaterThan(10);
    expect(Object.values(p.options).every(Boolean)).toBe(true);
  });
  it('takes the profile, options and settings as query parameters', async () => {
    const q =
      '?profile=collector&httpRouteNames=false&exceptionDetails=0&environment=dev&release=r1&dsn=' +
      encodeURIComponent('https://pub@o1.ingest.sentry.io/7') +
      '&sentAt=2026-01-01T00:00:00.000Z';
    const p = (await get(routes.sentry(traceId) + q)).body as SentryPreviewResponse;
    expect(p.options.httpRouteNames).toBe(false);
    expect(p.options.exceptionDetails).toBe(false);
    expect(p.transactions[0]!).toMatchObject({
      transaction: 'POST POST /checkout',
      environment: 'dev',
      release: 'r1',
    });
    expect(p.envelopes[0]!.text.startsWith('{"event_id":')).toBe(true);
    expect(JSON.parse(p.envelopes[0]!.text.split('\n')[0]!)).toMatchObject({
      sent_at: '2026-01-01T00:00:00.000Z',
      dsn: 'https://pub@o1.ingest.sentry.io/7',
    });
  });
  it('serves the sentry-otlp profile', async () => {
    const p = (await get(routes.sentry(traceId) + '?profile=sentry-otlp')).body as SentryPreviewResponse;
    expect(p.segments).toHaveLength(1);
    expect(p.envelopes).toEqual([]);
  });
  it.each([
    ['?profile=jaeger', "bad parameter 'profile'"],
    ['?httpRouteNames=maybe', "bad parameter 'httpRouteNames'"],
    ['?noSuchOption=true', "bad parameter 'noSuchOption'"],
    ['?spanData=true&spanData=false', "bad parameter 'spanData'"],
    ['?dsn=not-a-dsn', 'bad dsn'],
    ['?sentAt=yesterday', 'bad sentAt'],
  ])('400 for %s', async (q, message) => {
    const { status, body } = await get(routes.sentry(traceId) + q);
    expect(status).toBe(400);
    expect((body as ErrorResponse).error).toContain(message);
  });
  it('404 for an unknown trace', async () => {
    const { status, body } = await get(routes.sentry('ffffffffffffffffffffffffffffffff'));
    expect(status).toBe(404);
    expect((body as ErrorResponse).error).toContain('not in the store');
  });
  it('needs the token like every other route', async () => {
    expect((await fetch(h.base + routes.sentry(traceId))).status).toBe(401);
  });
});

it('parseSentryQuery accepts empty values as unset and bare flags as true', () => {
  expect(parseSentryQuery(new URLSearchParams('spanData&environment=&token=x'))).toEqual({
    options: { spanData: true },
  });
});

describe('GET /sentry/outcomes', () => {
  it('counts transactions, errors and lints per trace, as the preview would show them', async () => {
    const missingId = 'f'.repeat(32);
    const { status, body } = await get(`${routes.sentryOutcomes()}?traceId=${traceId}&traceId=${missingId}`);
    expect(status).toBe(200);
    const r = body as SentryOutcomeResponse;
    const preview = (await get(routes.sentry(traceId))).body as SentryPreviewResponse;
    expect(r.missing).toEqual([missingId]);
    expect(r.outcomes).toEqual([
      {
        traceId,
        revision: expect.any(Number),
        transactions: preview.transactions.length,
        spans: preview.transactions.reduce((n, t) => n + (t.spans?.length ?? 0), 0),
        errors: preview.errors.length,
        lints: preview.lints.length,
        lintErrors: preview.lints.filter((l) => l.severity === 'error').length,
      },
    ]);
    expect(r.outcomes[0]!.transactions).toBe(1);
    expect(r.outcomes[0]!.errors).toBe(1);
  });
  it('follows the profile and options, and recomputes when they change (cache keyed by request)', async () => {
    const collector = (await get(`${routes.sentryOutcomes()}?traceId=${traceId}`))
      .body as SentryOutcomeResponse;
    const otlp = (await get(`${routes.sentryOutcomes()}?traceId=${traceId}&profile=sentry-otlp`))
      .body as SentryOutcomeResponse;
    const otlpPreview = (await get(routes.sentry(traceId) + '?profile=sentry-otlp'))
      .body as SentryPreviewResponse;
    expect(collector.outcomes[0]!.errors).toBe(1);
    // Sentry's OTLP endpoint drops span events: no error events.
    expect(otlp.outcomes[0]!.errors).toBe(0);
    expect(otlp.outcomes[0]!.transactions).toBe(otlpPreview.segments.length);
    expect(otlp.outcomes[0]!.lints).toBe(otlpPreview.lints.length);
  });
  it.each([
    ['', 'traceId'],
    ['?traceId=nothex', 'trace ID'],
    [`?traceId=${'a'.repeat(32)}&profile=jaeger`, 'profile'],
    [`?traceId=${'a'.repeat(32)}&colour=red`, 'colour'],
  ])('%s → 400 naming %s', async (q, what) => {
    const { status, body } = await get(routes.sentryOutcomes() + q);
    expect(status).toBe(400);
    expect((body as ErrorResponse).error).toContain(what);
  });
});

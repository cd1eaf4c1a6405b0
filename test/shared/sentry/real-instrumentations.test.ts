// Golden traces from real instrumentations: a small Express 5 app (http + express instrumentations), its
// fetch to an upstream service (undici instrumentation), knex queries (knex instrumentation, pg client over
// pg-mem), a route that throws, and an unknown URL — recorded in this test with its own OTel SDK, exported
// through the OTLP protobuf serializer and decoded by ours. Each trace's mapping is a golden file under
// test/golden/sentry/real/, and the assertions below check it against what a Sentry SDK user sees for the
// same app (sources in docs/sentry-mapping.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Span } from '../../../shared/model/span.js';
import { CLASSIC_OPTIONS } from '../../../shared/sentry/options.js';
import { buildSentryPreview, type SentryPreview } from '../../../shared/sentry/preview.js';
import type { ExceptionValue } from '../../../shared/sentry/payload.js';
import { normaliseRecording, recordShopApp } from '../../helpers/real-instrumentations.js';
import { REPO_ROOT, sentryValidators } from './fixtures.js';
import { expectGolden, goldenOf } from './golden-format.js';

const DIR = resolve(REPO_ROOT, 'test/golden/sentry/real');
/** The app's traces in the order they happen: two startup queries, then one per request. */
const TRACES = [
  'startup-create-table',
  'startup-insert',
  'get-user',
  'order-total-error',
  'not-found',
] as const;
type TraceName = (typeof TRACES)[number];

const traces = new Map<TraceName, Span[]>();
const previews = new Map<TraceName, { p: SentryPreview; classic: SentryPreview; otlp: SentryPreview }>();
const validate = sentryValidators();

beforeAll(async () => {
  const rec = await recordShopApp();
  const spans = normaliseRecording(rec.spans, {
    ports: new Map([
      [rec.ports[0]!, 4000],
      [rec.ports[1]!, 4001],
    ]),
    paths: new Map([[REPO_ROOT, '/app']]),
  });
  const ids = [...new Set(spans.map((s) => s.traceId))];
  expect(ids).toHaveLength(TRACES.length);
  ids.forEach((id, i) => {
    const t = spans.filter((s) => s.traceId === id);
    traces.set(TRACES[i]!, t);
    previews.set(TRACES[i]!, {
      p: buildSentryPreview(t),
      classic: buildSentryPreview(t, { options: CLASSIC_OPTIONS }),
      otlp: buildSentryPreview(t, { profile: 'sentry-otlp' }),
    });
  });
}, 60000);

const get = (name: TraceName) => previews.get(name)!;

describe.each(TRACES)('%s', (name) => {
  it('matches its golden file (input spans and mapping)', () => {
    const { p, classic, otlp } = get(name);
    expectGolden(resolve(DIR, `${name}.json`), { input: traces.get(name), ...goldenOf(p, classic, otlp) });
  });

  it('every event validates against the Sentry schemas (improved and classic)', () => {
    const { p, classic } = get(name);
    for (const pr of [p, classic]) {
      for (const t of pr.transactions) expect(validate.transaction(t)).toBe('');
      for (const e of pr.errors) expect(validate.error(e)).toBe('');
    }
  });
});

describe('what a Sentry SDK user sees', () => {
  it('the request: an http.server transaction named by its route, framework spans with their ops', () => {
    const tx = get('get-user').p.transactions[0]!;
    expect(tx.transaction).toBe('GET /api/users/:id');
    expect(tx.transaction_info).toEqual({ source: 'route' });
    expect(tx.contexts.trace).toMatchObject({ op: 'http.server', status: 'ok' });
    const spans = (tx.spans ?? []).map((s) => [s.op, s.description, s.status]);
    // Siblings in name order: the recorder rebuilds times from the tree (test/helpers/real-instrumentations.ts).
    expect(spans).toEqual([
      ['middleware.express', 'jsonParser', 'ok'],
      ['request_handler.express', '/api/users/:id', 'ok'],
      ['http.client', 'GET http://127.0.0.1:4001/upstream/profile/1', 'ok'],
      ['db', 'select * from "users" where "id" = ? limit ?', 'ok'],
      ['router.express', '/users/:id', 'ok'],
    ]);
  });

  it('the thrown error: one error event, with its in-app frame, in the failed transaction', () => {
    const { p } = get('order-total-error');
    expect(p.transactions[0]).toMatchObject({
      transaction: 'GET /api/orders/:id/total',
      contexts: { trace: { op: 'http.server', status: 'internal_error' } },
    });
    expect(p.errors).toHaveLength(1);
    const err = p.errors[0]!;
    expect(err.transaction).toBe('GET /api/orders/:id/total');
    const value = (err.exception as { values: ExceptionValue[] }).values[0]!;
    expect(value).toMatchObject({
      type: 'TypeError',
      value: "Cannot read properties of undefined (reading 'lines')",
    });
    const frames = value.stacktrace!.frames;
    const appFile = readFileSync(resolve(REPO_ROOT, 'test/fixtures/real-app/shop-app.cjs'), 'utf8');
    const bugLine = appFile.split('\n').findIndex((l) => l.includes('order.lines.length')) + 1;
    // Sentry orders frames oldest first: the throwing frame is the last, and it is the app's code.
    expect(frames.at(-1)).toMatchObject({
      filename: '/app/test/fixtures/real-app/shop-app.cjs',
      lineno: bugLine,
      in_app: true,
    });
    expect(frames.filter((f) => f.in_app).length).toBe(1);
    expect(err.contexts!.trace!.span_id).toBe(
      p.transactions[0]!.spans!.find((s) => s.op === 'request_handler.express')!.span_id,
    );
  });

  it('the unknown URL: a 404 is not_found, as Sentry infers it; classic says ok and a lint says why', () => {
    expect(get('not-found').p.transactions[0]!.contexts.trace.status).toBe('not_found');
    const classic = get('not-found').classic;
    expect(classic.transactions[0]!.contexts.trace.status).toBe('ok');
    expect(classic.lints.map((l) => [l.code, l.severity])).toContainEqual([
      'http-error-status-unset',
      'warning',
    ]);
  });

  it('a startup query with no parent becomes a transaction, and a lint says so', () => {
    for (const name of ['startup-create-table', 'startup-insert'] as const) {
      const { p } = get(name);
      expect(p.transactions).toHaveLength(1);
      expect(p.transactions[0]!.contexts.trace.op).toBe('db');
      expect(p.lints.map((l) => [l.code, l.severity])).toContainEqual([
        'parentless-db-transaction',
        'warning',
      ]);
    }
  });

  it('route spans are not flagged as dropped under sentry-otlp', () => {
    for (const { otlp } of previews.values())
      expect(otlp.lints.filter((l) => l.code === 'span-name-slash')).toEqual([]);
  });
});

// Test connection: each way of failing is told in plain words at the right stage, nothing visible is
// created in Sentry (only a client report arrives), and the DSN key never appears in a message.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDeliveryService,
  type DeliveryService,
  type DeliveryTarget,
} from '../../../../../electron/core/forwarding/delivery/index.js';
import { startFakeSentry, type Fault, type FakeSentry } from '../../../../helpers/fake-sentry.js';

let sentry: FakeSentry;
let service: DeliveryService;
let dataDir: string;
let closedPort: number;

beforeAll(async () => {
  sentry = await startFakeSentry();
  dataDir = mkdtempSync(join(tmpdir(), 'delivery-conn-'));
  service = await createDeliveryService({ dataDir });
  // A port nothing listens on: bind one, then let it go.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
});
afterAll(async () => {
  await service.close();
  await sentry.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const KEY = () => sentry.projects[0]!.publicKey;
const envelopeTarget = (over: Partial<DeliveryTarget> = {}): DeliveryTarget => ({
  id: 't',
  kind: 'sentry-envelope',
  url: sentry.envelopeUrl(),
  headers: { 'X-Sentry-Auth': sentry.authHeader() },
  redact: [KEY()],
  timeoutMs: 5_000,
  ...over,
});

describe('testConnection', () => {
  it('succeeds against Sentry with a client-report-only envelope (no event is created)', async () => {
    const before = sentry.envelopes.length;
    const r = await service.testConnection(envelopeTarget());
    expect(r).toMatchObject({ ok: true, stage: 'ok', httpStatus: 200 });
    expect(r.message).toMatch(/nothing visible was created/);
    const sent = sentry.envelopes.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.items.map((i) => i.type)).toEqual(['client_report']);
    expect(sentry.eventIds()).toEqual([]);
  });

  it("tests a sentry-otlp target through the project's envelope endpoint, and an OTLP backend with an empty export", async () => {
    const r1 = await service.testConnection(envelopeTarget({ kind: 'sentry-otlp', url: sentry.otlpUrl() }));
    expect(r1).toMatchObject({ ok: true, stage: 'ok' });
    expect(sentry.requests.at(-1)!.path).toBe('/api/1/envelope/');
    const r2 = await service.testConnection({
      id: 'j',
      kind: 'otlp-http',
      url: sentry.otlpHttpUrl,
      headers: {},
    });
    expect(r2).toMatchObject({ ok: true, stage: 'ok' });
    expect(sentry.otlp.at(-1)!.spans).toEqual([]);
  });

  it.each<[string, () => DeliveryTarget, Fault | undefined, string, RegExp]>([
    [
      'an unknown host',
      () => envelopeTarget({ url: 'http://no-such-host.invalid/api/1/envelope/' }),
      undefined,
      'dns',
      /Cannot find the host "no-such-host.invalid"/,
    ],
    [
      'a closed port',
      () => envelopeTarget({ url: `http://127.0.0.1:${closedPort}/api/1/envelope/` }),
      undefined,
      'tcp',
      /connection refused/,
    ],
    [
      'TLS to a plain HTTP server',
      () => envelopeTarget({ url: sentry.envelopeUrl().replace('http:', 'https:') }),
      undefined,
      'tls',
      /TLS handshake .* failed/,
    ],
    ['a missing key', () => envelopeTarget({ headers: {} }), undefined, 'auth', /401 Unauthorized/],
    [
      'a wrong key',
      () =>
        envelopeTarget({
          headers: { 'X-Sentry-Auth': 'Sentry sentry_version=7, sentry_key=0000wrongkey0000' },
          redact: ['0000wrongkey0000'],
        }),
      undefined,
      'auth',
      /refused the credentials/,
    ],
    [
      'an unknown project',
      () => envelopeTarget({ url: sentry.envelopeUrl('4242') }),
      undefined,
      'project',
      /does not know this project \(403\)/,
    ],
    [
      'a 403',
      () => envelopeTarget(),
      { kind: 'status', status: 403, body: '{"detail":"key disabled"}' },
      'auth',
      /403 Forbidden.*key disabled/,
    ],
    [
      'a rate limit',
      () => envelopeTarget(),
      { kind: 'rate-limit', retryAfter: 30, rateLimits: '30:transaction:key' },
      'rate-limit',
      /rate limiting this project for 30 s/,
    ],
    [
      'a server error',
      () => envelopeTarget(),
      { kind: 'status', status: 502 },
      'http',
      /HTTP 502 \(bad gateway\)/,
    ],
  ])('%s is reported at its stage, in words', async (_name, target, fault, stage, words) => {
    if (fault) sentry.failNext(fault);
    const r = await service.testConnection(target());
    expect(r.ok).toBe(false);
    expect(r.stage).toBe(stage);
    expect(r.message).toMatch(words);
    expect(r.message).not.toContain(KEY());
    expect(r.message).not.toContain('0000wrongkey0000');
  });
});

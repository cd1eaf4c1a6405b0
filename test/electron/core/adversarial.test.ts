// The adversarial cases of the hardening pass (issue 8) against a running inspector, as one table: the
// input, the status it must get and a time bound. The bounds are generous (the broken behaviour took
// seconds to minutes; a loaded 2-core machine answers these in tens of milliseconds), so they catch a
// return of the quadratic or stalling code without flaking. After each case a valid request on the same
// keep-alive agent must be answered promptly too: a refused request may not stall its connection.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningInspector } from '../../../electron/core/inspector.js';
import { startLocalInspector } from '../../helpers/local-inspector.js';
import { httpRequest, type RawRequest, type RawResponse } from '../../helpers/otlp-clients.js';
import { oneSpanJsonWith, prng } from '../../helpers/otlp-payloads.js';

type Target = 'otlp' | 'api';

interface AdversarialCase {
  name: string;
  target: Target;
  request: () => Omit<RawRequest, 'port' | 'agent'>;
  status: number;
  /** The answer must arrive within this many milliseconds. */
  withinMs: number;
  body?: RegExp;
}

const JSONH = { 'content-type': 'application/json' };

/** A gzip header followed by bytes that are not a deflate stream, large enough to fill the inflater. */
function corruptGzip(bytes: number): Buffer {
  const rand = prng(3);
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) b[i] = Math.floor(rand() * 256);
  b.set([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0xff], 0);
  return b;
}

const cases: AdversarialCase[] = [
  {
    // Was ~6 s: the float-text pattern backtracked quadratically over the digit run.
    name: 'doubleValue of 40 000 digits then x',
    target: 'otlp',
    request: () => ({
      headers: JSONH,
      body: oneSpanJsonWith({
        attributes: [{ key: 'd', value: { doubleValue: `${'1'.repeat(40_000)}x` } }],
      }),
    }),
    status: 400,
    withinMs: 2500,
    body: /expected a number/,
  },
  {
    // Was ~7.7 s: the digits were turned into a BigInt before the range check.
    name: 'startTimeUnixNano of 16 million digits',
    target: 'otlp',
    request: () => ({ headers: JSONH, body: oneSpanJsonWith({ startTimeUnixNano: '1'.repeat(16_000_000) }) }),
    status: 400,
    withinMs: 3000,
    body: /out of range for uint64/,
  },
  {
    // Was a 66 s stall of the next request on the connection: the body was left unread.
    name: 'corrupt gzip body of 1 MiB on a keep-alive connection',
    target: 'otlp',
    request: () => ({ headers: { ...JSONH, 'content-encoding': 'gzip' }, body: corruptGzip(1 << 20) }),
    status: 400,
    withinMs: 3000,
    body: /cannot decompress gzip body/,
  },
  {
    // Was a connection reset: the socket was destroyed before the 413 was written.
    name: 'settings PUT of 2 MiB with a Content-Length',
    target: 'api',
    request: () => settingsPut({ body: bigSettings(2 << 20) }),
    status: 413,
    withinMs: 3000,
    body: /request body over 1048576 bytes/,
  },
  {
    name: 'settings PUT of 2 MiB chunked (no length: answered, then the connection closes)',
    target: 'api',
    request: () => {
      const text = bigSettings(2 << 20);
      return settingsPut({
        chunks: Array.from({ length: 32 }, (_, i) => text.slice(i * 65536, (i + 1) * 65536)),
      });
    },
    status: 413,
    withinMs: 3000,
    body: /request body over 1048576 bytes/,
  },
];

/** A settings document of about `bytes` bytes (one long unknown field). */
function bigSettings(bytes: number): string {
  return JSON.stringify({ note: 'x'.repeat(bytes) });
}

let apiToken = '';
function settingsPut(r: Pick<RawRequest, 'body' | 'chunks'>): Omit<RawRequest, 'port' | 'agent'> {
  return {
    method: 'PUT',
    path: '/api/v1/settings',
    headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
    ...r,
  };
}

describe('adversarial requests (issue 8)', () => {
  let inspector: RunningInspector;
  let dataDir: string;
  const agents: Record<Target, Agent> = {
    otlp: new Agent({ keepAlive: true, maxSockets: 1 }),
    api: new Agent({ keepAlive: true, maxSockets: 1 }),
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'osi-adversarial-'));
    inspector = await startLocalInspector({ dataDir });
    apiToken = inspector.token;
  });
  afterAll(async () => {
    agents.otlp.destroy();
    agents.api.destroy();
    await inspector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const port = (t: Target) => (t === 'otlp' ? inspector.http.port : inspector.api.port);

  async function timed(target: Target, r: Omit<RawRequest, 'port' | 'agent'>) {
    const t0 = performance.now();
    const res: RawResponse = await httpRequest({ ...r, port: port(target), agent: agents[target] });
    return { res, ms: performance.now() - t0 };
  }

  /** A valid request for the target, to prove the connection (or a fresh one) still works. */
  const followUp = (t: Target): Omit<RawRequest, 'port' | 'agent'> =>
    t === 'otlp'
      ? { headers: JSONH, body: oneSpanJsonWith({}) }
      : {
          method: 'GET',
          path: '/api/v1/settings',
          headers: { authorization: `Bearer ${inspector.token}` },
        };

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { res, ms } = await timed(c.target, c.request());
    expect(res.status).toBe(c.status);
    if (c.body) expect(res.body.toString('utf8')).toMatch(c.body);
    expect(ms).toBeLessThan(c.withinMs);
    const next = await timed(c.target, followUp(c.target));
    expect(next.res.status).toBe(200);
    expect(next.ms).toBeLessThan(c.withinMs);
  });
});

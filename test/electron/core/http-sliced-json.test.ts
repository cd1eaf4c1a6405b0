import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonPieces, sendSlicedJson } from '../../../electron/core/http/sliced-json.js';
import { makeSpan } from './store/fixtures.js';

const bigSpan = makeSpan({
  trace: 1,
  span: 1,
  attributes: Array.from({ length: 5000 }, (_, i) => ({ key: `k${i}`, value: { stringValue: `"v${i}"\n` } })),
});

describe('jsonPieces', () => {
  it.each([
    ['a scalar', 'x"\u2028'],
    ['null', null],
    ['an object with undefined and a function', { a: 1, b: undefined, c: () => 1, d: [1, undefined] }],
    ['a long array with holes of undefined', Array.from({ length: 600 }, (_, i) => (i % 7 ? i : undefined))],
    [
      'an object holding a long array',
      { head: 'h', list: Array.from({ length: 1000 }, (_, i) => ({ i })), tail: [] },
    ],
    ['a trace with a span of 5000 attributes', { summary: { spanCount: 1 }, spans: [bigSpan] }],
    [
      'nested long arrays',
      [Array.from({ length: 300 }, (_, i) => [i, Array.from({ length: 300 }, () => 'z')])],
    ],
  ])('concatenates to JSON.stringify for %s', (_n, value) => {
    expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value));
  });

  it('splits a span with many attributes into many pieces', () => {
    expect([...jsonPieces({ spans: [bigSpan] })].length).toBeGreaterThan(5000);
  });
});

describe('sendSlicedJson', () => {
  let server: Server;
  const body = { spans: Array.from({ length: 4000 }, (_, i) => makeSpan({ trace: 1, span: i + 1 })) };
  beforeAll(async () => {
    server = createServer((_req, res) => void sendSlicedJson(res, 200, body));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the same JSON as JSON.stringify, chunked', async () => {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(await res.text()).toBe(JSON.stringify(body));
  });
});

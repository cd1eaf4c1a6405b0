import fc from 'fast-check';
import { parseEnvelope as coreParseEnvelope } from '@sentry/core';
import { describe, expect, it } from 'vitest';
import { parseDsn } from '../../../shared/sentry/dsn.js';
import {
  buildEventEnvelope,
  dynamicSamplingContext,
  envelopeBytes,
  EnvelopeError,
  eventIdFor,
  serializeEnvelope,
  utf8Length,
} from '../../../shared/sentry/envelope.js';
import { parseEnvelope } from '../../../shared/sentry/envelope-parse.js';
import { utf8LengthLoop } from '../../../shared/sentry/utf8.js';

const EVENT_ID = 'fc6d8c0c43fc4630ad850ee518f1b9d0';
const SENT_AT = '2026-03-01T12:00:00.123Z';
const TRACE_ID = '6cf173d587eb48568a9b2e12dcfbea52';
/** Recorded from the first release of eventIdFor; see the 'does not change between versions' test. */
const PINNED_TRANSACTION = 'ed404b07e7c147ff06f92ca9722fcaf9';
const PINNED_UNICODE = '2eb763551e4c89b85f2594b5782e8b84';

const transaction = {
  event_id: EVENT_ID,
  type: 'transaction',
  transaction: 'GET /api/users',
  start_timestamp: 1742921669.158209,
  timestamp: 1742921669.180536,
  contexts: { trace: { trace_id: TRACE_ID, span_id: '438f40bd3b4a41ee', op: 'http.server' } },
};

describe('buildEventEnvelope', () => {
  it('writes the headers, item header and payload exactly as the protocol says', () => {
    const trace = dynamicSamplingContext({ traceId: TRACE_ID, publicKey: 'abc', environment: 'dev' });
    const text = buildEventEnvelope(transaction, {
      dsn: 'https://abc@o1.ingest.sentry.io/42',
      sentAt: SENT_AT,
      sdk: { name: 'otel-sentry-inspector', version: '0.1.0' },
      trace,
    });
    const payload = JSON.stringify(transaction);
    expect(text).toBe(
      [
        `{"event_id":"${EVENT_ID}","sent_at":"${SENT_AT}","dsn":"https://abc@o1.ingest.sentry.io/42",` +
          `"sdk":{"name":"otel-sentry-inspector","version":"0.1.0"},` +
          `"trace":{"trace_id":"${TRACE_ID}","public_key":"abc","sample_rate":"1","sampled":"true","environment":"dev"}}`,
        `{"type":"transaction","length":${payload.length}}`,
        payload,
        '',
      ].join('\n'),
    );
  });

  it('writes only event_id and sent_at when nothing else is given; an error event is item type "event"', () => {
    const text = buildEventEnvelope({ event_id: EVENT_ID, level: 'error' }, { sentAt: SENT_AT });
    const payload = `{"event_id":"${EVENT_ID}","level":"error"}`;
    expect(text).toBe(
      `{"event_id":"${EVENT_ID}","sent_at":"${SENT_AT}"}\n{"type":"event","length":${payload.length}}\n${payload}\n`,
    );
  });

  it('drops our type:"event" marker from the payload but keeps other event types', () => {
    const marked = parseEnvelope(
      buildEventEnvelope({ event_id: EVENT_ID, type: 'event' }, { sentAt: SENT_AT }),
    );
    expect(marked.items[0]!.json).toEqual({ event_id: EVENT_ID });
    const csp = parseEnvelope(buildEventEnvelope({ event_id: EVENT_ID, type: 'csp' }, { sentAt: SENT_AT }));
    expect(csp.items[0]).toMatchObject({
      headers: { type: 'event' },
      json: { event_id: EVENT_ID, type: 'csp' },
    });
  });

  it('accepts a parsed Dsn and writes it with its secret', () => {
    const text = buildEventEnvelope(transaction, {
      dsn: parseDsn('http://k:s@localhost:9000/2'),
      sentAt: SENT_AT,
    });
    expect(parseEnvelope(text).headers).toMatchObject({ dsn: 'http://k:s@localhost:9000/2' });
  });

  it('counts length in UTF-8 bytes, not UTF-16 units', () => {
    const event = { event_id: EVENT_ID, message: 'naïve café — 日本語 😀' };
    const text = buildEventEnvelope(event, { sentAt: SENT_AT });
    const payload = JSON.stringify(event);
    const header = JSON.parse(text.split('\n')[1]!);
    expect(header.length).toBe(new TextEncoder().encode(payload).length);
    expect(header.length).toBeGreaterThan(payload.length);
  });

  it.each([
    [{ event_id: 'not-hex' }, SENT_AT, /event_id must be 32 hex/],
    [{ event_id: EVENT_ID.slice(1) }, SENT_AT, /event_id must be 32 hex/],
    [{ event_id: EVENT_ID }, '2026-03-01 12:00', /sentAt must be an RFC 3339/],
    [{ event_id: EVENT_ID }, '2026-03-01T12:00:00', /sentAt must be an RFC 3339/],
  ])('rejects %j sent at %j', (event, sentAt, message) => {
    expect(() => buildEventEnvelope(event as { event_id: string }, { sentAt })).toThrow(EnvelopeError);
    expect(() => buildEventEnvelope(event as { event_id: string }, { sentAt })).toThrow(message);
  });

  it('accepts a dashed UUID event id', () => {
    const id = 'fc6d8c0c-43fc-4630-ad85-0ee518f1b9d0';
    expect(parseEnvelope(buildEventEnvelope({ event_id: id }, { sentAt: SENT_AT })).headers).toMatchObject({
      event_id: id,
    });
  });

  it('passes a bad DSN error through', () => {
    expect(() => buildEventEnvelope(transaction, { sentAt: SENT_AT, dsn: 'https://host/1' })).toThrow(
      /public key/,
    );
  });
});

describe('serializeEnvelope and parseEnvelope', () => {
  it('round-trips several items, including a raw payload with newlines (safe because length is written)', () => {
    const items = [
      { headers: { type: 'event' }, payload: { event_id: EVENT_ID, message: 'ü\n' } },
      {
        headers: { type: 'attachment', filename: 'log.txt', length: 999 },
        payload: 'line 1\nline 2\r\nlast 😀',
      },
      { headers: { type: 'client_report' }, payload: { discarded_events: [] } },
    ];
    const text = serializeEnvelope({ event_id: EVENT_ID }, items);
    const parsed = parseEnvelope(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.ok).toBe(true);
    expect(parsed.headers).toEqual({ event_id: EVENT_ID });
    expect(parsed.items.map((i) => i.headers)).toEqual([
      { type: 'event', length: utf8Length(JSON.stringify(items[0]!.payload)) },
      // the given length is replaced by the real one, and type/length come first
      { type: 'attachment', length: utf8Length('line 1\nline 2\r\nlast 😀'), filename: 'log.txt' },
      { type: 'client_report', length: '{"discarded_events":[]}'.length },
    ]);
    expect(parsed.items[0]!.json).toEqual(items[0]!.payload);
    expect(parsed.items[1]!.payload).toBe('line 1\nline 2\r\nlast 😀');
    expect(parsed.items[2]!.json).toEqual({ discarded_events: [] });
  });

  it('is read by @sentry/core parseEnvelope too', () => {
    const text = buildEventEnvelope(transaction, { sentAt: SENT_AT, sdk: { name: 'x', version: '1' } });
    const [headers, items] = coreParseEnvelope(text);
    expect(headers).toEqual({ event_id: EVENT_ID, sent_at: SENT_AT, sdk: { name: 'x', version: '1' } });
    expect(items).toHaveLength(1);
    expect(JSON.parse(new TextDecoder().decode(items[0]![1] as Uint8Array))).toEqual(transaction);
  });

  it('reads envelopes without length (payload up to the newline) and without a final newline', () => {
    const parsed = parseEnvelope(`{}\n{"type":"event"}\n{"event_id":"${EVENT_ID}"}`);
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]!.json).toEqual({ event_id: EVENT_ID });
    // the missing event_id header is reported
    expect(parsed.problems.map((p) => p.message)).toEqual([
      'envelope header needs event_id when it holds an event or transaction',
    ]);
  });

  it('serializes an envelope with no items as the header line', () => {
    expect(serializeEnvelope({}, [])).toBe('{}\n');
    expect(parseEnvelope('{}\n')).toEqual({ headers: {}, items: [], problems: [], ok: true });
  });

  it('rejects items without a type', () => {
    expect(() => serializeEnvelope({}, [{ headers: { type: '' }, payload: '' }])).toThrow(EnvelopeError);
  });

  const bad: [string, string | Uint8Array, RegExp][] = [
    ['empty input', '', /envelope is empty/],
    ['a header that is not JSON', 'garbage\n', /envelope header is not JSON: garbage/],
    ['a header that is an array', '[1]\n', /envelope header must be a JSON object/],
    ['CRLF line ends', `{"event_id":"${EVENT_ID}"}\r\n{"type":"event"}\r\n{}\r\n`, /\\r\\n/],
    [
      'a length past the end',
      '{}\n{"type":"attachment","length":50}\nshort',
      /length is 50 bytes but only 5 remain/,
    ],
    [
      'a length not followed by a newline',
      '{}\n{"type":"attachment","length":2}\nabc\n',
      /followed by something other than \\n/,
    ],
    ['a bad length', '{}\n{"type":"attachment","length":-1}\nabc\n', /non-negative integer/],
    ['an item without type', '{}\n{"length":0}\n\n', /item header has no type/],
    [
      'an event payload that is not JSON',
      `{"event_id":"${EVENT_ID}"}\n{"type":"event"}\nnope\n`,
      /event item payload is not JSON/,
    ],
    [
      'two events',
      `{"event_id":"${EVENT_ID}"}\n{"type":"event"}\n{}\n{"type":"transaction"}\n{}\n`,
      /2 event\/transaction\/feedback items/,
    ],
    ['a duplicated sent_at', `{"sent_at":"${SENT_AT}","sent_at":"${SENT_AT}"}\n`, /sent_at twice/],
    ['invalid UTF-8 bytes', new Uint8Array([0x7b, 0x7d, 0x0a, 0xff, 0xfe, 0x0a]), /item header is not JSON/],
  ];
  it.each(bad)('reports %s without throwing', (_name, input, message) => {
    const parsed = parseEnvelope(input);
    expect(parsed.ok).toBe(false);
    expect(parsed.problems.some((p) => message.test(p.message))).toBe(true);
    for (const p of parsed.problems) expect(p.offset).toBeGreaterThanOrEqual(0);
  });

  // How fast it reads garbage is measured by `npm run bench:envelope` (linear: the same MB/s at 1 and
  // 4 MiB). Here, 65 536 bad records must give a capped list; a parser quadratic in the records would
  // also run into the test's time-out long before finishing.
  it('reads a megabyte of garbage and lists a bounded number of problems', () => {
    const garbage = 'x\r\n{"type":\n'.repeat(1 << 16);
    const parsed = parseEnvelope(garbage);
    expect(parsed.ok).toBe(false);
    expect(parsed.problems).toHaveLength(101);
    expect(parsed.problems[100]!.message).toMatch(/^… and \d+ more problems$/);
  });

  it('never throws on any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.uint8Array({ maxLength: 200 }),
          fc
            .array(
              fc.constantFrom(
                '{}',
                '{"type":"event"',
                ',"length":',
                '3',
                '}',
                '\n',
                '\r',
                'x',
                '😀',
                '[',
                '"',
              ),
              {
                maxLength: 40,
              },
            )
            .map((a) => a.join('')),
        ),
        (input) => {
          const parsed = parseEnvelope(input);
          expect(parsed.ok).toBe(parsed.problems.length === 0);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('round-trips any JSON payload', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'grapheme' }), (value, raw) => {
        const items = [
          { headers: { type: 'event' }, payload: { event_id: EVENT_ID, value } },
          { headers: { type: 'attachment' }, payload: raw },
        ];
        const parsed = parseEnvelope(serializeEnvelope({ event_id: EVENT_ID }, items));
        expect(parsed.problems).toEqual([]);
        expect(parsed.items[0]!.json).toEqual(JSON.parse(JSON.stringify({ event_id: EVENT_ID, value })));
        expect(parsed.items[1]!.payload).toBe(raw);
      }),
      { numRuns: 300 },
    );
  });
});

describe('utf8Length and envelopeBytes', () => {
  it('match TextEncoder on any string, lone surrogates included', () => {
    fc.assert(
      // Repeated so that both the short (JS loop) and the long (encodeInto) paths run.
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 1, max: 300 }), (part, times) => {
        const s = part.repeat(times);
        const expected = new TextEncoder().encode(s);
        expect(utf8Length(s)).toBe(expected.length);
        expect(utf8LengthLoop(s)).toBe(expected.length);
        expect(envelopeBytes(s)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('eventIdFor', () => {
  it('is 32 lowercase hex characters, stable, and order- and boundary-sensitive', () => {
    const id = eventIdFor('error', TRACE_ID, 'f1196292f76e45c0', '0');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(eventIdFor('error', TRACE_ID, 'f1196292f76e45c0', '0')).toBe(id);
    expect(eventIdFor('ab', 'c')).not.toBe(eventIdFor('a', 'bc'));
    expect(eventIdFor('a', 'b')).not.toBe(eventIdFor('b', 'a'));
    expect(eventIdFor('a')).not.toBe(eventIdFor('a', ''));
    expect(eventIdFor()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('does not change between versions (previews saved earlier must keep their ids)', () => {
    // Pinned values: changing the hash would silently rename every event a user has already seen.
    expect(eventIdFor('transaction', TRACE_ID, '438f40bd3b4a41ee')).toBe(PINNED_TRANSACTION);
    expect(eventIdFor('é😀')).toBe(PINNED_UNICODE);
  });

  it('gives distinct ids to distinct inputs', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20000; i++) ids.add(eventIdFor('error', TRACE_ID, String(i)));
    expect(ids.size).toBe(20000);
    fc.assert(
      fc.property(fc.array(fc.string()), fc.array(fc.string()), (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(eventIdFor(...a)).not.toBe(eventIdFor(...b));
      }),
      { numRuns: 500 },
    );
  });
});

describe('dynamicSamplingContext', () => {
  it('builds the forwarder DSC with string values in protocol order', () => {
    expect(
      dynamicSamplingContext({
        traceId: TRACE_ID,
        publicKey: 'abc',
        release: 'shop@1.2.3',
        environment: 'staging',
        transaction: 'GET /api/users',
        sampleRate: 0.25,
        sampled: false,
        orgId: '447951',
      }),
    ).toEqual({
      trace_id: TRACE_ID,
      public_key: 'abc',
      sample_rate: '0.25',
      sampled: 'false',
      release: 'shop@1.2.3',
      environment: 'staging',
      transaction: 'GET /api/users',
      org_id: '447951',
    });
  });

  it('defaults to sample_rate 1 and sampled true, and leaves out empty values and URL-sourced names', () => {
    expect(
      dynamicSamplingContext({
        traceId: TRACE_ID,
        publicKey: 'abc',
        release: '',
        transaction: 'GET /users/123',
        transactionSource: 'url',
      }),
    ).toEqual({ trace_id: TRACE_ID, public_key: 'abc', sample_rate: '1', sampled: 'true' });
  });

  it.each([-0.1, 1.5, Number.NaN])('rejects sampleRate %s', (sampleRate) => {
    expect(() => dynamicSamplingContext({ traceId: TRACE_ID, publicKey: 'abc', sampleRate })).toThrow(
      RangeError,
    );
  });
});

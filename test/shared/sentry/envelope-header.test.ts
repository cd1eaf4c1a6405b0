import { describe, expect, it } from 'vitest';
import { buildEventEnvelope, EnvelopeError } from '../../../shared/sentry/envelope.js';

const EVENT = { event_id: 'fc6d8c0c43fc4630ad850ee518f1b9d0', type: 'transaction' };
const GOOD = '2026-03-01T12:00:00.123Z';

// buildEventEnvelope remembers the last sending time it accepted (forwarding reuses one for a batch): a bad
// one must still be refused whatever came before it.
describe('buildEventEnvelope sentAt check with the remembered last good value', () => {
  const bad: [string, unknown][] = [
    ['empty', ''],
    ['no zone', '2026-03-01T12:00:00'],
    ['not a date', '2026-13-45T99:00:00Z'],
    ['undefined', undefined],
    ['null', null],
  ];
  it.each(bad)('refuses %s after a good one', (_name, sentAt) => {
    expect(buildEventEnvelope(EVENT, { sentAt: GOOD })).toContain(`"sent_at":"${GOOD}"`);
    expect(() => buildEventEnvelope(EVENT, { sentAt: sentAt as string })).toThrow(EnvelopeError);
    expect(buildEventEnvelope(EVENT, { sentAt: GOOD })).toContain(`"sent_at":"${GOOD}"`);
  });
});

// The header members shared by a batch (sent_at, dsn, sdk) are rendered once and reused: every change of any
// of them, in any order, must still give exactly JSON.stringify of the header object.
describe('buildEventEnvelope header line', () => {
  const DSN = 'https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/42';
  const OTHER = 'https://fedcba9876543210fedcba9876543210@sentry.example.com:9000/prefix/7';
  const trace = { trace_id: '5b8efff798038103d269b633813fc60c', public_key: 'k', sample_rate: '1' };
  const cases: [string, Parameters<typeof buildEventEnvelope>[1], Record<string, unknown>][] = [
    ['sent_at only', { sentAt: GOOD }, { sent_at: GOOD }],
    ['dsn string', { sentAt: GOOD, dsn: DSN }, { sent_at: GOOD, dsn: DSN }],
    ['other dsn', { sentAt: GOOD, dsn: OTHER }, { sent_at: GOOD, dsn: OTHER }],
    [
      'sdk',
      { sentAt: GOOD, dsn: OTHER, sdk: { name: 'a', version: '1' } },
      { sent_at: GOOD, dsn: OTHER, sdk: { name: 'a', version: '1' } },
    ],
    [
      'other sdk version',
      { sentAt: GOOD, dsn: OTHER, sdk: { name: 'a', version: '2' } },
      { sent_at: GOOD, dsn: OTHER, sdk: { name: 'a', version: '2' } },
    ],
    [
      'other sent_at',
      { sentAt: '2026-03-01T12:00:01Z', dsn: OTHER, sdk: { name: 'a', version: '2' } },
      { sent_at: '2026-03-01T12:00:01Z', dsn: OTHER, sdk: { name: 'a', version: '2' } },
    ],
    ['trace', { sentAt: GOOD, trace }, { sent_at: GOOD, trace }],
    [
      'trace with toJSON',
      { sentAt: GOOD, trace: { toJSON: (k: string) => ({ key: k }) } as never },
      { sent_at: GOOD, trace: { key: 'trace' } },
    ],
    ['no dsn again', { sentAt: GOOD }, { sent_at: GOOD }],
  ];
  it.each(cases)('%s', (_name, opts, rest) => {
    const text = buildEventEnvelope(EVENT, opts);
    expect(text.slice(0, text.indexOf('\n'))).toBe(JSON.stringify({ event_id: EVENT.event_id, ...rest }));
  });
});

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

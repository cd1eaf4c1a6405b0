// What an HTTP attempt means, table-driven: delivered, rate-limited, retried or failed for good.
import { describe, expect, it } from 'vitest';
import {
  classifyAttempt,
  retryAfterMs,
  type AttemptResult,
} from '../../../../../electron/core/forwarding/delivery/outcome.js';
import { backoffDelay } from '../../../../../electron/core/forwarding/delivery/backoff.js';
import {
  bodyExcerpt,
  redact,
  targetSecrets,
} from '../../../../../electron/core/forwarding/delivery/redact.js';

const res = (status: number, body = '', headers: Record<string, string> = {}): AttemptResult => ({
  kind: 'response',
  status,
  headers,
  body,
});

describe('classifyAttempt', () => {
  it.each<[string, AttemptResult, string]>([
    ['200', res(200, '{"id":"x"}'), 'delivered'],
    ['202', res(202), 'delivered'],
    ['429', res(429), 'rate-limited'],
    ['500', res(500), 'retry'],
    ['502', res(502), 'retry'],
    ['503', res(503), 'retry'],
    ['408', res(408), 'retry'],
    ['400', res(400), 'permanent'],
    ['401', res(401), 'permanent'],
    ['403', res(403), 'permanent'],
    ['404', res(404), 'permanent'],
    ['413', res(413), 'permanent'],
    ['timeout', { kind: 'timeout', timeoutMs: 10 }, 'retry'],
    ['reset', { kind: 'network', code: 'ECONNRESET', message: 'read ECONNRESET' }, 'retry'],
    ['refused', { kind: 'network', code: 'ECONNREFUSED', message: 'x' }, 'retry'],
  ])('%s → %s', (_n, r, kind) => {
    expect(classifyAttempt(r, [], 0).kind).toBe(kind);
  });

  it('says what went wrong in words, with the body excerpt, and masks secrets', () => {
    expect(classifyAttempt(res(413, '{"detail":"too big"}'), [], 0)).toEqual({
      kind: 'permanent',
      reason: 'HTTP 413 payload too large',
      status: 413,
      bodyExcerpt: '{"detail":"too big"}',
    });
    const o = classifyAttempt(res(401, 'bad key abc123 for project'), ['abc123'], 0);
    expect(o).toMatchObject({ bodyExcerpt: 'bad key *** for project' });
    expect(classifyAttempt({ kind: 'network', code: 'ECONNRESET', message: '' }, [], 0)).toMatchObject({
      reason: 'network error: connection reset by the server',
    });
  });

  it('a 503 with Retry-After waits at least that long', () => {
    expect(classifyAttempt(res(503, '', { 'retry-after': '7' }), [], 0)).toMatchObject({
      retryAfterMs: 7000,
    });
  });
});

describe('retryAfterMs', () => {
  it.each<[string | undefined, number | undefined]>([
    ['5', 5000],
    ['0', 0],
    [undefined, undefined],
    ['soon', undefined],
    ['Thu, 01 Jan 1970 00:00:10 GMT', 10_000],
  ])('%s → %s', (v, ms) => expect(retryAfterMs(v, 0)).toBe(ms));
});

describe('backoffDelay', () => {
  const policy = { baseMs: 1000, maxMs: 30_000 };
  it.each([
    [1, 0, 500],
    [1, 0.999, 1000],
    [2, 0, 1000],
    [3, 0.5, 3000],
    [6, 0, 15_000],
    [50, 1, 30_000],
  ])('failure %i with random %f → %i ms', (failures, random, ms) => {
    expect(backoffDelay(failures, policy, random)).toBe(ms);
  });
});

describe('redaction', () => {
  it('masks every secret, the longest first, and cuts long bodies', () => {
    expect(redact('key abc and abcdef', ['abc', 'abcdef'])).toBe('key *** and ***');
    expect(bodyExcerpt('x'.repeat(600), [])).toHaveLength(501);
    expect(bodyExcerpt('a\n  b', [])).toBe('a b');
  });
  it('finds sentry_key and sentry_secret in the auth header', () => {
    expect(
      targetSecrets(['extra'], {
        'X-Sentry-Auth': 'Sentry sentry_version=7, sentry_key=pub, sentry_secret=sec',
      }),
    ).toEqual(['extra', 'pub', 'sec']);
  });
});

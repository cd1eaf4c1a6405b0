import { describe, expect, it } from 'vitest';
import type { ForwardTarget } from '../../../shared/forwarding/target-types.js';
import {
  deliveryTargetFor,
  maskDsn,
  maskTarget,
  targetEndpoint,
  validateTarget,
} from '../../../shared/forwarding/targets.js';

const KEY = 'e2f1c0ffee0123456789abcdef012345';
const DSN = `https://${KEY}@o42.ingest.sentry.io/4504`;

function ok(id: string, raw: unknown, previous?: ForwardTarget): ForwardTarget {
  const r = validateTarget(id, raw, previous);
  expect(r.errors).toEqual([]);
  return r.target!;
}

describe('validateTarget', () => {
  it('accepts the three kinds', () => {
    expect(
      ok('sentry', { kind: 'sentry-envelope', dsn: DSN, environment: 'dev', options: { spanData: false } }),
    ).toEqual({
      id: 'sentry',
      kind: 'sentry-envelope',
      enabled: true,
      dsn: DSN,
      environment: 'dev',
      options: { spanData: false },
      resourceRules: [],
    });
    expect(ok('s-otlp', { kind: 'sentry-otlp', dsn: DSN }).kind).toBe('sentry-otlp');
    expect(
      ok('jaeger', {
        kind: 'otlp-http',
        url: 'http://localhost:4318/v1/traces',
        headers: { 'x-api-key': 'k' },
        enabled: false,
      }),
    ).toMatchObject({
      url: 'http://localhost:4318/v1/traces',
      headers: { 'x-api-key': 'k' },
      enabled: false,
    });
    // Spotlight's sidecar is a DSN like any other.
    expect(
      targetEndpoint(ok('spotlight', { kind: 'sentry-envelope', dsn: 'http://spotlight@localhost:8969/0' })),
    ).toBe('http://localhost:8969/api/0/envelope/');
  });

  const bad: [string, string, unknown, string][] = [
    ['bad id', 'a b', { kind: 'otlp-http', url: 'http://x/v1/traces' }, 'id must be 1-64 letters'],
    ['no kind', 't', {}, 'kind must be one of sentry-envelope, sentry-otlp, otlp-http'],
    ['no dsn', 't', { kind: 'sentry-envelope' }, 'dsn is required'],
    [
      'dsn without project',
      't',
      { kind: 'sentry-envelope', dsn: `https://${KEY}@host` },
      'dsn (projectId): DSN has no project id',
    ],
    [
      'dsn bad scheme',
      't',
      { kind: 'sentry-otlp', dsn: `ftp://${KEY}@host/1` },
      'dsn (protocol): DSN scheme must be http or https',
    ],
    [
      'dsn on otlp-http',
      't',
      { kind: 'otlp-http', url: 'http://x', dsn: DSN },
      'dsn is only for sentry-envelope and sentry-otlp targets',
    ],
    ['no url', 't', { kind: 'otlp-http' }, 'url is required'],
    ['bad url', 't', { kind: 'otlp-http', url: 'localhost:4318' }, 'url must start with http:// or https://'],
    [
      'reserved header',
      't',
      { kind: 'otlp-http', url: 'http://x', headers: { 'Content-Type': 'a' } },
      'headers.Content-Type is set by the forwarder',
    ],
    [
      'bad header value',
      't',
      { kind: 'otlp-http', url: 'http://x', headers: { a: 'x\ny' } },
      'headers.a must be a one-line string',
    ],
    [
      'unknown option',
      't',
      { kind: 'sentry-envelope', dsn: DSN, options: { nope: true } },
      'options.nope is not a mapping option',
    ],
    [
      'environment on otlp',
      't',
      { kind: 'sentry-otlp', dsn: DSN, environment: 'x' },
      'environment is only for sentry-envelope targets',
    ],
    [
      'bad rule action',
      't',
      { kind: 'otlp-http', url: 'http://x', resourceRules: [{ key: 'a', action: 'hash' }] },
      'resourceRules[0].action must be one of insert, update, upsert, delete',
    ],
    [
      'rule without value',
      't',
      { kind: 'otlp-http', url: 'http://x', resourceRules: [{ key: 'a', action: 'upsert' }] },
      'resourceRules[0].value must be a string',
    ],
    [
      'unknown field',
      't',
      { kind: 'otlp-http', url: 'http://x', endpoint: 'y' },
      'endpoint is not a target field',
    ],
    [
      'enabled not boolean',
      't',
      { kind: 'otlp-http', url: 'http://x', enabled: 1 },
      'enabled must be true or false',
    ],
  ];
  it.each(bad)('%s: refused naming the field', (_n, id, raw, message) => {
    const r = validateTarget(id, raw);
    expect(r.target).toBeNull();
    expect(r.errors.join('; ')).toContain(message);
  });

  it('never echoes a DSN key in an error', () => {
    for (const dsn of [
      `https://${KEY}@host/notdigits`,
      `https://${KEY}-x@host/1`,
      `https://${KEY}:${KEY}x-@host/1`,
      `https://${KEY}@ho st/1`,
    ]) {
      const r = validateTarget('t', { kind: 'sentry-envelope', dsn });
      expect(r.errors.length).toBeGreaterThan(0);
      expect(r.errors.join(' ')).not.toContain(KEY);
    }
  });

  it('takes the masked DSN and header values back as "unchanged"', () => {
    const stored = ok('t', { kind: 'sentry-envelope', dsn: DSN });
    const view = maskTarget(stored);
    expect(view.dsn).toBe('https://****@o42.ingest.sentry.io/4504');
    expect(ok('t', { kind: 'sentry-envelope', dsn: view.dsn, release: '1.0' }, stored).dsn).toBe(DSN);
    const otlp = ok('o', {
      kind: 'otlp-http',
      url: 'http://x/v1/traces',
      headers: { authorization: 'Bearer s3cret' },
    });
    expect(maskTarget(otlp).headers).toEqual({ authorization: '****' });
    expect(
      ok('o', { kind: 'otlp-http', url: 'http://x/v1/traces', headers: { authorization: '****' } }, otlp)
        .headers,
    ).toEqual({
      authorization: 'Bearer s3cret',
    });
  });
});

describe('delivery targets', () => {
  it('derive URL, X-Sentry-Auth and the secrets to redact', () => {
    const t = ok('s', { kind: 'sentry-envelope', dsn: DSN });
    const d = deliveryTargetFor(t);
    expect(d.url).toBe('https://o42.ingest.sentry.io/api/4504/envelope/');
    expect(d.headers['X-Sentry-Auth']).toContain(`sentry_key=${KEY}`);
    expect(d.redact).toEqual([KEY]);
    expect(deliveryTargetFor(ok('s', { kind: 'sentry-otlp', dsn: DSN })).url).toBe(
      'https://o42.ingest.sentry.io/api/4504/integration/otlp/v1/traces',
    );
  });
  it('a URL with credentials is masked like a DSN and taken back as unchanged', () => {
    const t = ok('o', { kind: 'otlp-http', url: 'https://user:pa55@collector.example/v1/traces' });
    const view = maskTarget(t);
    expect(view.url).toBe('https://****:****@collector.example/v1/traces');
    expect(ok('o', { kind: 'otlp-http', url: view.url }, t).url).toBe(t.url);
    expect(deliveryTargetFor(t).redact).toEqual(['user', 'pa55']);
  });
  it('maskDsn hides key and secret', () => {
    expect(maskDsn('https://abc:def@h/1')).toBe('https://****:****@h/1');
  });
});

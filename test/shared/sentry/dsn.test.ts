import fc from 'fast-check';
import { makeDsn } from '@sentry/core';
import { describe, expect, it } from 'vitest';
import {
  authHeader,
  DsnError,
  dsnToString,
  envelopeEndpoint,
  orgIdFromHost,
  otlpTracesEndpoint,
  parseDsn,
  type Dsn,
  type DsnField,
} from '../../../shared/sentry/dsn.js';

const KEY = '502f25099c204a2fbf4cb16edc5975d1';

const valid: { dsn: string; parsed: Dsn; endpoint: string; canonical?: string }[] = [
  {
    dsn: `https://${KEY}@o447951.ingest.sentry.io/5428563`,
    parsed: {
      protocol: 'https',
      publicKey: KEY,
      host: 'o447951.ingest.sentry.io',
      path: '',
      projectId: '5428563',
    },
    endpoint: 'https://o447951.ingest.sentry.io/api/5428563/envelope/',
  },
  {
    dsn: 'http://abc@localhost:9000/2',
    parsed: { protocol: 'http', publicKey: 'abc', host: 'localhost', port: 9000, path: '', projectId: '2' },
    endpoint: 'http://localhost:9000/api/2/envelope/',
  },
  {
    dsn: 'https://key:secret@sentry.example.com/sentry/42',
    parsed: {
      protocol: 'https',
      publicKey: 'key',
      secretKey: 'secret',
      host: 'sentry.example.com',
      path: 'sentry',
      projectId: '42',
    },
    endpoint: 'https://sentry.example.com/sentry/api/42/envelope/',
  },
  {
    dsn: 'https://key@example.com:8443/a/b/c/7',
    parsed: {
      protocol: 'https',
      publicKey: 'key',
      host: 'example.com',
      port: 8443,
      path: 'a/b/c',
      projectId: '7',
    },
    endpoint: 'https://example.com:8443/a/b/c/api/7/envelope/',
  },
  {
    dsn: 'http://key@[::1]:9000/3',
    parsed: { protocol: 'http', publicKey: 'key', host: '[::1]', port: 9000, path: '', projectId: '3' },
    endpoint: 'http://[::1]:9000/api/3/envelope/',
  },
  {
    dsn: 'http://key@[fe80::1%25eth0]/3',
    parsed: { protocol: 'http', publicKey: 'key', host: '[fe80::1%25eth0]', path: '', projectId: '3' },
    endpoint: 'http://[fe80::1%25eth0]/api/3/envelope/',
  },
  {
    // a default port stays in the DSN but not in URLs, as in sentry-go and Relay
    dsn: 'https://key@host.example:443/12',
    parsed: {
      protocol: 'https',
      publicKey: 'key',
      host: 'host.example',
      port: 443,
      path: '',
      projectId: '12',
    },
    endpoint: 'https://host.example/api/12/envelope/',
  },
  {
    dsn: 'http://key@host.example:80/12',
    parsed: { protocol: 'http', publicKey: 'key', host: 'host.example', port: 80, path: '', projectId: '12' },
    endpoint: 'http://host.example/api/12/envelope/',
  },
  {
    dsn: 'http://key@10.0.0.5/11',
    parsed: { protocol: 'http', publicKey: 'key', host: '10.0.0.5', path: '', projectId: '11' },
    endpoint: 'http://10.0.0.5/api/11/envelope/',
  },
  {
    // whitespace trimmed, scheme case-insensitive, empty secret dropped, query ignored
    dsn: '  HTTPS://key:@my_host.internal/5?sentry_version=7  \n',
    parsed: { protocol: 'https', publicKey: 'key', host: 'my_host.internal', path: '', projectId: '5' },
    endpoint: 'https://my_host.internal/api/5/envelope/',
    canonical: 'https://key@my_host.internal/5',
  },
];

describe('parseDsn: valid DSNs', () => {
  it.each(valid)('$dsn', ({ dsn, parsed, endpoint, canonical }) => {
    const d = parseDsn(dsn);
    expect(d).toEqual(parsed);
    expect(envelopeEndpoint(d)).toBe(endpoint);
    expect(dsnToString(d)).toBe(canonical ?? dsn.trim());
    expect(parseDsn(dsnToString(d))).toEqual(d);
  });

  it.each(valid)('agrees with @sentry/core for $dsn', ({ dsn }) => {
    const ours = parseDsn(dsn);
    const core = makeDsn(dsnToString(ours))!;
    expect(core).toBeDefined();
    expect({
      host: core.host,
      path: core.path,
      projectId: core.projectId,
      publicKey: core.publicKey,
    }).toEqual({
      host: ours.host,
      path: ours.path,
      projectId: ours.projectId,
      publicKey: ours.publicKey,
    });
    expect(core.port).toBe(ours.port === undefined ? '' : String(ours.port));
    expect(core.pass).toBe(ours.secretKey ?? '');
  });
});

const invalid: [string, DsnField, string][] = [
  ['', 'dsn', 'DSN is empty'],
  ['   ', 'dsn', 'DSN is empty'],
  ['https://key@host/ 42', 'dsn', 'whitespace at position 18'],
  ['key@host/42', 'protocol', 'DSN has no scheme'],
  ['://key@host/42', 'protocol', 'DSN has no scheme'],
  ['ftp://key@host/42', 'protocol', 'DSN scheme must be http or https, got ftp'],
  ['https://host/42', 'publicKey', 'DSN has no public key'],
  ['https://@host/42', 'publicKey', 'DSN has no public key before the @'],
  ['https://:secret@host/42', 'publicKey', 'DSN has no public key before the @'],
  ['https://ke-y@host/42', 'publicKey', 'public key may contain only letters, digits and _, got "ke-y"'],
  ['https://key:se%2Fcret@host/42', 'secretKey', 'secret key may contain only'],
  ['https://key@/42', 'host', 'DSN has no host'],
  ['https://key@ho!st/42', 'host', `host may contain only letters, digits, '.', '-' and '_', got "ho!st"`],
  ['https://key@[::1/42', 'host', 'IPv6 host has no closing ]'],
  ['https://key@[nothex]/42', 'host', 'IPv6 host is not valid'],
  ['https://key@[::1]x/42', 'host', 'unexpected text after the IPv6 host'],
  ['https://key@host:/42', 'port', 'has a : after the host but no port'],
  ['https://key@host:http/42', 'port', 'port must be a number from 1 to 65535, got "http"'],
  ['https://key@host:70000/42', 'port', 'got "70000"'],
  ['https://key@host:0/42', 'port', 'got "0"'],
  ['https://key@host', 'projectId', 'DSN has no project id'],
  ['https://key@host/', 'projectId', 'DSN has no project id'],
  ['https://key@host/42/', 'projectId', 'DSN ends with /'],
  ['https://key@host/my-project', 'projectId', 'DSN project id must be numeric, got "my-project"'],
  ['https://key@host/42abc', 'projectId', 'got "42abc"'],
  ['https://key@host/a//42', 'path', 'DSN path has an empty segment'],
];

describe('parseDsn: invalid DSNs name what is wrong', () => {
  it.each(invalid)('%j → %s', (dsn, field, message) => {
    let error: unknown;
    try {
      parseDsn(dsn);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DsnError);
    expect((error as DsnError).field).toBe(field);
    expect((error as DsnError).message).toContain(message);
    expect((error as DsnError).name).toBe('DsnError');
  });

  it('rejects non-strings with a DsnError', () => {
    expect(() => parseDsn(undefined as unknown as string)).toThrow(DsnError);
  });

  it('throws only DsnError, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })),
        (s) => {
          try {
            parseDsn(s);
          } catch (e) {
            expect(e).toBeInstanceOf(DsnError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('headers and endpoints', () => {
  it.each([
    [
      'https://key@host/1',
      { name: 'otel-sentry-inspector', version: '0.1.0' },
      'Sentry sentry_version=7, sentry_client=otel-sentry-inspector/0.1.0, sentry_key=key',
    ],
    [
      'https://key:sec@host/1',
      'custom/2.0',
      'Sentry sentry_version=7, sentry_client=custom/2.0, sentry_key=key, sentry_secret=sec',
    ],
  ])('authHeader for %s', (dsn, client, header) => {
    expect(authHeader(parseDsn(dsn), client)).toBe(header);
  });

  it('builds the OTLP traces endpoint with the path prefix', () => {
    expect(otlpTracesEndpoint(parseDsn('https://k@example.com:8443/sentry/42'))).toBe(
      'https://example.com:8443/sentry/api/42/integration/otlp/v1/traces',
    );
  });

  it.each([
    ['o447951.ingest.sentry.io', '447951'],
    ['o1.ingest.us.sentry.io', '1'],
    ['sentry.example.com', undefined],
    ['localhost', undefined],
  ])('orgIdFromHost(%s) = %s', (host, org) => {
    expect(orgIdFromHost(host)).toBe(org);
  });
});

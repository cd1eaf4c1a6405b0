// Sentry DSNs: parse with an error that names the bad part, and derive the ingest URL and auth header
// (reference/sentry-protocol.md §1).
//
// Which code does what: @sentry/core's `dsnFromString` only logs "Invalid Sentry Dsn" and returns undefined,
// which is useless to a user typing a DSN into a settings field. So we first check the DSN ourselves, part by
// part, with the character classes of the SDK's own DSN regex (so we accept exactly what the JS SDK accepts,
// plus the leniencies noted below), and throw a `DsnError` naming the field. Only a DSN that passed is handed
// to @sentry/core's `dsnFromString`, whose components we then use; `dsnToString` and the API version also come
// from @sentry/core, so the strings we print are the SDK's.
//
// Choices where the two reference parsers (JS regex, Rust url-based) differ or are silent:
// - surrounding whitespace is trimmed; whitespace inside is an error;
// - the scheme is case-insensitive (`HTTPS://` → `https`), as in URLs;
// - the project id must be all digits (JS silently cuts `42abc` to `42`; Relay accepts any string);
// - a trailing `/` after the project id is an error (neither parser finds the project id then);
// - a `?query` or `#fragment` is ignored, as both parsers do;
// - an empty secret (`key:@host`) means no secret; the port is kept as written (`:443` stays in the DSN,
//   but URLs built from it leave a default port out);
// - an IPv6 host keeps its brackets (`[::1]`) so that it can be put back into a URL as is.
import { dsnFromString, dsnToString as coreDsnToString, SENTRY_API_VERSION } from '@sentry/core';

export type Dsn = {
  protocol: 'http' | 'https';
  publicKey: string;
  /** Deprecated by Sentry but still accepted; absent when the DSN has none. */
  secretKey?: string;
  /** Host name, IPv4 address, or `[IPv6]` with brackets. */
  host: string;
  port?: number;
  /** Path prefix without leading or trailing slash (`sentry` for `https://k@host/sentry/42`); '' if none. */
  path: string;
  /** Decimal digits, kept as a string (Sentry treats every DSN part as a string). */
  projectId: string;
};

export type DsnField =
  'dsn' | 'protocol' | 'publicKey' | 'secretKey' | 'host' | 'port' | 'path' | 'projectId';

export class DsnError extends Error {
  readonly field: DsnField;
  constructor(field: DsnField, message: string) {
    super(message);
    this.name = 'DsnError';
    this.field = field;
  }
}

/** Who is sending: `sentry_client` in the auth header. */
type SentryClient = string | { name: string; version: string };

const WORD = /^\w+$/;
const HOST_NAME = /^[\w.-]+$/;
const IPV6_BODY = /^[:.%\w]+$/;
const DIGITS = /^\d+$/;
const SHOWN_MAX = 40;

function shown(s: string): string {
  return JSON.stringify(s.length > SHOWN_MAX ? `${s.slice(0, SHOWN_MAX)}…` : s);
}

/** Parses a DSN, throwing a `DsnError` whose message says what is wrong and whose `field` says where. */
export function parseDsn(input: string): Dsn {
  if (typeof input !== 'string') throw new DsnError('dsn', 'DSN must be a string');
  const dsn = input.trim();
  if (dsn === '') throw new DsnError('dsn', 'DSN is empty');
  const space = dsn.search(/\s/);
  if (space >= 0) throw new DsnError('dsn', `DSN contains whitespace at position ${space + 1}`);

  const schemeEnd = dsn.indexOf('://');
  if (schemeEnd < 0)
    throw new DsnError('protocol', 'DSN has no scheme: it must start with https:// or http://');
  const scheme = dsn.slice(0, schemeEnd).toLowerCase();
  if (scheme === '')
    throw new DsnError('protocol', 'DSN has no scheme: it must start with https:// or http://');
  if (scheme !== 'http' && scheme !== 'https') {
    throw new DsnError('protocol', `DSN scheme must be http or https, got ${scheme}`);
  }

  // Query and fragment are ignored, as both reference parsers do.
  let rest = dsn.slice(schemeEnd + 3);
  const cut = rest.search(/[?#]/);
  if (cut >= 0) rest = rest.slice(0, cut);
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const pathPart = slash < 0 ? '' : rest.slice(slash + 1);

  const at = authority.lastIndexOf('@');
  if (at < 0)
    throw new DsnError(
      'publicKey',
      'DSN has no public key: expected https://<public key>@<host>/<project id>',
    );
  const userInfo = authority.slice(0, at);
  const hostPort = authority.slice(at + 1);
  const colon = userInfo.indexOf(':');
  const publicKey = colon < 0 ? userInfo : userInfo.slice(0, colon);
  const secret = colon < 0 ? '' : userInfo.slice(colon + 1);
  if (publicKey === '') throw new DsnError('publicKey', 'DSN has no public key before the @');
  if (!WORD.test(publicKey)) {
    throw new DsnError(
      'publicKey',
      `DSN public key may contain only letters, digits and _, got ${shown(publicKey)}`,
    );
  }
  if (secret !== '' && !WORD.test(secret)) {
    throw new DsnError(
      'secretKey',
      `DSN secret key may contain only letters, digits and _, got ${shown(secret)}`,
    );
  }

  let host: string;
  let portText = '';
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) throw new DsnError('host', `DSN IPv6 host has no closing ]: ${shown(hostPort)}`);
    host = hostPort.slice(0, close + 1);
    const body = hostPort.slice(1, close);
    if (!IPV6_BODY.test(body) || !body.includes(':')) {
      throw new DsnError('host', `DSN IPv6 host is not valid: ${shown(host)}`);
    }
    const after = hostPort.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':'))
        throw new DsnError('host', `DSN has unexpected text after the IPv6 host: ${shown(after)}`);
      portText = after.slice(1);
      if (portText === '') throw new DsnError('port', 'DSN has a : after the host but no port');
    }
  } else {
    const portColon = hostPort.lastIndexOf(':');
    host = portColon < 0 ? hostPort : hostPort.slice(0, portColon);
    if (portColon >= 0) {
      portText = hostPort.slice(portColon + 1);
      if (portText === '') throw new DsnError('port', 'DSN has a : after the host but no port');
    }
    if (host === '') throw new DsnError('host', 'DSN has no host after the @');
    if (!HOST_NAME.test(host)) {
      throw new DsnError(
        'host',
        `DSN host may contain only letters, digits, '.', '-' and '_', got ${shown(host)}`,
      );
    }
  }
  let port: number | undefined;
  if (portText !== '') {
    const n = DIGITS.test(portText) ? Number(portText) : NaN;
    if (!(n >= 1 && n <= 65535)) {
      throw new DsnError('port', `DSN port must be a number from 1 to 65535, got ${shown(portText)}`);
    }
    port = n;
  }

  if (pathPart === '')
    throw new DsnError('projectId', 'DSN has no project id: expected /<project id> after the host');
  const segments = pathPart.split('/');
  const projectId = segments.pop()!;
  if (projectId === '') {
    throw new DsnError('projectId', 'DSN ends with /: the project id must be the last part of the path');
  }
  if (!DIGITS.test(projectId))
    throw new DsnError('projectId', `DSN project id must be numeric, got ${shown(projectId)}`);
  if (segments.some((s) => s === '')) throw new DsnError('path', 'DSN path has an empty segment (//)');
  const path = segments.join('/');

  // Every part now matches the SDK's regex, so @sentry/core parses it and does not log.
  const normalised = `${scheme}://${publicKey}${secret ? `:${secret}` : ''}@${host}${portText ? `:${portText}` : ''}/${path ? `${path}/` : ''}${projectId}`;
  const core = dsnFromString(normalised);
  if (!core) throw new DsnError('dsn', `DSN could not be parsed: ${shown(dsn)}`);
  const out: Dsn = {
    protocol: core.protocol as 'http' | 'https',
    publicKey: core.publicKey ?? publicKey,
    host: core.host,
    path: core.path ?? '',
    projectId: core.projectId,
  };
  if (core.pass) out.secretKey = core.pass;
  if (port !== undefined) out.port = port;
  return out;
}

function toCore(dsn: Dsn) {
  return {
    protocol: dsn.protocol,
    publicKey: dsn.publicKey,
    pass: dsn.secretKey ?? '',
    host: dsn.host,
    port: dsn.port === undefined ? '' : String(dsn.port),
    path: dsn.path,
    projectId: dsn.projectId,
  };
}

/** The DSN as a string, with the secret when it has one (so `parseDsn(dsnToString(d))` equals `d`). */
export function dsnToString(dsn: Dsn): string {
  return coreDsnToString(toCore(dsn), true);
}

/**
 * `{protocol}://{host}[:{port}][/{path}]`. The scheme's default port (443, 80) is left out, as sentry-go (the
 * collector's transport) and Relay do; `dsnToString` keeps the DSN as written.
 */
function baseUrl(dsn: Dsn): string {
  const defaultPort = dsn.protocol === 'https' ? 443 : 80;
  const port = dsn.port === undefined || dsn.port === defaultPort ? '' : `:${dsn.port}`;
  return `${dsn.protocol}://${dsn.host}${port}${dsn.path ? `/${dsn.path}` : ''}`;
}

/** The envelope endpoint: `{base}/api/{project id}/envelope/` (the trailing slash is part of the route). */
export function envelopeEndpoint(dsn: Dsn): string {
  return `${baseUrl(dsn)}/api/${dsn.projectId}/envelope/`;
}

/** Sentry's OTLP traces endpoint for the same project (reference/sentry-protocol.md §5.1). */
export function otlpTracesEndpoint(dsn: Dsn): string {
  return `${baseUrl(dsn)}/api/${dsn.projectId}/integration/otlp/v1/traces`;
}

function clientString(client: SentryClient): string {
  return typeof client === 'string' ? client : `${client.name}/${client.version}`;
}

/** The `X-Sentry-Auth` header value (§1.4); `sentry_secret` only when the DSN has one. */
export function authHeader(dsn: Dsn, client: SentryClient): string {
  const parts = [
    `sentry_version=${SENTRY_API_VERSION}`,
    `sentry_client=${clientString(client)}`,
    `sentry_key=${dsn.publicKey}`,
  ];
  if (dsn.secretKey) parts.push(`sentry_secret=${dsn.secretKey}`);
  return `Sentry ${parts.join(', ')}`;
}

/** The organisation id SaaS hosts carry (`o123.ingest.sentry.io` → `123`), for the DSC `org_id`. */
export function orgIdFromHost(host: string): string | undefined {
  return /^o(\d+)\./.exec(host)?.[1];
}

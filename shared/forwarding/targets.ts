// Forwarding targets: validation (each refusal names the field), masking for anything that leaves the core
// (API responses, dry runs, error messages), and what delivery needs (URL, headers, secrets to redact).
// A DSN's keys never appear in a message: a DSN error is re-worded with its user-info part masked.
import { CLASSIC_SDK } from '../sentry/collector/index.js';
import {
  authHeader,
  DsnError,
  envelopeEndpoint,
  otlpTracesEndpoint,
  parseDsn,
  type Dsn,
} from '../sentry/dsn.js';
import { isOptionName, type MappingOptions } from '../sentry/options.js';
import {
  FORWARD_TARGET_KINDS,
  RESOURCE_ACTIONS,
  type ForwardTarget,
  type ForwardTargetKind,
  type ResourceAction,
  type ResourceRule,
} from './target-types.js';

/** What replaces a secret wherever one would be shown. Never valid in a DSN key, so it cannot be mistaken for one. */
const MASK = '****';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers delivery sets itself. */
const RESERVED_HEADERS = new Set([
  'content-type',
  'content-encoding',
  'content-length',
  'host',
  'x-sentry-auth',
]);
const FIELDS = new Set([
  'name',
  'kind',
  'enabled',
  'dsn',
  'url',
  'headers',
  'options',
  'environment',
  'release',
  'resourceRules',
]);
const isSentry = (k: ForwardTargetKind): boolean => k === 'sentry-envelope' || k === 'sentry-otlp';

function describe(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

/** The user-info part (`key` or `key:secret`) of a DSN-like string, without parsing it. */
function userInfoOf(dsn: string): string[] {
  const start = dsn.indexOf('://');
  const rest = start < 0 ? dsn : dsn.slice(start + 3);
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  if (at < 0) return [];
  return authority
    .slice(0, at)
    .split(':')
    .filter((p) => p !== '');
}

/** `text` with every secret in `secrets` replaced by the mask (longest first, so a key inside another goes too). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length))
    if (s !== '') out = out.split(s).join(MASK);
  return out;
}

/** The DSN with its keys masked: `https://****@o1.ingest.sentry.io/42`. */
export function maskDsn(dsn: string): string {
  return redact(dsn, userInfoOf(dsn));
}

/** Secrets of a target: DSN keys and header values. Delivery redacts them; so does every message we build. */
export function targetSecrets(t: Pick<ForwardTarget, 'dsn' | 'headers' | 'url'>): string[] {
  const out: string[] = [];
  if (t.dsn) out.push(...userInfoOf(t.dsn.trim()));
  if (t.url) out.push(...userInfoOf(t.url.trim()));
  for (const v of Object.values(t.headers ?? {})) if (v !== '') out.push(v);
  return out;
}

/** The target as the API shows it. */
export function maskTarget<T extends ForwardTarget>(t: T): T {
  const out = { ...t };
  if (t.dsn !== undefined) out.dsn = maskDsn(t.dsn);
  if (t.url !== undefined) out.url = maskUrl(t.url);
  if (t.headers) out.headers = Object.fromEntries(Object.keys(t.headers).map((k) => [k, MASK]));
  return out;
}

function checkDsn(raw: unknown, previous: string | undefined, errors: string[]): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') {
    errors.push(
      `dsn is required for a Sentry target: paste the project's DSN (https://<key>@<host>/<project id>)`,
    );
    return undefined;
  }
  // The masked DSN GET returned means "keep the stored one" (the UI never holds the real key).
  const value = previous !== undefined && raw === maskDsn(previous) ? previous : raw.trim();
  try {
    parseDsn(value);
  } catch (e) {
    const field = e instanceof DsnError && e.field !== 'dsn' ? ` (${e.field})` : '';
    errors.push(`dsn${field}: ${redact((e as Error).message, userInfoOf(value))}`);
    return undefined;
  }
  return value;
}

function checkUrl(raw: unknown, previous: string | undefined, errors: string[]): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') {
    errors.push(
      'url is required for an otlp-http target: the OTLP/HTTP traces endpoint, e.g. http://localhost:4318/v1/traces',
    );
    return undefined;
  }
  // A URL with user:password comes back masked, like a DSN: the masked form keeps the stored one.
  if (previous !== undefined && raw === maskUrl(previous)) return previous;
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    errors.push(`url is not a valid URL: ${describe(maskUrl(raw))}`);
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    errors.push(`url must start with http:// or https://, got ${u.protocol}`);
    return undefined;
  }
  return raw.trim();
}

/** A URL with any user:password masked (for messages and views). */
function maskUrl(url: string): string {
  return maskDsn(url);
}

function checkHeaders(
  raw: unknown,
  previous: Record<string, string> | undefined,
  errors: string[],
): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push(`headers must be an object of header name → value, got ${describe(raw)}`);
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!HEADER_NAME.test(name)) errors.push(`headers: ${describe(name)} is not a valid header name`);
    else if (RESERVED_HEADERS.has(name.toLowerCase()))
      errors.push(`headers.${name} is set by the forwarder and cannot be given`);
    else if (typeof v !== 'string' || /[\r\n\0]/.test(v))
      errors.push(`headers.${name} must be a one-line string`);
    else out[name] = v === MASK && previous?.[name] !== undefined ? previous[name] : v;
  }
  return out;
}

function checkOptions(raw: unknown, errors: string[]): Partial<MappingOptions> | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push(`options must be an object of mapping option → true/false, got ${describe(raw)}`);
    return undefined;
  }
  const out: Partial<MappingOptions> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!isOptionName(k))
      errors.push(`options.${k} is not a mapping option (see GET /api/v1/traces/{id}/sentry)`);
    else if (typeof v !== 'boolean') errors.push(`options.${k} must be true or false, got ${describe(v)}`);
    else out[k] = v;
  }
  return out;
}

function checkText(raw: unknown, field: string, errors: string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || /[\r\n\0]/.test(raw) || raw.length > 200) {
    errors.push(`${field} must be a one-line string of at most 200 characters, got ${describe(raw)}`);
    return undefined;
  }
  return raw;
}

function checkResourceRules(raw: unknown, errors: string[], field = 'resourceRules'): ResourceRule[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    errors.push(`${field} must be an array of {key, action, value}, got ${describe(raw)}`);
    return [];
  }
  const out: ResourceRule[] = [];
  raw.forEach((r: unknown, i) => {
    const at = `${field}[${i}]`;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      errors.push(`${at} must be an object {key, action, value}, got ${describe(r)}`);
      return;
    }
    const o = r as Record<string, unknown>;
    const before = errors.length;
    for (const k of Object.keys(o))
      if (k !== 'key' && k !== 'action' && k !== 'value')
        errors.push(`${at}.${k} is not a rule field (key, action, value)`);
    if (typeof o.key !== 'string' || o.key === '') errors.push(`${at}.key must be a non-empty attribute key`);
    if (!RESOURCE_ACTIONS.includes(o.action as ResourceAction))
      errors.push(`${at}.action must be one of ${RESOURCE_ACTIONS.join(', ')}, got ${describe(o.action)}`);
    if (o.action === 'delete' ? o.value !== undefined : typeof o.value !== 'string')
      errors.push(
        o.action === 'delete'
          ? `${at}.value is not used by delete: leave it out`
          : `${at}.value must be a string`,
      );
    if (errors.length > before) return;
    const rule: ResourceRule = { key: o.key as string, action: o.action as ResourceAction };
    if (o.value !== undefined) rule.value = o.value as string;
    out.push(rule);
  });
  return out;
}

/**
 * Checks a PUT body for target `id`. `previous` is the stored target of that id, whose secrets a masked
 * value stands for. Returns the target, or the list of problems (each naming its field, none holding a key).
 */
export function validateTarget(
  id: string,
  raw: unknown,
  previous?: ForwardTarget,
): { target: ForwardTarget; errors: [] } | { target: null; errors: string[] } {
  const errors: string[] = [];
  if (!ID.test(id))
    errors.push(
      `id must be 1-64 letters, digits, '.', '_' or '-' (starting with a letter or digit), got ${describe(id)}`,
    );
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { target: null, errors: [...errors, `the target must be a JSON object, got ${describe(raw)}`] };
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!FIELDS.has(k)) errors.push(`${k} is not a target field (${[...FIELDS].join(', ')})`);
  const kind = o.kind as ForwardTargetKind;
  if (!FORWARD_TARGET_KINDS.includes(kind)) {
    errors.push(`kind must be one of ${FORWARD_TARGET_KINDS.join(', ')}, got ${describe(o.kind)}`);
    return { target: null, errors };
  }
  const target: ForwardTarget = { id, kind, enabled: true, resourceRules: [] };
  if (o.name !== undefined) {
    const name = checkText(o.name, 'name', errors);
    if (name) target.name = name;
  }
  if (o.enabled !== undefined) {
    if (typeof o.enabled !== 'boolean')
      errors.push(`enabled must be true or false, got ${describe(o.enabled)}`);
    else target.enabled = o.enabled;
  }
  const same = previous?.kind === kind ? previous : undefined;
  if (isSentry(kind)) {
    const dsn = checkDsn(o.dsn, same?.dsn, errors);
    if (dsn) target.dsn = dsn;
    for (const k of ['url', 'headers'] as const)
      if (o[k] !== undefined)
        errors.push(`${k} is only for otlp-http targets (a Sentry target's URL comes from its DSN)`);
  } else {
    if (o.dsn !== undefined) errors.push('dsn is only for sentry-envelope and sentry-otlp targets');
    const url = checkUrl(o.url, same?.url, errors);
    if (url) target.url = url;
    const headers = checkHeaders(o.headers, same?.headers, errors);
    if (headers) target.headers = headers;
  }
  if (kind === 'sentry-envelope') {
    const options = checkOptions(o.options, errors);
    if (options) target.options = options;
    const environment = checkText(o.environment, 'environment', errors);
    if (environment) target.environment = environment;
    const release = checkText(o.release, 'release', errors);
    if (release) target.release = release;
  } else {
    for (const k of ['options', 'environment', 'release'] as const)
      if (o[k] !== undefined)
        errors.push(
          `${k} is only for sentry-envelope targets (OTLP is sent as received; use resourceRules to change deployment.environment or service.version)`,
        );
  }
  target.resourceRules = checkResourceRules(o.resourceRules, errors);
  if (errors.length)
    return {
      target: null,
      errors: errors.map((e) =>
        redact(
          e,
          targetSecrets({
            dsn: typeof o.dsn === 'string' ? o.dsn : undefined,
            url: typeof o.url === 'string' ? o.url : undefined,
          }),
        ),
      ),
    };
  return { target, errors: [] };
}

export function parsedDsn(t: ForwardTarget): Dsn {
  if (!t.dsn) throw new Error(`target ${t.id} has no DSN`);
  return parseDsn(t.dsn);
}

/** Who we say we are in X-Sentry-Auth: the same SDK the envelopes name. */
const CLIENT = { name: CLASSIC_SDK.name, version: CLASSIC_SDK.version };

/** Where a target POSTs (never holds a key: Sentry's keys go in a header). */
export function targetEndpoint(t: ForwardTarget): string {
  if (t.kind === 'sentry-envelope') return envelopeEndpoint(parsedDsn(t));
  if (t.kind === 'sentry-otlp') return otlpTracesEndpoint(parsedDsn(t));
  return t.url ?? '';
}

/** What delivery needs for one target (structurally the core's DeliveryTarget). */
export function deliveryTargetFor(t: ForwardTarget): {
  id: string;
  kind: ForwardTargetKind;
  url: string;
  headers: Record<string, string>;
  redact: string[];
} {
  const headers =
    t.kind === 'otlp-http' ? { ...(t.headers ?? {}) } : { 'X-Sentry-Auth': authHeader(parsedDsn(t), CLIENT) };
  return { id: t.id, kind: t.kind, url: targetEndpoint(t), headers, redact: targetSecrets(t) };
}

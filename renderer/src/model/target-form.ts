// The target editor's state: a form built from a target as the API shows it (keys masked), checked field by
// field as it changes, and turned into the PUT body. The core checks again (shared/forwarding/targets.ts);
// this side exists so mistakes show next to the field while typing, not after Save.
import type {
  ForwardTargetInput,
  ForwardTargetKind,
  ForwardTargetView,
  ResourceAction,
} from '../../../shared/api/contract.js';
import { OPTION_NAMES, type OptionName } from '../../../shared/sentry/options.js';
import { checkDsnField, KEY_MASK, type DsnCheck } from './dsn-field.js';

export interface HeaderRow {
  name: string;
  value: string;
}

export interface ResourceRuleRow {
  key: string;
  action: ResourceAction;
  value: string;
}

export interface TargetForm {
  /** null while the target is new (the id is made from the name on save). */
  id: string | null;
  name: string;
  kind: ForwardTargetKind;
  enabled: boolean;
  dsn: string;
  /** The masked DSN as saved, or null: sending it back unchanged keeps the stored key. */
  savedDsn: string | null;
  url: string;
  headers: HeaderRow[];
  /** Mapping options changed from the defaults (sentry-envelope only). */
  options: Partial<Record<OptionName, boolean>>;
  environment: string;
  release: string;
  resourceRules: ResourceRuleRow[];
}

type FormField = 'name' | 'dsn' | 'url' | 'headers' | 'environment' | 'release' | 'resourceRules';
type FormErrors = Partial<Record<FormField, string>>;

export const KIND_LABEL: Record<ForwardTargetKind, string> = {
  'sentry-envelope': 'Sentry (envelopes)',
  'sentry-otlp': 'Sentry (OTLP endpoint)',
  'otlp-http': 'OTLP/HTTP endpoint',
};

export const KIND_HELP: Record<ForwardTargetKind, string> = {
  'sentry-envelope':
    'Transactions and error events, mapped like the OTel Collector’s sentry exporter (the collector profile and its options), POSTed as envelopes.',
  'sentry-otlp': 'The spans as received, POSTed as OTLP to the project’s OTLP traces endpoint.',
  'otlp-http':
    'Any OTLP/HTTP traces endpoint (Jaeger, another collector), e.g. http://localhost:4318/v1/traces.',
};

export const isSentryKind = (k: ForwardTargetKind): boolean => k === 'sentry-envelope' || k === 'sentry-otlp';

export function emptyForm(kind: ForwardTargetKind = 'sentry-envelope'): TargetForm {
  return {
    id: null,
    name: '',
    kind,
    enabled: true,
    dsn: '',
    savedDsn: null,
    url: '',
    headers: [],
    options: {},
    environment: '',
    release: '',
    resourceRules: [],
  };
}

export function formFromTarget(t: ForwardTargetView): TargetForm {
  return {
    id: t.id,
    name: t.name ?? '',
    kind: t.kind,
    enabled: t.enabled,
    dsn: t.dsn ?? '',
    savedDsn: t.dsn ?? null,
    url: t.url ?? '',
    headers: Object.entries(t.headers ?? {}).map(([name, value]) => ({ name, value })),
    options: { ...(t.options ?? {}) },
    environment: t.environment ?? '',
    release: t.release ?? '',
    resourceRules: t.resourceRules.map((r) => ({ key: r.key, action: r.action, value: r.value ?? '' })),
  };
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const RESERVED_HEADERS = ['content-type', 'content-encoding', 'content-length', 'host', 'x-sentry-auth'];

function checkUrl(url: string): string | undefined {
  const v = url.trim();
  if (v === '') return 'url: the OTLP/HTTP traces endpoint is required, e.g. http://localhost:4318/v1/traces';
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return 'url: not a valid URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return `url: must start with http:// or https://, not ${u.protocol}//`;
  return undefined;
}

function checkHeaders(rows: readonly HeaderRow[]): string | undefined {
  const seen = new Set<string>();
  for (const [i, h] of rows.entries()) {
    const at = `header ${i + 1}`;
    if (h.name === '' && h.value === '') continue;
    if (!HEADER_NAME.test(h.name)) return `${at}: "${h.name}" is not a valid header name`;
    if (RESERVED_HEADERS.includes(h.name.toLowerCase()))
      return `${at}: ${h.name} is set by the forwarder and cannot be given`;
    if (seen.has(h.name.toLowerCase())) return `${at}: ${h.name} is given twice`;
    seen.add(h.name.toLowerCase());
    if (/[\r\n\0]/.test(h.value)) return `${at}: the value must be one line`;
  }
  return undefined;
}

function checkRules(rows: readonly ResourceRuleRow[]): string | undefined {
  for (const [i, r] of rows.entries()) {
    const at = `rule ${i + 1}`;
    if (r.key.trim() === '') return `${at}: the attribute key is empty`;
    if (r.action !== 'delete' && r.value === '') return `${at}: ${r.action} needs a value`;
  }
  return undefined;
}

function checkText(field: 'name' | 'environment' | 'release', v: string): string | undefined {
  if (v.length > 200) return `${field}: at most 200 characters`;
  return undefined;
}

/** The DSN check for this form (Sentry kinds only). */
export function formDsnCheck(f: TargetForm): DsnCheck | null {
  return isSentryKind(f.kind) ? checkDsnField(f.dsn, f.kind, f.savedDsn) : null;
}

/** Problems by field; empty when the form can be saved. */
export function formErrors(f: TargetForm): FormErrors {
  const out: FormErrors = {};
  const set = (k: FormField, msg: string | undefined) => {
    if (msg) out[k] = msg;
  };
  set('name', checkText('name', f.name));
  const dsn = formDsnCheck(f);
  if (dsn && (dsn.state === 'error' || dsn.state === 'empty'))
    set('dsn', dsn.state === 'empty' ? `DSN: ${dsn.message}` : dsn.message);
  if (f.kind === 'otlp-http') {
    set('url', checkUrl(f.url));
    set('headers', checkHeaders(f.headers));
  }
  if (f.kind === 'sentry-envelope') {
    set('environment', checkText('environment', f.environment));
    set('release', checkText('release', f.release));
  }
  set('resourceRules', checkRules(f.resourceRules));
  return out;
}

export function hasErrors(e: FormErrors): boolean {
  return Object.keys(e).length > 0;
}

/** The PUT body: only the fields the kind takes (the core refuses the others). */
export function formToInput(f: TargetForm): ForwardTargetInput {
  const out: ForwardTargetInput = { kind: f.kind, enabled: f.enabled };
  if (f.name.trim()) out.name = f.name.trim();
  if (isSentryKind(f.kind)) out.dsn = f.dsn.trim();
  if (f.kind === 'otlp-http') {
    out.url = f.url.trim();
    const headers = f.headers.filter((h) => h.name !== '' || h.value !== '');
    if (headers.length) out.headers = Object.fromEntries(headers.map((h) => [h.name, h.value]));
  }
  if (f.kind === 'sentry-envelope') {
    const options = Object.fromEntries(
      OPTION_NAMES.filter((n) => typeof f.options[n] === 'boolean').map((n) => [n, f.options[n]!]),
    );
    if (Object.keys(options).length) out.options = options;
    if (f.environment.trim()) out.environment = f.environment.trim();
    if (f.release.trim()) out.release = f.release.trim();
  }
  out.resourceRules = f.resourceRules.map((r) =>
    r.action === 'delete'
      ? { key: r.key.trim(), action: r.action }
      : { key: r.key.trim(), action: r.action, value: r.value },
  );
  return out;
}

/** A header value the API masked: shown as "(hidden)", sent back unchanged to keep it. */
export const isMaskedValue = (v: string): boolean => v === KEY_MASK;

/**
 * An id for a new target from its name: lower-case letters, digits and '-', unique among `taken`
 * (the core's ids are 1-64 of [A-Za-z0-9_.-], starting with a letter or digit).
 */
export function newTargetId(name: string, kind: ForwardTargetKind, taken: readonly string[]): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || (kind === 'otlp-http' ? 'otlp' : 'sentry');
  const used = new Set(taken);
  if (!used.has(slug)) return slug;
  for (let i = 2; ; i++) if (!used.has(`${slug}-${i}`)) return `${slug}-${i}`;
}

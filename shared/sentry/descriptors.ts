// op and description of a span (sentryexporter.md §3.4.3: generateSpanDescriptors), the transaction
// name's source, and the improvements: current semconv keys, names from http.route or the URL path.
import { findAttribute } from '../model/attributes.js';
import type { KeyValue, Span } from '../model/span.js';
import { SpanKind } from '../model/span.js';
import type { OptionName } from './options.js';

export type NameSource = 'route' | 'url' | 'custom';

export interface Descriptors {
  op: string;
  description: string;
  source: NameSource;
  /** Provenance of op and description. */
  opRule: string;
  opKey?: string;
  descRule: string;
  descKey?: string;
  /** Set when an option (not the classic rules) decided the value. */
  opOption?: OptionName;
  descOption?: OptionName;
}

export interface DescriptorOptions {
  semconvFallbacks: boolean;
  httpRouteNames: boolean;
}

const KIND_SUFFIX: Record<number, string> = {
  [SpanKind.UNSPECIFIED]: '',
  [SpanKind.INTERNAL]: '.internal',
  [SpanKind.SERVER]: '.server',
  [SpanKind.CLIENT]: '.client',
  [SpanKind.PRODUCER]: '.producer',
  [SpanKind.CONSUMER]: '.consumer',
};

/** Go's pcommon.Value.Str(): the string, or '' for any other kind. */
export function goStr(attrs: readonly KeyValue[], key: string): string {
  const v = findAttribute(attrs, key);
  return v && 'stringValue' in v ? v.stringValue : '';
}

function has(attrs: readonly KeyValue[], key: string): boolean {
  return findAttribute(attrs, key) !== undefined;
}

/** The first of `keys` present; fallbacks only count when the option allows them. */
function firstKey(
  attrs: readonly KeyValue[],
  classic: string,
  fallbacks: readonly string[],
  useFallbacks: boolean,
) {
  if (has(attrs, classic)) return { key: classic, fallback: false };
  if (useFallbacks) for (const k of fallbacks) if (has(attrs, k)) return { key: k, fallback: true };
  return undefined;
}

/** Strip query and fragment, and for full URLs the credentials; relative paths stay paths. */
export function urlPath(raw: string): string {
  const cut = raw.split(/[?#]/, 1)[0]!;
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(cut);
  if (m) return m[1] ?? '/';
  return cut;
}

export function sanitizedUrl(raw: string): string {
  const cut = raw.split(/[?#]/, 1)[0]!;
  return cut.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1[filtered]@');
}

function httpMethod(attrs: readonly KeyValue[], key: string): string {
  const m = goStr(attrs, key);
  if (key === 'http.request.method' && m === '_OTHER')
    return goStr(attrs, 'http.request.method_original') || 'HTTP';
  return m;
}

export function spanDescriptors(span: Span, opts: DescriptorOptions): Descriptors {
  const attrs = span.attributes;
  const fb = opts.semconvFallbacks;
  const http = firstKey(attrs, 'http.method', ['http.request.method'], fb);
  if (http) {
    const method = httpMethod(attrs, http.key);
    const op = 'http' + (KIND_SUFFIX[span.kind] ?? '');
    const base = {
      op,
      opRule: 'http-kind',
      opKey: http.key,
      ...(http.fallback ? { opOption: 'semconvFallbacks' as const } : {}),
    };
    if (opts.httpRouteNames) return { ...base, ...httpName(span, method, http.key, fb) };
    return {
      ...base,
      description: `${method} ${span.name}`,
      source: 'custom',
      descRule: 'http-method-and-name',
      descKey: http.key,
      ...(http.fallback ? { descOption: 'semconvFallbacks' as const } : {}),
    };
  }
  const db = firstKey(attrs, 'db.system', ['db.system.name'], fb);
  if (db) {
    const stmt = firstKey(attrs, 'db.statement', ['db.query.text'], fb);
    const option = db.fallback || stmt?.fallback ? { opOption: 'semconvFallbacks' as const } : {};
    if (stmt)
      return {
        op: 'db',
        opRule: 'db',
        opKey: db.key,
        description: goStr(attrs, stmt.key),
        source: 'custom',
        descRule: 'db-statement',
        descKey: stmt.key,
        ...option,
        ...(stmt.fallback ? { descOption: 'semconvFallbacks' as const } : {}),
      };
    return {
      op: 'db',
      opRule: 'db',
      opKey: db.key,
      description: span.name,
      source: 'custom',
      descRule: 'span-name',
      ...option,
    };
  }
  const rpc = firstKey(attrs, 'rpc.service', ['rpc.system.name', 'rpc.system'], fb);
  if (rpc) return simple('rpc', rpc.key, rpc.fallback, span.name);
  const msg = firstKey(attrs, 'messaging.system', [], fb);
  if (msg) return simple('message', msg.key, false, span.name);
  if (has(attrs, 'faas.trigger')) {
    return {
      ...simple(goStr(attrs, 'faas.trigger'), 'faas.trigger', false, span.name),
      opRule: 'faas-trigger',
    };
  }
  return { op: '', opRule: 'no-op', description: span.name, source: 'custom', descRule: 'span-name' };
}

function simple(op: string, key: string, fallback: boolean, name: string): Descriptors {
  return {
    op,
    opRule: op,
    opKey: key,
    description: name,
    source: 'custom',
    descRule: 'span-name',
    ...(fallback ? { opOption: 'semconvFallbacks' as const } : {}),
  };
}

/** HTTP naming with httpRouteNames on: route, else URL path (client: the sanitised URL), else the span name. */
function httpName(
  span: Span,
  method: string,
  methodKey: string,
  fb: boolean,
): Pick<Descriptors, 'description' | 'source' | 'descRule' | 'descKey' | 'descOption'> {
  const attrs = span.attributes;
  const route = goStr(attrs, 'http.route');
  if (route)
    return {
      description: `${method} ${route}`,
      source: 'route',
      descRule: 'http-method-and-route',
      descKey: 'http.route',
      descOption: 'httpRouteNames',
    };
  const urlKeys = span.kind === SpanKind.CLIENT ? ['http.url', ...(fb ? ['url.full'] : [])] : [];
  const pathKeys = ['http.target', ...(fb ? ['url.path'] : []), 'http.url', ...(fb ? ['url.full'] : [])];
  for (const k of urlKeys) {
    const v = goStr(attrs, k);
    if (v)
      return {
        description: `${method} ${sanitizedUrl(v)}`,
        source: 'url',
        descRule: 'http-method-and-url',
        descKey: k,
        descOption: 'httpRouteNames',
      };
  }
  for (const k of pathKeys) {
    const v = goStr(attrs, k);
    if (v)
      return {
        description: `${method} ${urlPath(v)}`,
        source: 'url',
        descRule: 'http-method-and-path',
        descKey: k,
        descOption: 'httpRouteNames',
      };
  }
  // No route, no URL: the span name, without doubling a method the name already starts with.
  const named = span.name === method || span.name.startsWith(method + ' ');
  return {
    description: named ? span.name : `${method} ${span.name}`,
    source: 'custom',
    descRule: named ? 'span-name' : 'http-method-and-name',
    descKey: methodKey,
    ...(named ? { descOption: 'httpRouteNames' as const } : {}),
  };
}

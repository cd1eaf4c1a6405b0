// op and description of a span (sentryexporter.md §3.4.3: generateSpanDescriptors), the transaction
// name's source, and the improvements: current semconv keys, names from http.route or the URL path.
import { findAttribute } from '../model/attributes.js';
import type { KeyValue, Span } from '../model/span.js';
import { SpanKind } from '../model/span.js';
import { frameworkDescriptor } from './inference/framework-ops.js';
import type { OptionName } from './options.js';

type NameSource = 'route' | 'url' | 'custom';

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

interface DescriptorOptions {
  semconvFallbacks: boolean;
  httpRouteNames: boolean;
  /** Framework spans get the op and description Sentry's SDKs give them (inference/framework-ops.ts). */
  frameworkOps?: boolean;
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

/** Strip query and fragment, and for full URLs the credentials; relative paths stay paths. */
function urlPath(raw: string): string {
  const cut = raw.split(/[?#]/, 1)[0]!;
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(cut);
  if (m) return m[1] ?? '/';
  return cut;
}

function sanitizedUrl(raw: string): string {
  const cut = raw.split(/[?#]/, 1)[0]!;
  return cut.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1[filtered]@');
}

function httpMethod(attrs: readonly KeyValue[], key: string): string {
  const m = goStr(attrs, key);
  if (key === 'http.request.method' && m === '_OTHER')
    return goStr(attrs, 'http.request.method_original') || 'HTTP';
  return m;
}

/** One fixed-shape result (unset fields undefined), so the hot path allocates one object per span. */
function descriptors(
  op: string,
  opRule: string,
  opKey: string | undefined,
  description: string,
  descRule: string,
  descKey: string | undefined,
  opOption: OptionName | undefined,
  descOption: OptionName | undefined,
): Descriptors {
  return { op, opRule, opKey, description, source: 'custom', descRule, descKey, opOption, descOption };
}

export function spanDescriptors(span: Span, opts: DescriptorOptions): Descriptors {
  const attrs = span.attributes;
  const fb = opts.semconvFallbacks;
  // One pass finds every key the rules look at (first occurrence, as findAttribute).
  let httpM = -1,
    httpRM = -1,
    dbS = -1,
    dbSN = -1,
    dbSt = -1,
    dbQ = -1,
    rpcSvc = -1,
    rpcSN = -1,
    rpcS = -1,
    msg = -1,
    faas = -1;
  for (let n = 0; n < attrs.length; n++) {
    const k = attrs[n]!.key;
    if (k.length < 9 || k.length > 19) continue; // none of the keys below is shorter or longer
    switch (k) {
      case 'http.method':
        if (httpM < 0) httpM = n;
        break;
      case 'http.request.method':
        if (httpRM < 0) httpRM = n;
        break;
      case 'db.system':
        if (dbS < 0) dbS = n;
        break;
      case 'db.system.name':
        if (dbSN < 0) dbSN = n;
        break;
      case 'db.statement':
        if (dbSt < 0) dbSt = n;
        break;
      case 'db.query.text':
        if (dbQ < 0) dbQ = n;
        break;
      case 'rpc.service':
        if (rpcSvc < 0) rpcSvc = n;
        break;
      case 'rpc.system.name':
        if (rpcSN < 0) rpcSN = n;
        break;
      case 'rpc.system':
        if (rpcS < 0) rpcS = n;
        break;
      case 'messaging.system':
        if (msg < 0) msg = n;
        break;
      case 'faas.trigger':
        if (faas < 0) faas = n;
        break;
    }
  }
  const fbOpt = 'semconvFallbacks' as const;
  if (httpM >= 0 || (fb && httpRM >= 0)) {
    const key = httpM >= 0 ? 'http.method' : 'http.request.method';
    const fallback = httpM < 0 ? fbOpt : undefined;
    const method = httpMethod(attrs, key);
    const op = 'http' + (KIND_SUFFIX[span.kind] ?? '');
    if (opts.httpRouteNames) {
      const name = httpName(span, method, key, fb);
      return { op, opRule: 'http-kind', opKey: key, opOption: fallback, ...name };
    }
    return descriptors(
      op,
      'http-kind',
      key,
      `${method} ${span.name}`,
      'http-method-and-name',
      key,
      fallback,
      fallback,
    );
  }
  if (dbS >= 0 || (fb && dbSN >= 0)) {
    const dbKey = dbS >= 0 ? 'db.system' : 'db.system.name';
    const stmt = dbSt >= 0 ? dbSt : fb ? dbQ : -1;
    const stmtFallback = dbSt < 0 && stmt >= 0;
    const opOption = dbS < 0 || stmtFallback ? fbOpt : undefined;
    if (stmt >= 0) {
      const v = attrs[stmt]!.value;
      return descriptors(
        'db',
        'db',
        dbKey,
        'stringValue' in v ? v.stringValue : '',
        'db-statement',
        attrs[stmt]!.key,
        opOption,
        stmtFallback ? fbOpt : undefined,
      );
    }
    return descriptors('db', 'db', dbKey, span.name, 'span-name', undefined, opOption, undefined);
  }
  const rpc = rpcSvc >= 0 ? rpcSvc : fb ? (rpcSN >= 0 ? rpcSN : rpcS) : -1;
  if (rpc >= 0)
    return descriptors(
      'rpc',
      'rpc',
      attrs[rpc]!.key,
      span.name,
      'span-name',
      undefined,
      rpcSvc < 0 ? fbOpt : undefined,
      undefined,
    );
  if (msg >= 0)
    return descriptors(
      'message',
      'message',
      'messaging.system',
      span.name,
      'span-name',
      undefined,
      undefined,
      undefined,
    );
  if (faas >= 0) {
    const v = attrs[faas]!.value;
    return descriptors(
      'stringValue' in v ? v.stringValue : '',
      'faas-trigger',
      'faas.trigger',
      span.name,
      'span-name',
      undefined,
      undefined,
      undefined,
    );
  }
  if (opts.frameworkOps) {
    const f = frameworkDescriptor(span);
    if (f)
      return descriptors(f.op, f.rule, f.key, f.description, f.rule, f.key, 'frameworkOps', 'frameworkOps');
  }
  return descriptors('', 'no-op', undefined, span.name, 'span-name', undefined, undefined, undefined);
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

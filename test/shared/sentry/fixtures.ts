// Span builders and the Sentry schema validator shared by the mapping tests.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { AnyValue, KeyValue, Resource, Scope, Span, SpanEvent } from '../../../shared/model/span.js';

// ajv-formats is CommonJS with a `default` export; NodeNext types see the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => void;

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function attr(key: string, value: string | number | boolean | AnyValue, double = false): KeyValue {
  if (typeof value === 'string') return { key, value: { stringValue: value } };
  if (typeof value === 'boolean') return { key, value: { boolValue: value } };
  if (typeof value === 'number')
    return {
      key,
      value: double || !Number.isInteger(value) ? { doubleValue: value } : { intValue: String(value) },
    };
  return { key, value };
}

export function attrs(o: Record<string, string | number | boolean>): KeyValue[] {
  return Object.entries(o).map(([k, v]) => attr(k, v));
}

export function resource(o: Record<string, string | number | boolean> = {}): Resource {
  return { attributes: attrs(o), droppedAttributesCount: 0, schemaUrl: '' };
}

export function scope(name = '', version = ''): Scope {
  return { name, version, attributes: [], droppedAttributesCount: 0, schemaUrl: '' };
}

export function exceptionEvent(
  o: Record<string, string | boolean>,
  timeUnixNano = '1700000000500000000',
): SpanEvent {
  return { timeUnixNano, name: 'exception', attributes: attrs(o), droppedAttributesCount: 0 };
}

export const DEFAULT_RESOURCE = resource({ 'service.name': 'api' });
export const DEFAULT_SCOPE = scope('io.otel.http', '1.2.0');

export function span(p: Partial<Span> & { spanId: string }): Span {
  return {
    traceId: 'd6c4f03650bd47699ec65c84352b6208',
    parentSpanId: '',
    traceState: '',
    flags: 0,
    name: 'span',
    kind: 1,
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000001000000000',
    attributes: [],
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: '' },
    resource: DEFAULT_RESOURCE,
    scope: DEFAULT_SCOPE,
    ...p,
  };
}

/**
 * Validators for ../shared/sentry/{transaction,event}.schema.json (beside the repo in CI too).
 * Relay accepts two legacy forms the classic exporter sends and the schema (generated from Relay's canonical
 * form) lacks: a bare `exception` list (Relay's Values<T> reads a list as `values`) and `message` (a legacy
 * alias of `logentry`). They are rewritten to the canonical form before validating.
 */
export function sentryValidators() {
  const dir = resolve(REPO_ROOT, '../shared/sentry');
  const txPath = resolve(dir, 'transaction.schema.json');
  const evPath = resolve(dir, 'event.schema.json');
  for (const p of [txPath, evPath])
    if (!existsSync(p))
      throw new Error(
        `Sentry schema missing: ${p} (the tests expect shared/sentry beside the repository clone)`,
      );
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('uuid', /^[0-9a-f]{32}$/);
  for (const f of ['uint64', 'int64', 'uint32', 'int32', 'double', 'float', 'uint8', 'uint16'])
    ajv.addFormat(f, { type: 'number', validate: () => true });
  const tx = ajv.compile(JSON.parse(readFileSync(txPath, 'utf8')));
  const ajv2 = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv2);
  ajv2.addFormat('uuid', /^[0-9a-f]{32}$/);
  for (const f of ['uint64', 'int64', 'uint32', 'int32', 'double', 'float', 'uint8', 'uint16'])
    ajv2.addFormat(f, { type: 'number', validate: () => true });
  const ev = ajv2.compile(JSON.parse(readFileSync(evPath, 'utf8')));
  const canonical = (e: Record<string, unknown>) => {
    const out: Record<string, unknown> = { ...e };
    if (Array.isArray(out.exception)) out.exception = { values: out.exception };
    if (typeof out.message === 'string') {
      out.logentry = { formatted: out.message };
      delete out.message;
    }
    return out;
  };
  return {
    /** Returns the schema errors as text ('' when valid). */
    transaction(e: unknown): string {
      return tx(e) ? '' : ajv.errorsText(tx.errors);
    },
    error(e: unknown): string {
      const c = canonical(e as Record<string, unknown>);
      return ev(c) ? '' : ajv2.errorsText(ev.errors);
    },
  };
}

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

const DEFAULT_RESOURCE = resource({ 'service.name': 'api' });
const DEFAULT_SCOPE = scope('io.otel.http', '1.2.0');

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

/** The Sentry schemas, copied into the repository (their README says from where). */
const SENTRY_SCHEMA_DIR = resolve(REPO_ROOT, 'test/fixtures/sentry-schema');

/** One draft-07 validator per schema, with the two formats Relay's schemas use differently (see README). */
function compileSentrySchema(file: string) {
  const path = resolve(SENTRY_SCHEMA_DIR, file);
  if (!existsSync(path)) throw new Error(`Sentry schema missing: ${path} (see test/fixtures/sentry-schema/)`);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('uuid', /^[0-9a-f]{32}$/);
  for (const f of ['uint64', 'int64', 'uint32', 'int32', 'double', 'float', 'uint8', 'uint16'])
    ajv.addFormat(f, { type: 'number', validate: () => true });
  const validate = ajv.compile(JSON.parse(readFileSync(path, 'utf8')));
  return (payload: unknown) => (validate(payload) ? '' : ajv.errorsText(validate.errors));
}

/**
 * Validators for test/fixtures/sentry-schema/{transaction,event}.schema.json.
 * Relay accepts two legacy forms the classic exporter sends and the schema (generated from Relay's canonical
 * form) lacks: a bare `exception` list (Relay's Values<T> reads a list as `values`) and `message` (a legacy
 * alias of `logentry`). They are rewritten to the canonical form before validating.
 */
export function sentryValidators() {
  const tx = compileSentrySchema('transaction.schema.json');
  const ev = compileSentrySchema('event.schema.json');
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
      return tx(e);
    },
    error(e: unknown): string {
      return ev(canonical(e as Record<string, unknown>));
    },
  };
}

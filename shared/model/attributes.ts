// Reading attribute values without caring which AnyValue kind carries them.
import type { AnyValue, KeyValue } from './span.js';

export function findAttribute(attrs: readonly KeyValue[], key: string): AnyValue | undefined {
  for (let i = 0; i < attrs.length; i++) if (attrs[i]!.key === key) return attrs[i]!.value;
  return undefined;
}

/** A string attribute's value, or undefined when absent or of another kind. */
export function stringAttribute(attrs: readonly KeyValue[], key: string): string | undefined {
  const v = findAttribute(attrs, key);
  return v && 'stringValue' in v ? v.stringValue : undefined;
}

/** An int or double attribute (or a numeric string) as a JS number. */
export function numberAttribute(attrs: readonly KeyValue[], key: string): number | undefined {
  const v = findAttribute(attrs, key);
  if (!v) return undefined;
  if ('intValue' in v) return Number(v.intValue);
  if ('doubleValue' in v) return v.doubleValue;
  if ('stringValue' in v && v.stringValue.trim() !== '') {
    const n = Number(v.stringValue);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A plain display string for any AnyValue (arrays and kvlists as JSON). */
export function anyValueToDisplay(v: AnyValue): string {
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return String(v.boolValue);
  if ('intValue' in v) return v.intValue;
  if ('doubleValue' in v) return String(v.doubleValue);
  if ('bytesValue' in v) return v.bytesValue;
  if ('arrayValue' in v) return JSON.stringify(v.arrayValue.values.map(anyValueToPlain));
  if ('kvlistValue' in v) return JSON.stringify(anyValueToPlain(v));
  return '';
}

/** AnyValue → plain JSON value (int64 kept as string when it does not fit a double exactly). */
export function anyValueToPlain(v: AnyValue): unknown {
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue;
  if ('intValue' in v) {
    const n = Number(v.intValue);
    return Number.isSafeInteger(n) ? n : v.intValue;
  }
  if ('doubleValue' in v) return v.doubleValue;
  if ('bytesValue' in v) return v.bytesValue;
  if ('arrayValue' in v) return v.arrayValue.values.map(anyValueToPlain);
  if ('kvlistValue' in v) {
    const o: Record<string, unknown> = {};
    for (const kv of v.kvlistValue.values) o[kv.key] = anyValueToPlain(kv.value);
    return o;
  }
  return null;
}

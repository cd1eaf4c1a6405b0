// Tags (sentryexporter.md §3.4.4): span attributes, then resource attributes (which win), stringified the
// way Go does it, plus span_kind, status_message, library_name and library_version. And the improvement:
// keys and values cut to Sentry's limits.
import { anyValueToPlain } from '../../model/attributes.js';
import type { AnyValue, KeyValue } from '../../model/span.js';
import { formatGoFloat } from '../go-format.js';
import { setOwn } from '../set-own.js';

/** Relay's limits for a tag key and a tag value, in characters. */
export const TAG_KEY_MAX = 200;
export const TAG_VALUE_MAX = 200;

/** Go-compatible stringification; undefined for kinds the exporter drops (empty, array, kvlist, bytes). */
export function goTagValue(v: AnyValue): string | undefined {
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue ? 'true' : 'false';
  if ('intValue' in v) return v.intValue;
  if ('doubleValue' in v) return formatGoFloat(v.doubleValue);
  return undefined;
}

/** Attributes → tag map (insertion order = attribute order; later duplicates win, as in a Go map). */
export function tagsFromAttributes(attrs: readonly KeyValue[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < attrs.length; i++) {
    const kv = attrs[i]!;
    const s = goTagValue(kv.value);
    if (s !== undefined) out.set(kv.key, s);
  }
  return out;
}

/** Attributes → plain JSON values for span `data` (int64 beyond 2^53 stays a string). */
export function dataFromAttributes(attrs: readonly KeyValue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < attrs.length; i++) {
    const kv = attrs[i]!;
    const v = kv.value;
    // An empty AnyValue carries nothing: leave it out, as Sentry would.
    if ('stringValue' in v) setOwn(out, kv.key, v.stringValue);
    else if (!(
      'boolValue' in v ||
      'intValue' in v ||
      'doubleValue' in v ||
      'bytesValue' in v ||
      'arrayValue' in v ||
      'kvlistValue' in v
    ))
      continue;
    else setOwn(out, kv.key, anyValueToPlain(v));
  }
  return out;
}

interface CutTag {
  key: string;
  value: string;
  keyCut: boolean;
  valueCut: boolean;
}

function cutString(s: string, max: number): string {
  // Count code points, not UTF-16 units, and never split a surrogate pair.
  const cps = Array.from(s);
  return cps.length <= max ? s : cps.slice(0, max - 3).join('') + '...';
}

/** Cut a tag to Relay's limits; newlines (which Relay rejects in values) become spaces. */
export function cutTag(key: string, value: string): CutTag {
  const k = key.length > TAG_KEY_MAX ? cutString(key, TAG_KEY_MAX) : key;
  let v = value.indexOf('\n') === -1 ? value : value.replace(/\r?\n/g, ' ');
  v = v.length > TAG_VALUE_MAX ? cutString(v, TAG_VALUE_MAX) : v;
  return { key: k, value: v, keyCut: k !== key, valueCut: v !== value };
}

/** Whether Relay would refuse this tag as is. */
export function tagOverLimit(key: string, value: string): boolean {
  return (
    (key.length > TAG_KEY_MAX && Array.from(key).length > TAG_KEY_MAX) ||
    (value.length > TAG_VALUE_MAX && Array.from(value).length > TAG_VALUE_MAX) ||
    value.indexOf('\n') !== -1
  );
}

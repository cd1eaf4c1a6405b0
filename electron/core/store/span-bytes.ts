// A cheap estimate of the memory one stored span holds, for the store's byte limit. It must cost little on
// the hot path (no serialisation, no recursion beyond what the span already nests), so it counts string
// lengths and fixed per-object overheads instead of measuring the heap:
//
//   span      = 320 + name + traceState
//   attribute = 64 + key + value            (value: string/bytes length; nested values 32 each, recursively)
//   event     = 96 + name + its attributes
//   link      = 160 + traceState + its attributes
//
// One byte per character (V8 stores Latin-1 strings one byte per char; most telemetry is ASCII). The 320
// covers the span object, its three hex IDs, two timestamp strings and the status. The resource and scope
// are shared by every span of a request and are not counted per span. docs/api.md repeats the formula.
import type { AnyValue, KeyValue, Span } from '../../../shared/model/span.js';

const SPAN_BASE = 320;
const ATTRIBUTE_BASE = 64;
const NESTED_VALUE_BASE = 32;
const EVENT_BASE = 96;
const LINK_BASE = 160;

/** The AnyValue union read field by field: plain property loads are cheaper here than `in` checks. */
type AnyValueFields = {
  stringValue?: string;
  bytesValue?: string;
  arrayValue?: { values: AnyValue[] };
  kvlistValue?: { values: KeyValue[] };
};

function valueBytes(value: AnyValue): number {
  const v = value as AnyValueFields;
  const s = v.stringValue;
  if (s !== undefined) return s.length;
  if (v.bytesValue !== undefined) return v.bytesValue.length;
  if (v.arrayValue !== undefined) {
    let n = 0;
    const values = v.arrayValue.values;
    for (let i = 0; i < values.length; i++) n += NESTED_VALUE_BASE + valueBytes(values[i]!);
    return n;
  }
  if (v.kvlistValue !== undefined) return attributesBytes(v.kvlistValue.values);
  return 8;
}

function attributesBytes(attrs: readonly KeyValue[]): number {
  let n = 0;
  for (let i = 0; i < attrs.length; i++) {
    const kv = attrs[i]!;
    n += ATTRIBUTE_BASE + kv.key.length + valueBytes(kv.value);
  }
  return n;
}

export function estimateSpanBytes(span: Span): number {
  let n = SPAN_BASE + span.name.length + span.traceState.length + attributesBytes(span.attributes);
  const events = span.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    n += EVENT_BASE + e.name.length + attributesBytes(e.attributes);
  }
  const links = span.links;
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    n += LINK_BASE + l.traceState.length + attributesBytes(l.attributes);
  }
  return n;
}

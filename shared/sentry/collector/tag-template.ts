// Tag templates: for spans that share a resource and an attribute layout, the sorted tag keys, where each
// value comes from, and a ready-made object layout to copy (see tag-layout.ts for the cache around them).
import type { KeyValue } from '../../model/span.js';
import type { Provenance } from '../provenance.js';
import { setOwn } from '../set-own.js';
import { goTagValue, TAG_KEY_MAX, TAG_VALUE_MAX } from './tags.js';

/** Where a tag's value comes from. */
export const SRC_STATUS = 0;
export const SRC_KIND = 1;
export const SRC_LIBRARY_NAME = 2;
const SRC_LIBRARY_VERSION = 3;
export const SRC_RESOURCE = 4;
export const SRC_SPAN = 5;

/** Sorted tag keys of spans that share a resource and an attribute key signature, and each value's source. */
export interface TagTemplate {
  /** The layout it was built for: attribute keys in order, whether each gave a tag, message and kind flags. */
  attrKeys: string[];
  attrTagged: Uint8Array;
  hasMessage: boolean;
  hasKind: boolean;
  keys: string[];
  src: Uint8Array;
  /** For SRC_SPAN keys: the index of the attribute that supplies the value (its last occurrence). */
  attrIndex: Int32Array;
  /** For SRC_RESOURCE keys: the value (constant: templates are per resource). */
  resValues: (string | undefined)[];
  /** Whether the key itself is over Sentry's limit (then the tag always needs cutting). */
  keyTooLong: Uint8Array;
  /**
   * An object with the template's keys, created in tag order, or null when a key is over the limit (a cut
   * key may collide with another, so those spans build their tags key by key). Spreading it and overwriting
   * the values gives the same own-key order as adding the keys one by one (so the same JSON), but copies one
   * finished layout instead of walking a property transition per key. Resource values that need neither a
   * cut nor a lint are already in place (`prefilled`); the other values are placeholders.
   */
  shape: Record<string, string> | null;
  prefilled: Uint8Array;
  /**
   * `shape` with span_kind, library_name and library_version also in place (when clean), for the kind and
   * scope the latest span of this template had: spans of one layout nearly always share them.
   */
  scoped: ScopedShape | null;
}

interface ScopedShape {
  kind: string;
  name: string;
  version: string;
  shape: Record<string, string>;
  prefilled: Uint8Array;
}

/** A tag value that Relay takes as is: never cut, never linted (at most TAG_VALUE_MAX units, no newline). */
function cleanTagValue(v: string): boolean {
  return v.length <= TAG_VALUE_MAX && v.indexOf('\n') === -1;
}

export function scopedShape(
  tpl: TagTemplate,
  shape: Record<string, string>,
  kind: string,
  name: string,
  version: string,
) {
  const out: ScopedShape = { kind, name, version, shape: { ...shape }, prefilled: tpl.prefilled.slice() };
  for (let n = 0; n < tpl.keys.length; n++) {
    const from = tpl.src[n];
    const v =
      from === SRC_KIND
        ? kind
        : from === SRC_LIBRARY_NAME
          ? name
          : from === SRC_LIBRARY_VERSION
            ? version
            : undefined;
    if (v !== undefined && cleanTagValue(v)) {
      setOwn(out.shape, tpl.keys[n]!, v);
      out.prefilled[n] = 1;
    }
  }
  return out;
}

export function tagTemplate(
  attrs: readonly KeyValue[],
  resTags: Map<string, string>,
  hasStatusMessage: boolean,
  hasKind: boolean,
): TagTemplate {
  const from = new Map<string, [number, number]>();
  for (let n = 0; n < attrs.length; n++)
    if (goTagValue(attrs[n]!.value) !== undefined) from.set(attrs[n]!.key, [SRC_SPAN, n]);
  for (const k of resTags.keys()) from.set(k, [SRC_RESOURCE, -1]);
  if (hasStatusMessage) from.set('status_message', [SRC_STATUS, -1]);
  if (hasKind) from.set('span_kind', [SRC_KIND, -1]);
  from.set('library_name', [SRC_LIBRARY_NAME, -1]);
  from.set('library_version', [SRC_LIBRARY_VERSION, -1]);
  const keys = [...from.keys()].sort();
  const src = new Uint8Array(keys.length);
  const attrIndex = new Int32Array(keys.length);
  keys.forEach((k, n) => {
    const [s, i] = from.get(k)!;
    src[n] = s;
    attrIndex[n] = i;
  });
  const attrTagged = new Uint8Array(attrs.length);
  for (let n = 0; n < attrs.length; n++) attrTagged[n] = goTagValue(attrs[n]!.value) !== undefined ? 1 : 0;
  const resValues = keys.map((k, n) => (src[n] === SRC_RESOURCE ? resTags.get(k) : undefined));
  const keyTooLong = Uint8Array.from(keys, (k) => (k.length > TAG_KEY_MAX ? 1 : 0));
  let shape: Record<string, string> | null = null;
  const prefilled = new Uint8Array(keys.length);
  if (!keyTooLong.includes(1)) {
    shape = {};
    keys.forEach((k, n) => {
      const v = resValues[n];
      // A value of at most TAG_VALUE_MAX units without a newline is never cut nor over the limit.
      const fixed = v !== undefined && cleanTagValue(v);
      prefilled[n] = fixed ? 1 : 0;
      setOwn(shape!, k, fixed ? v : '');
    });
  }
  return {
    attrKeys: attrs.map((a) => a.key),
    attrTagged,
    hasMessage: hasStatusMessage,
    hasKind,
    keys,
    src,
    attrIndex,
    resValues,
    keyTooLong,
    shape,
    prefilled,
    scoped: null,
  };
}

/** Whether `attrs` has exactly the layout `tpl` was built for. */
export function sameLayout(
  tpl: TagTemplate,
  attrs: readonly KeyValue[],
  hasMessage: boolean,
  hasKind: boolean,
): boolean {
  if (tpl.hasMessage !== hasMessage || tpl.hasKind !== hasKind || tpl.attrKeys.length !== attrs.length)
    return false;
  for (let n = 0; n < attrs.length; n++) {
    const kv = attrs[n]!;
    if (kv.key !== tpl.attrKeys[n]) return false;
    const v = kv.value;
    const tagged = 'stringValue' in v || 'intValue' in v || 'boolValue' in v || 'doubleValue' in v ? 1 : 0;
    if (tagged !== tpl.attrTagged[n]) return false;
  }
  return true;
}

export function tagProvenance(k: string, from: number, statusRule: string): Provenance {
  switch (from) {
    case SRC_STATUS:
      return statusRule === 'status-code-out-of-range'
        ? { source: 'rule', key: 'status.code', rule: 'status-code-out-of-range' }
        : { source: 'span', key: 'status.message', rule: 'status-message' };
    case SRC_KIND:
      return { source: 'span', key: 'kind', rule: 'span-kind-name' };
    case SRC_LIBRARY_NAME:
      return { source: 'scope', key: 'name' };
    case SRC_LIBRARY_VERSION:
      return { source: 'scope', key: 'version' };
    case SRC_RESOURCE:
      return { source: 'resource', key: k };
    default:
      return { source: 'attribute', key: k };
  }
}

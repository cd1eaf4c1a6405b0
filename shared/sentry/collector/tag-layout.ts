// The tag layout cache: the tags of a span (sentryexporter.md §3.4.4: span attributes, then resource
// attributes, which win, then span_kind, status_message, library_name and library_version), built from a
// template cached per resource and attribute layout.
import type { KeyValue, Resource, Span } from '../../model/span.js';
import { pointer } from '../json-pointer.js';
import type { Provenance } from '../provenance.js';
import type { StatusResult, TagLookup } from '../status.js';
import {
  sameLayout,
  scopedShape,
  SRC_KIND,
  SRC_LIBRARY_NAME,
  SRC_RESOURCE,
  SRC_SPAN,
  SRC_STATUS,
  tagProvenance,
  tagTemplate,
  type TagTemplate,
} from './tag-template.js';
import { setOwn } from '../set-own.js';
import { cutTag, goTagValue, TAG_VALUE_MAX, tagOverLimit, tagsFromAttributes } from './tags.js';
import type { TagIssue } from './types.js';

/** The tag map as the exporter merges it (resource attributes win), read without building it. */
export class MergedTags implements TagLookup {
  constructor(
    private readonly res: Map<string, string>,
    private readonly attrs: readonly KeyValue[],
  ) {}
  get(k: string): string | undefined {
    const r = this.res.get(k);
    if (r !== undefined) return r;
    // The last occurrence wins, as when Go fills its map in attribute order.
    for (let n = this.attrs.length - 1; n >= 0; n--) {
      const kv = this.attrs[n]!;
      if (kv.key === k) {
        const v = goTagValue(kv.value);
        if (v !== undefined) return v;
      }
    }
    return undefined;
  }
}

export const NO_TAGS: TagLookup = { get: () => undefined };

interface ResourceTags {
  tags: Map<string, string>;
  templates: Map<string, TagTemplate>;
  /** The templates the latest spans of this resource used, most recent first (at most RECENT_TEMPLATES). */
  recent: TagTemplate[];
}

/** A trace alternates between a few layouts (a server root, then its db children…): keep that many at hand. */
const RECENT_TEMPLATES = 4;

/**
 * Resource tags and tag templates, per resource object. A Resource is shared by every span of its
 * ResourceSpans and never changed after decoding (span.ts), so this survives across mappings of the same
 * stored spans (a preview, then a forward) and goes with the resource.
 */
const RESOURCE_TAGS = new WeakMap<Resource, ResourceTags>();

/** The resource's own tags and its template cache. */
export function resourceTags(resource: Resource): ResourceTags {
  let res = RESOURCE_TAGS.get(resource);
  if (!res) {
    res = { tags: tagsFromAttributes(resource.attributes), templates: new Map(), recent: [] };
    RESOURCE_TAGS.set(resource, res);
  }
  return res;
}

/**
 * The span's tags, keys sorted as Go marshals a map; with `tagLimits`, cut to Sentry's limits. Tags over the
 * limits (cut or not) are reported in `tagIssues`, and each tag's provenance goes into `prov`.
 */
export function spanTags(
  index: number,
  span: Span,
  res: ResourceTags,
  status: StatusResult,
  /** The `span_kind` tag value; undefined: no tag (UNSPECIFIED). An unknown kind gives '' (Go's SpanKindStr). */
  kindName: string | undefined,
  tagLimits: boolean,
  tagIssues: TagIssue[],
  prov: Map<string, Provenance> | null,
): Record<string, string> {
  const resTags = res.tags;
  const attrs = span.attributes;
  // Go marshals maps with sorted keys: so do we. Spans of one resource mostly share their attribute keys,
  // so the sorted key list, and where each value comes from, is cached per resource and key signature.
  // Fast path: the same layout as one of the latest spans of this resource (keys compared by identity
  // first; decoders intern them, so this is usually a pointer comparison), which saves building the
  // signature and hashing it.
  const hasMessage = status.message !== '';
  const recent = res.recent;
  let tpl: TagTemplate | undefined;
  for (let r = 0; r < recent.length; r++) {
    const t = recent[r]!;
    if (sameLayout(t, attrs, hasMessage, kindName !== undefined)) {
      tpl = t;
      if (r > 0) {
        recent.splice(r, 1);
        recent.unshift(t);
      }
      break;
    }
  }
  if (!tpl) {
    let signature = hasMessage ? 'm' : '-';
    if (kindName !== undefined) signature += 'k';
    for (let n = 0; n < attrs.length; n++)
      // Every attribute takes part (dropped kinds marked), so equal signatures mean equal attribute positions.
      signature += (goTagValue(attrs[n]!.value) !== undefined ? '\u0000' : '\u0001') + attrs[n]!.key;
    tpl = res.templates.get(signature);
    if (!tpl) {
      tpl = tagTemplate(attrs, resTags, hasMessage, kindName !== undefined);
      if (res.templates.size < 256) res.templates.set(signature, tpl);
    }
    recent.unshift(tpl);
    if (recent.length > RECENT_TEMPLATES) recent.pop();
  }
  const { keys, src, attrIndex, resValues, keyTooLong } = tpl;
  let { shape, prefilled } = tpl;
  if (shape) {
    // Compared by value, not by scope object: the layout holds the values themselves.
    const name = span.scope.name;
    const version = span.scope.version;
    let sc = tpl.scoped;
    const kind = kindName ?? '';
    if (!sc || sc.kind !== kind || sc.name !== name || sc.version !== version)
      sc = tpl.scoped = scopedShape(tpl, shape, kind, name, version);
    shape = sc.shape;
    prefilled = sc.prefilled;
  }
  // Every key below is written once, in `keys` order; a cut value keeps its key (keys over the limit have
  // no shape), so writing into the copied layout yields the same properties in the same order.
  const tags: Record<string, string> = shape ? { ...shape } : {};
  for (let n = 0; n < keys.length; n++) {
    const k = keys[n]!;
    const from = src[n]!;
    if (shape && prefilled[n] === 1) {
      prov?.set(pointer('tags', k), tagProvenance(k, from, status.rule));
      continue;
    }
    const v =
      from === SRC_RESOURCE
        ? resValues[n]!
        : from === SRC_SPAN
          ? goTagValue(attrs[attrIndex[n]!]!.value)!
          : from === SRC_STATUS
            ? status.message
            : from === SRC_KIND
              ? (kindName ?? '')
              : from === SRC_LIBRARY_NAME
                ? span.scope.name
                : span.scope.version;
    if (tagLimits) {
      if (keyTooLong[n] === 1 || v.length > TAG_VALUE_MAX || v.indexOf('\n') !== -1) {
        const c = cutTag(k, v);
        setOwn(tags, c.key, c.value);
        if (c.keyCut || c.valueCut) {
          tagIssues.push({ spanIndex: index, key: k, cut: true });
          prov?.set(pointer('tags', c.key), {
            ...tagProvenance(k, from, status.rule),
            option: 'tagLimits',
            note: `cut to Sentry's limits (${c.keyCut ? 'key' : ''}${c.keyCut && c.valueCut ? ' and ' : ''}${c.valueCut ? 'value' : ''})`,
          });
          continue;
        }
      } else setOwn(tags, k, v);
    } else {
      setOwn(tags, k, v);
      if (tagOverLimit(k, v)) tagIssues.push({ spanIndex: index, key: k, cut: false });
    }
    prov?.set(pointer('tags', k), tagProvenance(k, from, status.rule));
  }
  return tags;
}

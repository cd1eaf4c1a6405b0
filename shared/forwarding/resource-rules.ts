// The collector `resource` processor's attribute actions, per target: applied to each span's resource before
// the span is mapped (Sentry targets) or encoded (OTLP targets), and by the preview with a target, so what
// the preview shows is what the target gets. Spans and resources are never modified in place: the store's
// objects are shared with every other reader.
import type { KeyValue, Resource, Span } from '../model/span.js';
import type { ResourceRule } from './target-types.js';

/** The attributes after the rules, in order; the input array is returned as is when nothing changes. */
export function applyResourceRulesToAttributes(
  attributes: readonly KeyValue[],
  rules: readonly ResourceRule[],
): readonly KeyValue[] {
  let out = attributes;
  for (const rule of rules) {
    const at = out.findIndex((kv) => kv.key === rule.key);
    if (rule.action === 'delete') {
      if (at >= 0) out = out.filter((kv) => kv.key !== rule.key);
      continue;
    }
    if ((rule.action === 'insert' && at >= 0) || (rule.action === 'update' && at < 0)) continue;
    const kv: KeyValue = { key: rule.key, value: { stringValue: rule.value ?? '' } };
    out = at >= 0 ? out.map((x, i) => (i === at ? kv : x)) : [...out, kv];
  }
  return out;
}

/**
 * The spans as a target with these rules receives them. Spans sharing a resource still share the new one
 * (so encoders that group by resource object keep grouping). No rules: the same array.
 */
export function applyResourceRules(spans: readonly Span[], rules: readonly ResourceRule[]): readonly Span[] {
  if (rules.length === 0) return spans;
  const replaced = new Map<Resource, Resource>();
  return spans.map((span) => {
    let resource = replaced.get(span.resource);
    if (!resource) {
      const attributes = applyResourceRulesToAttributes(span.resource.attributes, rules);
      resource =
        attributes === span.resource.attributes
          ? span.resource
          : { ...span.resource, attributes: attributes as KeyValue[] };
      replaced.set(span.resource, resource);
    }
    return resource === span.resource ? span : { ...span, resource };
  });
}

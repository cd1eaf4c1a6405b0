// The trace view's tree: spans → parent/child structure in time order, which rows are visible given the
// collapsed set, the default collapse for huge traces, service boundaries and error navigation.
// Everything works on node indices into one array so a 5 000-span trace costs a few flat arrays.
import type { Span } from '../../../shared/model/span.js';
import { stringAttribute } from '../../../shared/model/attributes.js';
import { nanosToMs } from '../../../shared/model/time.js';

export interface WaterfallNode {
  span: Span;
  service: string;
  depth: number;
  /** Index of the parent node, -1 for a root. */
  parent: number;
  children: number[];
  startMs: number;
  endMs: number;
  isError: boolean;
  /** The span names a parent that is not in this trace (yet), or sits in a parent cycle. */
  orphan: boolean;
  /** Number of nodes below this one. */
  descendants: number;
}

export interface Waterfall {
  nodes: WaterfallNode[];
  roots: number[];
  /** All node indices in depth-first pre-order (the order rows are drawn in). */
  preorder: number[];
  startMs: number;
  endMs: number;
  durationMs: number;
  /** Distinct services in order of first appearance in pre-order. */
  services: string[];
  errorCount: number;
}

function spanIsError(span: Span): boolean {
  if (span.status.code === 2) return true;
  for (const e of span.events) if (e.name === 'exception') return true;
  return false;
}

function serviceOfSpan(span: Span): string {
  return stringAttribute(span.resource.attributes, 'service.name') ?? '';
}

/** Spans (any order) → tree. Children are ordered by start time, then span ID. */
export function buildWaterfall(spans: readonly Span[]): Waterfall {
  const sorted = [...spans].sort((a, b) => {
    const d = nanosToMs(a.startTimeUnixNano) - nanosToMs(b.startTimeUnixNano);
    return d !== 0 ? d : a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0;
  });
  const byId = new Map<string, number>();
  const nodes: WaterfallNode[] = sorted.map((span, i) => {
    if (!byId.has(span.spanId)) byId.set(span.spanId, i);
    const startMs = nanosToMs(span.startTimeUnixNano);
    return {
      span,
      service: serviceOfSpan(span),
      depth: 0,
      parent: -1,
      children: [],
      startMs,
      endMs: Math.max(startMs, nanosToMs(span.endTimeUnixNano)),
      isError: spanIsError(span),
      orphan: false,
      descendants: 0,
    };
  });
  const roots: number[] = [];
  nodes.forEach((n, i) => {
    const p = n.span.parentSpanId ? byId.get(n.span.parentSpanId) : undefined;
    if (n.span.parentSpanId && (p === undefined || p === i)) n.orphan = true;
    if (p === undefined || p === i) roots.push(i);
    else {
      n.parent = p;
      nodes[p]!.children.push(i);
    }
  });

  const preorder: number[] = [];
  const visited = new Uint8Array(nodes.length);
  const walk = (root: number) => {
    const stack = [root];
    while (stack.length) {
      const i = stack.pop()!;
      if (visited[i]) continue;
      visited[i] = 1;
      preorder.push(i);
      const n = nodes[i]!;
      n.depth = n.parent < 0 || n.orphan ? 0 : nodes[n.parent]!.depth + 1;
      for (let c = n.children.length - 1; c >= 0; c--) stack.push(n.children[c]!);
    }
  };
  for (const r of roots) walk(r);
  // Spans in a parent cycle are unreachable from any root: surface them as orphan roots, not lose them.
  for (let i = 0; i < nodes.length; i++) {
    if (visited[i]) continue;
    const n = nodes[i]!;
    const p = nodes[n.parent];
    if (p) p.children = p.children.filter((c) => c !== i);
    n.parent = -1;
    n.orphan = true;
    roots.push(i);
    walk(i);
  }
  // Descendant counts, bottom-up over the reversed pre-order.
  for (let k = preorder.length - 1; k >= 0; k--) {
    const n = nodes[preorder[k]!]!;
    if (n.parent >= 0) nodes[n.parent]!.descendants += n.descendants + 1;
  }

  let startMs = Infinity;
  let endMs = -Infinity;
  let errorCount = 0;
  const services: string[] = [];
  const seen = new Set<string>();
  for (const i of preorder) {
    const n = nodes[i]!;
    startMs = Math.min(startMs, n.startMs);
    endMs = Math.max(endMs, n.endMs);
    if (n.isError) errorCount++;
    if (!seen.has(n.service)) {
      seen.add(n.service);
      services.push(n.service);
    }
  }
  if (!nodes.length) startMs = endMs = 0;
  return { nodes, roots, preorder, startMs, endMs, durationMs: endMs - startMs, services, errorCount };
}

/** Node indices of the rows to draw: pre-order, skipping everything under a collapsed span. */
export function visibleRows(w: Waterfall, collapsed: ReadonlySet<string>): number[] {
  if (collapsed.size === 0) return w.preorder;
  const out: number[] = [];
  const stack: number[] = [];
  for (let r = w.roots.length - 1; r >= 0; r--) stack.push(w.roots[r]!);
  while (stack.length) {
    const i = stack.pop()!;
    out.push(i);
    const n = w.nodes[i]!;
    if (collapsed.has(n.span.spanId)) continue;
    for (let c = n.children.length - 1; c >= 0; c--) stack.push(n.children[c]!);
  }
  return out;
}

/** Traces above this many spans open collapsed below the first level (jaeger-ui chokes on ~2 000). */
const HUGE_TRACE_SPANS = 1000;

/** The collapsed set a trace opens with: nothing, or for huge traces every parent below the roots. */
export function defaultCollapsed(w: Waterfall, threshold = HUGE_TRACE_SPANS): Set<string> {
  const out = new Set<string>();
  if (w.nodes.length <= threshold) return out;
  for (const n of w.nodes) if (n.depth >= 1 && n.children.length > 0) out.add(n.span.spanId);
  return out;
}

/** Spans where `service` is entered: its spans whose parent is another service (or none), with children. */
export function serviceEntrySpanIds(w: Waterfall, service: string): string[] {
  const out: string[] = [];
  for (const i of w.preorder) {
    const n = w.nodes[i]!;
    if (n.service !== service || n.children.length === 0) continue;
    const p = n.parent >= 0 ? w.nodes[n.parent]! : undefined;
    if (!p || p.service !== service) out.push(n.span.spanId);
  }
  return out;
}

/** True when every entry span of `service` (that has children) is collapsed. */
export function isServiceCollapsed(w: Waterfall, service: string, collapsed: ReadonlySet<string>): boolean {
  const ids = serviceEntrySpanIds(w, service);
  return ids.length > 0 && ids.every((id) => collapsed.has(id));
}

/** Collapse or expand every entry span of `service`. */
export function toggleService(w: Waterfall, service: string, collapsed: ReadonlySet<string>): Set<string> {
  const ids = serviceEntrySpanIds(w, service);
  const next = new Set(collapsed);
  const collapse = !isServiceCollapsed(w, service, collapsed);
  for (const id of ids) {
    if (collapse) next.add(id);
    else next.delete(id);
  }
  return next;
}

/**
 * The next (dir 1) or previous (dir -1) error span in drawing order after the span `fromSpanId`
 * (or from the top when it is not given), wrapping around. Returns a node index, or -1 if no errors.
 */
export function findError(w: Waterfall, fromSpanId: string | null, dir: 1 | -1): number {
  const order = w.preorder;
  if (!order.length) return -1;
  let pos = fromSpanId === null ? -1 : order.findIndex((i) => w.nodes[i]!.span.spanId === fromSpanId);
  if (pos < 0) pos = dir === 1 ? -1 : order.length;
  for (let step = 1; step <= order.length; step++) {
    const k = (((pos + dir * step) % order.length) + order.length) % order.length;
    if (w.nodes[order[k]!]!.isError) return order[k]!;
  }
  return -1;
}

/** The collapsed set with every ancestor of node `index` expanded, so the node becomes visible. */
export function revealNode(w: Waterfall, index: number, collapsed: ReadonlySet<string>): Set<string> {
  const next = new Set(collapsed);
  let p = w.nodes[index]?.parent ?? -1;
  while (p >= 0) {
    const n = w.nodes[p]!;
    next.delete(n.span.spanId);
    p = n.parent;
  }
  return next;
}

// The Sentry tab's trace tree: every transaction (or sentry-otlp segment) of a trace stitched into ONE tree,
// as Sentry's trace view and Spotlight show it. A child transaction hangs under the span that called it (its
// parent_span_id is a span of another transaction), every Sentry span is a row with op, description, status
// and duration on a shared time axis, and error events sit under the span they were raised in.
// Pure: the preview in, rows out; the component only draws them.
import type { ErrorEvent, SentrySpanV2 } from '../../../shared/sentry/payload.js';
import { exceptionValues, type Preview } from './sentry-view.js';

export type TreeRowKind = 'transaction' | 'span' | 'error';

export interface SentryTreeRow {
  /** JSON pointer of the row's payload in the preview (what selecting the row shows). */
  pointer: string;
  kind: TreeRowKind;
  depth: number;
  spanId: string;
  op: string;
  description: string;
  /** Sentry span status ('ok', 'internal_error', …); an error event's level. */
  status: string;
  /** ms from the start of the tree's first row. */
  offsetMs: number;
  /** 0 for error events (a point in time). */
  durationMs: number;
  /** Rows below this one (all depths), for the collapse toggle. */
  descendants: number;
  /** Error events somewhere below this row. */
  errorsBelow: number;
}

export interface SentryTree {
  rows: SentryTreeRow[];
  /** The time axis: from the earliest start to the latest end, in ms. */
  totalMs: number;
}

interface Node {
  pointer: string;
  kind: TreeRowKind;
  spanId: string;
  parentSpanId: string;
  op: string;
  description: string;
  status: string;
  startMs: number;
  endMs: number;
  children: Node[];
}

/** RFC 3339 with any number of fraction digits → ms since the epoch (Date.parse keeps only 3 digits). */
export function rfc3339Ms(text: string): number {
  const m = /^(.+T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!m) return Date.parse(text);
  return Date.parse(m[1]! + m[3]!) + (m[2] ? Number(`0${m[2]}`) * 1000 : 0);
}

function errorTitle(e: ErrorEvent): string {
  const ex = exceptionValues(e)[0];
  if (!ex) return e.message ?? 'error';
  return [ex.type, ex.value].filter(Boolean).join(': ') || 'error';
}

function collectorNodes(p: Preview): { spans: Node[]; roots: Node[]; errors: Node[] } {
  const spans: Node[] = [];
  const roots: Node[] = [];
  p.transactions.forEach((t, i) => {
    const tc = t.contexts.trace;
    const root: Node = {
      pointer: `/transactions/${i}`,
      kind: 'transaction',
      spanId: tc.span_id,
      parentSpanId: tc.parent_span_id ?? '',
      op: tc.op ?? '',
      description: t.transaction ?? '',
      status: tc.status ?? '',
      startMs: rfc3339Ms(t.start_timestamp),
      endMs: rfc3339Ms(t.timestamp),
      children: [],
    };
    roots.push(root);
    (t.spans ?? []).forEach((s, j) =>
      spans.push({
        pointer: `/transactions/${i}/spans/${j}`,
        kind: 'span',
        spanId: s.span_id,
        // A span whose parent is not in its transaction stays in it, under the transaction's root.
        parentSpanId: s.parent_span_id ?? tc.span_id,
        op: s.op ?? '',
        description: s.description ?? '',
        status: s.status ?? '',
        startMs: rfc3339Ms(s.start_timestamp),
        endMs: rfc3339Ms(s.timestamp),
        children: [],
      }),
    );
  });
  const errors = p.errors.map((e, k): Node => ({
    pointer: `/errors/${k}`,
    kind: 'error',
    spanId: e.contexts.trace.span_id,
    parentSpanId: e.contexts.trace.span_id,
    op: 'error',
    description: errorTitle(e),
    status: e.level,
    startMs: rfc3339Ms(e.timestamp),
    endMs: rfc3339Ms(e.timestamp),
    children: [],
  }));
  return { spans, roots, errors };
}

function segmentNode(s: SentrySpanV2, pointer: string): Node {
  const attr = (k: string) => {
    const a = s.attributes[k];
    return a ? String(a.value) : '';
  };
  return {
    pointer,
    kind: s.is_segment ? 'transaction' : 'span',
    spanId: s.span_id,
    parentSpanId: s.parent_span_id ?? '',
    op: attr('sentry.op'),
    description: attr('sentry.description') || s.name,
    status: s.status,
    startMs: s.start_timestamp * 1000,
    endMs: s.end_timestamp * 1000,
    children: [],
  };
}

/** The preview's rows stitched into one forest (roots first by start time, children by start time). */
function buildForest(p: Preview): Node[] {
  let all: Node[];
  let errors: Node[] = [];
  if (p.profile === 'collector') {
    const c = collectorNodes(p);
    // Transaction roots first: a span and a child transaction never share an ID, but if a broken trace
    // repeats one, the transaction wins the lookup.
    all = [...c.roots, ...c.spans];
    errors = c.errors;
  } else {
    all = p.segments.flatMap((seg, i) =>
      seg.spans.map((s, j) => segmentNode(s, `/segments/${i}/spans/${j}`)),
    );
  }
  const byId = new Map<string, Node>();
  for (const n of all) if (!byId.has(n.spanId)) byId.set(n.spanId, n);
  const roots: Node[] = [];
  for (const n of all) {
    const parent = n.parentSpanId ? byId.get(n.parentSpanId) : undefined;
    if (parent && parent !== n && !isAncestor(n, parent, byId)) parent.children.push(n);
    else roots.push(n);
  }
  for (const e of errors) {
    const at = byId.get(e.spanId);
    if (at) at.children.push(e);
    else roots.push(e);
  }
  const byStart = (a: Node, b: Node) => a.startMs - b.startMs || a.pointer.localeCompare(b.pointer);
  const sortDeep = (nodes: Node[]) => {
    nodes.sort(byStart);
    for (const n of nodes) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

/** Would hanging `n` under `parent` close a cycle (parent is below n)? Broken traces can have loops. */
function isAncestor(n: Node, parent: Node, byId: ReadonlyMap<string, Node>): boolean {
  const seen = new Set<Node>();
  for (let cur: Node | undefined = parent; cur && !seen.has(cur);) {
    if (cur === n) return true;
    seen.add(cur);
    cur = cur.parentSpanId ? byId.get(cur.parentSpanId) : undefined;
  }
  return false;
}

/**
 * The tree as rows in display order. `collapsed` holds pointers whose children are hidden. Times are
 * offsets from the earliest row, so every row shares one axis.
 */
export function sentryTraceTree(p: Preview, collapsed: ReadonlySet<string> = new Set()): SentryTree {
  const forest = buildForest(p);
  let t0 = Infinity;
  let t1 = -Infinity;
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (Number.isFinite(n.startMs)) t0 = Math.min(t0, n.startMs);
      if (Number.isFinite(n.endMs)) t1 = Math.max(t1, n.endMs);
      walk(n.children);
    }
  };
  walk(forest);
  if (!Number.isFinite(t0)) t0 = t1 = 0;
  const rows: SentryTreeRow[] = [];
  const emit = (n: Node, depth: number): { count: number; errors: number } => {
    const row: SentryTreeRow = {
      pointer: n.pointer,
      kind: n.kind,
      depth,
      spanId: n.spanId,
      op: n.op,
      description: n.description,
      status: n.status,
      offsetMs: Number.isFinite(n.startMs) ? n.startMs - t0 : 0,
      durationMs: n.kind === 'error' ? 0 : Math.max(0, n.endMs - n.startMs) || 0,
      descendants: 0,
      errorsBelow: 0,
    };
    rows.push(row);
    const hide = collapsed.has(n.pointer);
    let count = 0;
    let errors = 0;
    for (const c of n.children) {
      const mark = rows.length;
      const r = emit(c, depth + 1);
      count += 1 + r.count;
      errors += r.errors + (c.kind === 'error' ? 1 : 0);
      if (hide) rows.length = mark;
    }
    row.descendants = count;
    row.errorsBelow = errors;
    return { count, errors };
  };
  for (const r of forest) emit(r, 0);
  return { rows, totalMs: Math.max(0, t1 - t0) };
}

/** Where a row's bar sits on the shared axis, in percent of the width (errors: a point). */
export function barPosition(row: SentryTreeRow, totalMs: number): { left: number; width: number } {
  if (totalMs <= 0) return { left: 0, width: row.kind === 'error' ? 0 : 100 };
  const left = Math.min(100, (row.offsetMs / totalMs) * 100);
  const width =
    row.kind === 'error' ? 0 : Math.max(0, Math.min(100 - left, (row.durationMs / totalMs) * 100));
  return { left, width };
}

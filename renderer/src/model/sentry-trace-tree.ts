// The Sentry tab's trace tree: every transaction (or sentry-otlp segment) of a trace stitched into ONE tree,
// as Sentry's trace view and Spotlight show it. A child transaction hangs under the span that called it (its
// parent_span_id is a span of another transaction), every Sentry span is a row with op, description, status
// and duration on a shared time axis, and error events sit under the span they were raised in.
// Pure: the preview in, rows out; the component only draws them.
import type { ErrorEvent, SentrySpanV2 } from '../../../shared/sentry/payload.js';
import { exceptionValues, type Preview } from './sentry-view.js';

type TreeRowKind = 'transaction' | 'span' | 'error';

export interface SentryTreeRow {
  /** JSON pointer of the row's payload in the preview (what selecting the row shows). */
  pointer: string;
  kind: TreeRowKind;
  depth: number;
  /** Index of the row it hangs under in `SentryTree.rows`, -1 for a root. */
  parent: number;
  /** 1-based position among its siblings, and how many siblings (aria-posinset / aria-setsize). */
  posInSet: number;
  setSize: number;
  spanId: string;
  op: string;
  description: string;
  /** Sentry span status ('ok', 'internal_error', …); an error event's level. */
  status: string;
  /** ms from the start of the tree's first row. */
  offsetMs: number;
  /** 0 for error events (a point in time). */
  durationMs: number;
  /** Rows below this one (all depths): they follow it directly in `rows`. */
  descendants: number;
  /** Error events somewhere below this row. */
  errorsBelow: number;
}

export interface SentryTree {
  /** Every row, expanded, in display order (depth first, siblings by start time). */
  rows: SentryTreeRow[];
  /** pointer → index in `rows`. */
  index: ReadonlyMap<string, number>;
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
 * The whole tree as rows in display order, every row expanded (collapsing is `visibleTreeRows`'s job, so
 * a toggle costs a walk of the visible rows, not a rebuild). Times are offsets from the earliest row, so
 * every row shares one axis.
 */
export function sentryTraceTree(p: Preview): SentryTree {
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
  const index = new Map<string, number>();
  const emit = (n: Node, depth: number, parent: number, posInSet: number, setSize: number) => {
    const at = rows.length;
    const row: SentryTreeRow = {
      pointer: n.pointer,
      kind: n.kind,
      depth,
      parent,
      posInSet,
      setSize,
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
    index.set(n.pointer, at);
    n.children.forEach((c, k) => emit(c, depth + 1, at, k + 1, n.children.length));
    row.descendants = rows.length - at - 1;
    for (let i = at + 1; i < rows.length; i += rows[i]!.descendants + 1)
      row.errorsBelow += rows[i]!.errorsBelow + (rows[i]!.kind === 'error' ? 1 : 0);
  };
  forest.forEach((r, k) => emit(r, 0, -1, k + 1, forest.length));
  return { rows, index, totalMs: Math.max(0, t1 - t0) };
}

/** Indices of the rows shown when the rows in `collapsed` (pointers) hide their descendants. */
export function visibleTreeRows(tree: SentryTree, collapsed: ReadonlySet<string>): number[] {
  const out: number[] = [];
  for (let i = 0; i < tree.rows.length; i++) {
    out.push(i);
    const r = tree.rows[i]!;
    // Preorder: a row's descendants are the next `descendants` rows.
    if (r.descendants > 0 && collapsed.has(r.pointer)) i += r.descendants;
  }
  return out;
}

/**
 * The row that stands for `pointer` in the tree: its own row, else the first row inside it (a sentry-otlp
 * segment, /segments/0, is shown by its spans' rows), else -1.
 */
export function rowFor(tree: SentryTree, pointer: string | null): number {
  if (pointer === null) return -1;
  const own = tree.index.get(pointer);
  if (own !== undefined) return own;
  return tree.rows.findIndex((r) => r.pointer.startsWith(`${pointer}/`));
}

/** `collapsed` without the rows that hide row `i` (its collapsed ancestors), or `collapsed` itself. */
export function revealRow(tree: SentryTree, i: number, collapsed: ReadonlySet<string>): ReadonlySet<string> {
  let next: Set<string> | null = null;
  for (let p = tree.rows[i]?.parent ?? -1; p >= 0; p = tree.rows[p]!.parent) {
    const ptr = tree.rows[p]!.pointer;
    if (collapsed.has(ptr)) (next ??= new Set(collapsed)).delete(ptr);
  }
  return next ?? collapsed;
}

/** Where row `i` is in `visible` (ascending, so a binary search), or -1 when it is hidden. */
function visibleAt(visible: readonly number[], i: number): number {
  let lo = 0;
  let hi = visible.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = visible[mid]!;
    if (v === i) return mid;
    if (v < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * j/k on the tree: the pointer of the visible row `dir` rows from the selected one (clamped, never
 * wrapping). A selection that is not itself a row (a sentry-otlp segment) first lands on the row standing
 * for it; one hidden under a collapsed row steps from that row (k lands on it, j on the row after it);
 * none starts at the top (j) or the bottom (k).
 */
export function stepTree(
  tree: SentryTree,
  visible: readonly number[],
  selected: string | null,
  dir: 1 | -1,
): string | null {
  if (!visible.length) return null;
  const pointerAt = (k: number) => tree.rows[visible[Math.min(visible.length - 1, Math.max(0, k))]!]!.pointer;
  const stand = rowFor(tree, selected);
  if (stand < 0) return pointerAt(dir > 0 ? 0 : visible.length - 1);
  let row = stand;
  let at = visibleAt(visible, row);
  // Roots are always visible, so this ends.
  while (at < 0 && row >= 0) at = visibleAt(visible, (row = tree.rows[row]!.parent));
  if (at < 0) return pointerAt(dir > 0 ? 0 : visible.length - 1);
  if (row !== stand) return pointerAt(dir > 0 ? at + 1 : at);
  if (tree.rows[stand]!.pointer !== selected) return pointerAt(at);
  return pointerAt(at + dir);
}

/** e / E on the tree: the next (previous) error event after (before) row `from`, in display order. */
export function nextErrorRow(tree: SentryTree, from: number, dir: 1 | -1): number {
  for (let i = from + dir; i >= 0 && i < tree.rows.length; i += dir)
    if (tree.rows[i]!.kind === 'error') return i;
  return -1;
}

/** Where a row's bar sits on the shared axis, in percent of the width (errors: a point). */
export function barPosition(row: SentryTreeRow, totalMs: number): { left: number; width: number } {
  if (totalMs <= 0) return { left: 0, width: row.kind === 'error' ? 0 : 100 };
  const left = Math.min(100, (row.offsetMs / totalMs) * 100);
  const width =
    row.kind === 'error' ? 0 : Math.max(0, Math.min(100 - left, (row.durationMs / totalMs) * 100));
  return { left, width };
}

// Grouping (sentryexporter.md §3.1–3.3): which spans are transaction roots, which spans each transaction
// holds, and what becomes of spans whose parent chain reaches no root (orphans).
import type { Span } from '../../model/span.js';
import { SpanKind } from '../../model/span.js';
import { noParent } from '../order.js';

/** One transaction to build: its root span and its other spans, as input indices in sorted order. */
interface TransactionGroup {
  root: number;
  spans: number[];
}

interface Grouping {
  /** Transaction roots found by the classic rule (parent empty, SERVER or CONSUMER). */
  rootCount: number;
  /** The classic roots' transactions in sorted order, then the orphans'; null when the trace is dropped. */
  groups: TransactionGroup[] | null;
}

export function isTransactionRoot(span: Span): boolean {
  return noParent(span.parentSpanId) || span.kind === SpanKind.SERVER || span.kind === SpanKind.CONSUMER;
}

export function hasParent(span: Span): boolean {
  return !noParent(span.parentSpanId);
}

/**
 * Group the spans (visited in `order`, the sorted input indices) into transactions. Without a classic root
 * the exporter drops the whole trace (unless `keepRootlessTraces`); spans attached to no root become one
 * transaction each, or with `groupOrphans` one per missing parent, holding its subtree.
 */
export function groupSpans(
  spans: readonly Span[],
  order: readonly number[],
  options: { groupOrphans: boolean; keepRootlessTraces: boolean },
): Grouping {
  // First pass: roots, and spans whose parent came earlier in sorted order.
  const rootOf = new Map<string, number>(); // span ID → input index of its transaction root
  const roots: number[] = [];
  const children = new Map<number, number[]>();
  let maybeOrphans: number[] = [];
  /**
   * classifyAsOrphanSpans: attach pending spans to the root of their parent, repeating until a pass attaches
   * nothing; returns the spans still unattached.
   */
  const attach = (pending: number[]): number[] => {
    for (;;) {
      const next: number[] = [];
      for (const i of pending) {
        const s = spans[i]!;
        const r = rootOf.get(s.parentSpanId);
        if (r !== undefined) {
          rootOf.set(s.spanId, r);
          children.get(r)!.push(i);
        } else next.push(i);
      }
      if (next.length === 0 || next.length === pending.length) return next;
      pending = next;
    }
  };
  for (const i of order) {
    const s = spans[i]!;
    if (isTransactionRoot(s)) {
      roots.push(i);
      rootOf.set(s.spanId, i);
      children.set(i, []);
    } else {
      const r = rootOf.get(s.parentSpanId);
      if (r !== undefined) {
        rootOf.set(s.spanId, r);
        children.get(r)!.push(i);
      } else maybeOrphans.push(i);
    }
  }
  const rootCount = roots.length;
  if (rootCount === 0 && !options.keepRootlessTraces) return { rootCount, groups: null };
  if (maybeOrphans.length) maybeOrphans = attach(maybeOrphans);
  const orphanRoots: number[] = [];
  if (options.groupOrphans && maybeOrphans.length) {
    // A leftover whose parent is not itself a leftover has a parent that never arrived: make it a root and
    // attach its subtree. Whatever is still left (parent cycles) becomes one transaction per span.
    const leftIds = new Set(maybeOrphans.map((i) => spans[i]!.spanId));
    const rest: number[] = [];
    for (const i of maybeOrphans) {
      const s = spans[i]!;
      if (!leftIds.has(s.parentSpanId) || !hasParent(s)) {
        orphanRoots.push(i);
        rootOf.set(s.spanId, i);
        children.set(i, []);
      } else rest.push(i);
    }
    maybeOrphans = attach(rest);
  }
  for (const i of maybeOrphans) {
    orphanRoots.push(i);
    children.set(i, []);
  }
  const position = new Int32Array(spans.length);
  for (let p = 0; p < order.length; p++) position[order[p]!] = p;
  orphanRoots.sort((a, b) => position[a]! - position[b]!);

  const groups: TransactionGroup[] = [];
  for (const root of [...roots, ...orphanRoots]) {
    const kids = children.get(root)!;
    // The first pass attaches in sorted order; only spans attached by later passes are out of place.
    let sorted = true;
    for (let k = 1; k < kids.length && sorted; k++) sorted = position[kids[k - 1]!]! < position[kids[k]!]!;
    if (!sorted) kids.sort((a, b) => position[a]! - position[b]!);
    groups.push({ root, spans: kids });
  }
  return { rootCount, groups };
}

// The Sentry tab's trace tree over real previews (shared/sentry/preview.ts on the test scenarios).
import { describe, expect, it } from 'vitest';
import { buildSentryPreview } from '../../../shared/sentry/preview.js';
import {
  barPosition,
  nextErrorRow,
  revealRow,
  rfc3339Ms,
  rowFor,
  sentryTraceTree,
  stepTree,
  visibleTreeRows,
  type SentryTreeRow,
} from '../../../renderer/src/model/sentry-trace-tree.js';
import { SCENARIOS } from '../../shared/sentry/scenarios.js';

const scenario = (name: string) => SCENARIOS.find((s) => s.name === name)!.spans();
const shape = (rows: SentryTreeRow[]) =>
  rows.map((r) => `${'  '.repeat(r.depth)}${r.kind} ${r.op} ${r.description}`);

/** The row a row hangs under (the nearest row above it with a smaller depth). */
function parentOf(rows: SentryTreeRow[], i: number): SentryTreeRow | undefined {
  for (let k = i - 1; k >= 0; k--) if (rows[k]!.depth < rows[i]!.depth) return rows[k];
  return undefined;
}

describe('sentryTraceTree (collector)', () => {
  it('nests a child transaction under the span that called it, in one tree', () => {
    const p = buildSentryPreview(scenario('server-child'));
    expect(p.transactions.length).toBeGreaterThanOrEqual(2);
    const { rows, totalMs } = sentryTraceTree(p);
    expect(rows.filter((r) => r.depth === 0)).toHaveLength(1);
    const child = rows.findIndex((r) => r.kind === 'transaction' && r.depth > 0);
    expect(child).toBeGreaterThan(0);
    // Its parent row is the span whose ID is the child transaction's parent_span_id.
    const tx = p.transactions.find((t) => t.contexts.trace.span_id === rows[child]!.spanId)!;
    expect(parentOf(rows, child)!.spanId).toBe(tx.contexts.trace.parent_span_id);
    expect(totalMs).toBeCloseTo(50, 3);
    // Every Sentry span of every transaction is a row, with op, description, status and duration.
    const spanRows = rows.filter((r) => r.kind === 'span');
    expect(spanRows).toHaveLength(p.transactions.reduce((n, t) => n + (t.spans?.length ?? 0), 0));
    for (const r of spanRows) {
      expect(r.op || r.description).not.toBe('');
      expect(r.status).not.toBe('');
      expect(r.durationMs).toBeGreaterThan(0);
    }
    expect(shape(rows)).toEqual([
      'transaction http.client GET http://backend:8080/api/items',
      '  transaction http.server GET /api/items',
      '    span db SELECT * FROM items LIMIT 20 OFFSET 20',
      '  span  render',
    ]);
  });

  it('attaches each error event under the span it was raised in', () => {
    const p = buildSentryPreview(scenario('payment-error-python'));
    const { rows } = sentryTraceTree(p);
    const errors = rows.map((r, i) => [r, i] as const).filter(([r]) => r.kind === 'error');
    expect(errors).toHaveLength(p.errors.length);
    for (const [r, i] of errors) {
      expect(r.depth).toBeGreaterThan(0);
      expect(parentOf(rows, i)!.spanId).toBe(r.spanId);
      expect(r.durationMs).toBe(0);
      expect(r.description).toMatch(/\w+: /);
    }
  });

  it('collapses a row: its descendants are hidden and their errors counted on it', () => {
    const p = buildSentryPreview(scenario('payment-error-python'));
    const tree = sentryTraceTree(p);
    const root = tree.rows[0]!;
    expect(root.descendants).toBe(tree.rows.length - 1);
    expect(root.errorsBelow).toBe(p.errors.length);
    expect(visibleTreeRows(tree, new Set())).toEqual(tree.rows.map((_, i) => i));
    expect(visibleTreeRows(tree, new Set([root.pointer]))).toEqual([0]);
  });

  it('knows each row’s parent, its place among its siblings and its index', () => {
    const tree = sentryTraceTree(buildSentryPreview(scenario('server-child')));
    expect(tree.rows.map((r) => [r.parent, r.posInSet, r.setSize, r.descendants])).toEqual([
      [-1, 1, 1, 3],
      [0, 1, 2, 1],
      [1, 1, 1, 0],
      [0, 2, 2, 0],
    ]);
    tree.rows.forEach((r, i) => expect(tree.index.get(r.pointer)).toBe(i));
  });
});

describe('collapsing and stepping (server-child: client txn › server txn › db span; render span)', () => {
  const tree = sentryTraceTree(buildSentryPreview(scenario('server-child')));
  const ptr = (i: number) => tree.rows[i]!.pointer;
  const [CLIENT, SERVER, DB, RENDER] = [0, 1, 2, 3];
  const folded = (...rows: number[]) => new Set(rows.map(ptr));

  it.each([
    ['nothing', [], [CLIENT, SERVER, DB, RENDER]],
    ['the server transaction', [SERVER], [CLIENT, SERVER, RENDER]],
    ['the root', [CLIENT], [CLIENT]],
    ['the root and a row inside it', [CLIENT, SERVER], [CLIENT]],
    ['a leaf (nothing to hide)', [DB], [CLIENT, SERVER, DB, RENDER]],
  ])('visible rows with %s collapsed', (_, rows, want) => {
    expect(visibleTreeRows(tree, folded(...rows))).toEqual(want);
  });

  it.each([
    ['j from the root', [], CLIENT, 1, SERVER],
    ['j into a child transaction’s span', [], SERVER, 1, DB],
    ['j over a collapsed row’s children', [SERVER], SERVER, 1, RENDER],
    ['k back up', [SERVER], RENDER, -1, SERVER],
    ['k at the top stays', [], CLIENT, -1, CLIENT],
    ['j at the bottom stays', [], RENDER, 1, RENDER],
    ['j from a row hidden by a fold: the row after the fold', [SERVER], DB, 1, RENDER],
    ['k from a row hidden by a fold: the fold', [SERVER], DB, -1, SERVER],
  ] as const)('%s', (_, rows, from, dir, want) => {
    const c = folded(...rows);
    expect(stepTree(tree, visibleTreeRows(tree, c), ptr(from), dir)).toBe(ptr(want));
  });

  it.each([
    [null, 1, CLIENT],
    [null, -1, RENDER],
    ['/transactions/9', 1, CLIENT],
  ] as const)('from %s, %s goes to the top or the bottom', (from, dir, want) => {
    expect(stepTree(tree, visibleTreeRows(tree, new Set()), from, dir)).toBe(ptr(want));
  });

  it('steps nowhere in an empty tree', () => {
    const empty = sentryTraceTree(buildSentryPreview([]));
    expect(empty.rows).toEqual([]);
    expect(stepTree(empty, [], null, 1)).toBeNull();
  });

  it('reveals a row by unfolding its ancestors only', () => {
    const c = folded(CLIENT, SERVER, DB);
    expect([...revealRow(tree, DB, c)]).toEqual([ptr(DB)]);
    expect([...revealRow(tree, RENDER, c)].sort()).toEqual([ptr(SERVER), ptr(DB)].sort());
    // Nothing to unfold: the same set (no state change for React to render).
    expect(revealRow(tree, CLIENT, c)).toBe(c);
  });
});

describe('error events in the tree', () => {
  const tree = sentryTraceTree(buildSentryPreview(scenario('java-stack-trace')));
  const error = tree.rows.findIndex((r) => r.kind === 'error');

  it.each([
    ['e from nothing', -1, 1, error],
    ['e from the top', 0, 1, error],
    ['e past the last error', error, 1, -1],
    ['E from the end', tree.rows.length, -1, error],
    ['E before the first error', error, -1, -1],
  ])('%s', (_, from, dir, want) => {
    expect(error).toBeGreaterThan(0);
    expect(nextErrorRow(tree, from, dir as 1 | -1)).toBe(want);
  });
});

describe('a trace of 1 500 spans', () => {
  const p = buildSentryPreview(scenario('large-1500-spans'));
  const tree = sentryTraceTree(p);

  it('is one row per Sentry span, walkable from the first row to the last with j', () => {
    const spans = p.transactions.reduce((n, t) => n + (t.spans?.length ?? 0), 0);
    expect(tree.rows).toHaveLength(p.transactions.length + spans);
    const visible = visibleTreeRows(tree, new Set());
    let at: string | null = null;
    const seen: string[] = [];
    for (let k = 0; k < tree.rows.length; k++) seen.push((at = stepTree(tree, visible, at, 1)!));
    expect(seen).toEqual(tree.rows.map((r) => r.pointer));
    expect(stepTree(tree, visible, at, 1)).toBe(at);
  });
});

describe('sentryTraceTree (sentry-otlp)', () => {
  it('shows every Sentry span of every segment, segments nested under their calling span', () => {
    const p = buildSentryPreview(scenario('server-child'), { profile: 'sentry-otlp' });
    const { rows } = sentryTraceTree(p);
    expect(rows).toHaveLength(p.segments.reduce((n, s) => n + s.spans.length, 0));
    expect(rows.filter((r) => r.depth === 0)).toHaveLength(1);
    for (const r of rows) expect(r.pointer).toMatch(/^\/segments\/\d+\/spans\/\d+$/);
    expect(rows.filter((r) => r.kind === 'error')).toHaveLength(0);
  });

  it('a selected segment stands for its segment span: j lands there first, then moves on', () => {
    const p = buildSentryPreview(scenario('server-child'), { profile: 'sentry-otlp' });
    const tree = sentryTraceTree(p);
    const visible = visibleTreeRows(tree, new Set());
    p.segments.forEach((_, i) => {
      const stand = rowFor(tree, `/segments/${i}`);
      expect(tree.rows[stand]!.kind).toBe('transaction');
      expect(tree.rows[stand]!.pointer.startsWith(`/segments/${i}/`)).toBe(true);
      expect(stepTree(tree, visible, `/segments/${i}`, 1)).toBe(tree.rows[stand]!.pointer);
    });
    expect(rowFor(tree, '/segments/99')).toBe(-1);
    expect(rowFor(tree, null)).toBe(-1);
  });
});

describe('time axis', () => {
  it.each([
    ['2026-01-01T00:00:00Z', Date.UTC(2026, 0, 1)],
    ['2026-01-01T00:00:00.5Z', Date.UTC(2026, 0, 1) + 500],
    ['2026-01-01T00:00:00.123456789Z', Date.UTC(2026, 0, 1) + 123.456789],
    ['2026-01-01T01:00:00.250+01:00', Date.UTC(2026, 0, 1) + 250],
  ])('rfc3339Ms(%s)', (text, want) => {
    expect(rfc3339Ms(text)).toBeCloseTo(want, 6);
  });

  const row = (
    offsetMs: number,
    durationMs: number,
    kind: SentryTreeRow['kind'] = 'span',
  ): SentryTreeRow => ({
    pointer: '/x',
    kind,
    depth: 0,
    parent: -1,
    posInSet: 1,
    setSize: 1,
    spanId: 's',
    op: 'op',
    description: 'd',
    status: 'ok',
    offsetMs,
    durationMs,
    descendants: 0,
    errorsBelow: 0,
  });
  it.each([
    [row(0, 100), 100, { left: 0, width: 100 }],
    [row(25, 50), 100, { left: 25, width: 50 }],
    [row(90, 50), 100, { left: 90, width: 10 }],
    [row(40, 0, 'error'), 80, { left: 50, width: 0 }],
    [row(0, 0), 0, { left: 0, width: 100 }],
  ])('barPosition %#', (r, total, want) => {
    expect(barPosition(r, total)).toEqual(want);
  });
});

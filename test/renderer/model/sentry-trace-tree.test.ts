// The Sentry tab's trace tree over real previews (shared/sentry/preview.ts on the test scenarios).
import { describe, expect, it } from 'vitest';
import { buildSentryPreview } from '../../../shared/sentry/preview.js';
import {
  barPosition,
  rfc3339Ms,
  sentryTraceTree,
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
    const open = sentryTraceTree(p);
    const root = open.rows[0]!;
    expect(root.descendants).toBe(open.rows.length - 1);
    const closed = sentryTraceTree(p, new Set([root.pointer]));
    expect(closed.rows).toHaveLength(1);
    expect(closed.rows[0]!.errorsBelow).toBe(p.errors.length);
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

import { describe, expect, it } from 'vitest';
import {
  buildWaterfall,
  defaultCollapsed,
  findError,
  isServiceCollapsed,
  revealNode,
  serviceEntrySpanIds,
  toggleService,
  visibleRows,
} from '../../../renderer/src/model/waterfall.js';
import { makeSpan, sid } from '../fixtures.js';

// root(api) ─┬─ db(api, error)
//            └─ call(api) ── handler(billing) ── charge(billing, exception)
const spans = [
  makeSpan({
    id: '5',
    parent: '4',
    service: 'billing',
    start: 40,
    end: 60,
    events: [{ name: 'exception', timeUnixNano: '1', attributes: [], droppedAttributesCount: 0 }],
  }),
  makeSpan({ id: '1', start: 0, end: 100 }),
  makeSpan({ id: '3', parent: '1', start: 30, end: 90 }),
  makeSpan({ id: '2', parent: '1', start: 5, end: 20, error: true }),
  makeSpan({ id: '4', parent: '3', service: 'billing', start: 35, end: 80 }),
];
const names = (w: ReturnType<typeof buildWaterfall>, rows: number[]) =>
  rows.map((i) => w.nodes[i]!.span.spanId);

describe('buildWaterfall', () => {
  const w = buildWaterfall(spans);
  it('orders rows depth-first with children by start time', () => {
    expect(names(w, w.preorder)).toEqual(['1', '2', '3', '4', '5'].map(sid));
  });
  it('computes depth, descendants, time range, services and errors', () => {
    const byId = (id: string) => w.nodes.find((n) => n.span.spanId === sid(id))!;
    expect([1, 2, 3, 4, 5].map((i) => byId(String(i)).depth)).toEqual([0, 1, 1, 2, 3]);
    expect(byId('1').descendants).toBe(4);
    expect(byId('3').descendants).toBe(2);
    expect(w.durationMs).toBeCloseTo(100, 6);
    expect(w.services).toEqual(['api', 'billing']);
    expect(w.errorCount).toBe(2);
    expect(byId('5').isError).toBe(true);
  });
  it('keeps spans whose parent is missing as orphan roots', () => {
    const o = buildWaterfall([makeSpan({ id: '1' }), makeSpan({ id: '9', parent: '8', start: 1 })]);
    expect(o.roots.length).toBe(2);
    expect(o.nodes.find((n) => n.span.spanId === sid('9'))!.orphan).toBe(true);
  });
  it('does not lose spans that form a parent cycle', () => {
    const c = buildWaterfall([
      makeSpan({ id: '1', parent: '2' }),
      makeSpan({ id: '2', parent: '1', start: 1 }),
    ]);
    expect(c.preorder.length).toBe(2);
    expect(c.nodes.every((n) => n.orphan || n.parent >= 0)).toBe(true);
  });
  it('handles a 5 000-deep chain without recursion limits', () => {
    const chain = Array.from({ length: 5000 }, (_, i) =>
      makeSpan({ id: String(i + 1), parent: i ? String(i) : undefined, start: i }),
    );
    const big = buildWaterfall(chain);
    expect(big.preorder.length).toBe(5000);
    expect(big.nodes[big.preorder[4999]!]!.depth).toBe(4999);
  });
});

describe('visible rows and collapsing', () => {
  const w = buildWaterfall(spans);
  it('hides everything under a collapsed span', () => {
    expect(names(w, visibleRows(w, new Set([sid('3')])))).toEqual(['1', '2', '3'].map(sid));
    expect(names(w, visibleRows(w, new Set([sid('1')])))).toEqual([sid('1')]);
  });
  it('collapses huge traces below the first level by default', () => {
    expect(defaultCollapsed(w).size).toBe(0);
    expect([...defaultCollapsed(w, 3)].sort()).toEqual([sid('3'), sid('4')]);
  });
  it('collapses a service at its entry spans and toggles back', () => {
    expect(serviceEntrySpanIds(w, 'billing')).toEqual([sid('4')]);
    const c = toggleService(w, 'billing', new Set());
    expect(isServiceCollapsed(w, 'billing', c)).toBe(true);
    expect(names(w, visibleRows(w, c))).toEqual(['1', '2', '3', '4'].map(sid));
    expect(toggleService(w, 'billing', c).size).toBe(0);
  });
});

describe('error navigation', () => {
  const w = buildWaterfall(spans);
  const id = (i: number) => w.nodes[i]!.span.spanId;
  it.each([
    [null, 1, '2'],
    [sid('2'), 1, '5'],
    [sid('5'), 1, '2'],
    [null, -1, '5'],
    [sid('2'), -1, '5'],
    [sid('3'), -1, '2'],
  ] as const)('from %s in direction %d goes to %s', (from, dir, to) => {
    expect(id(findError(w, from, dir))).toBe(sid(to));
  });
  it('returns -1 when there is no error', () => {
    expect(findError(buildWaterfall([makeSpan({ id: '1' })]), null, 1)).toBe(-1);
  });
  it('expands the ancestors of the span it jumps to', () => {
    const target = findError(w, sid('2'), 1);
    const open = revealNode(w, target, new Set([sid('1'), sid('3'), sid('2')]));
    expect([...open]).toEqual([sid('2')]);
    expect(visibleRows(w, open).includes(target)).toBe(true);
  });
});

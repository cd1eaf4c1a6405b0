// Sorting, root filters and grouping over the whole store (not just one loaded page).
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { TraceListQuery, TraceSortKey } from '../../../../shared/api/contract.js';
import { SpanStore } from '../../../../electron/core/store/span-store.js';
import { QueryError } from '../../../../electron/core/store/query-error.js';
import { percentile } from '../../../../electron/core/store/trace-groups.js';
import { batch, makeSpan, traceId } from './fixtures.js';

const stores: SpanStore[] = [];
function newStore(): SpanStore {
  const s = new SpanStore();
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

interface Spec {
  trace: number;
  name: string;
  service: string;
  startMs: number;
  durationMs: number;
  error?: boolean;
  status?: number;
  extraSpans?: number;
}

function fill(store: SpanStore, specs: Spec[]): void {
  for (const s of specs) {
    const attrs =
      s.status === undefined
        ? []
        : [{ key: 'http.response.status_code', value: { intValue: String(s.status) } }];
    const spans = [
      makeSpan({
        trace: s.trace,
        span: s.trace * 100,
        name: s.name,
        service: s.service,
        startMs: s.startMs,
        durationMs: s.durationMs,
        error: s.error,
        attributes: attrs,
      }),
    ];
    for (let i = 1; i <= (s.extraSpans ?? 0); i++)
      spans.push(
        makeSpan({ trace: s.trace, span: s.trace * 100 + i, parent: s.trace * 100, startMs: s.startMs }),
      );
    store.ingest(batch(spans));
  }
}

/** Every page of a query, concatenated. */
function allPages(store: SpanStore, q: TraceListQuery): string[] {
  const out: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = store.listTraces({ ...q, cursor });
    out.push(...page.traces.map((t) => t.traceId));
    if (page.nextCursor === null) return out;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

const SPECS: Spec[] = [
  { trace: 1, name: 'GET /a', service: 'api', startMs: 300, durationMs: 50, status: 200, extraSpans: 2 },
  { trace: 2, name: 'GET /b', service: 'web', startMs: 100, durationMs: 900, status: 404 },
  { trace: 3, name: 'POST /c', service: 'api', startMs: 200, durationMs: 10, error: true, status: 500 },
  { trace: 4, name: 'GET /a', service: 'api', startMs: 50, durationMs: 70, extraSpans: 5 },
  { trace: 5, name: 'GET /a', service: 'api', startMs: 400, durationMs: 70, status: 200 },
];

describe('trace list sorting over the whole store', () => {
  const cases: [TraceSortKey, 'asc' | 'desc', number[]][] = [
    ['received', 'desc', [5, 4, 3, 2, 1]],
    ['received', 'asc', [1, 2, 3, 4, 5]],
    ['start', 'asc', [4, 2, 3, 1, 5]],
    ['start', 'desc', [5, 1, 3, 2, 4]],
    // Equal durations (4 and 5): newest received first in either direction.
    ['duration', 'desc', [2, 5, 4, 1, 3]],
    ['duration', 'asc', [3, 1, 5, 4, 2]],
    ['spans', 'desc', [4, 1, 5, 3, 2]],
    ['errors', 'desc', [3, 5, 4, 2, 1]],
    ['name', 'asc', [5, 4, 1, 2, 3]],
    ['service', 'desc', [2, 5, 4, 3, 1]],
    // No status (trace 4) sorts below every status.
    ['httpStatus', 'desc', [3, 2, 5, 1, 4]],
    ['httpStatus', 'asc', [4, 5, 1, 2, 3]],
  ];
  it.each(cases)('sort=%s dir=%s, one page and page by page', (sort, dir, want) => {
    const store = newStore();
    fill(store, SPECS);
    const expected = want.map(traceId);
    expect(store.listTraces({ sort, dir }).traces.map((t) => t.traceId)).toEqual(expected);
    expect(allPages(store, { sort, dir, limit: 2 })).toEqual(expected);
    expect(store.listTraces({ sort, dir, limit: 2 }).total).toBe(5);
  });

  it('sorts every trace, not just the first page (the bug: sorting only the loaded 200 of 5 000)', () => {
    const store = newStore();
    const specs: Spec[] = [];
    for (let i = 1; i <= 500; i++)
      specs.push({ trace: i, name: 'x', service: 'api', startMs: i, durationMs: (i * 7919) % 1000 });
    fill(store, specs);
    const top = store.listTraces({ sort: 'duration', dir: 'desc', limit: 3 }).traces.map((t) => t.durationMs);
    const want = specs
      .map((s) => s.durationMs)
      .sort((a, b) => b - a)
      .slice(0, 3);
    expect(top).toEqual(want);
    // The test means something only if a top trace lies outside the newest 200 (what a client would load).
    const newest200 = new Set(specs.slice(-200).map((s) => s.durationMs));
    expect(want.some((d) => !newest200.has(d))).toBe(true);
  });

  it('keyset cursors neither repeat nor skip rows when traces arrive between pages', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 10 }),
        fc.integer({ min: 1, max: 7 }),
        (before, arriving, limit) => {
          const store = newStore();
          fill(
            store,
            before.map((d, i) => ({ trace: i + 1, name: 'n', service: 's', startMs: 0, durationMs: d })),
          );
          const first = store.listTraces({ sort: 'duration', dir: 'asc', limit });
          fill(
            store,
            arriving.map((d, i) => ({ trace: 1000 + i, name: 'n', service: 's', startMs: 0, durationMs: d })),
          );
          const seen = first.traces.map((t) => t.traceId);
          let cursor = first.nextCursor;
          while (cursor !== null) {
            const page = store.listTraces({ sort: 'duration', dir: 'asc', limit, cursor });
            seen.push(...page.traces.map((t) => t.traceId));
            cursor = page.nextCursor;
          }
          expect(new Set(seen).size).toBe(seen.length);
          // Every trace that was there before the first page is seen exactly once.
          for (let i = 1; i <= before.length; i++) expect(seen).toContain(traceId(i));
          store.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a cursor from another sort or one it never issued, naming the parameter', () => {
    const store = newStore();
    fill(store, SPECS);
    const byDuration = store.listTraces({ sort: 'duration', limit: 1 }).nextCursor!;
    expect(() => store.listTraces({ sort: 'start', cursor: byDuration })).toThrow(QueryError);
    expect(() => store.listTraces({ sort: 'start', cursor: byDuration })).toThrow(/sort=duration/);
    expect(() => store.listTraces({ sort: 'start', cursor: 'bm9wZQ' })).toThrow(/cursor/);
  });

  it('filters compose with sorting (errorsOnly, service, text)', () => {
    const store = newStore();
    fill(store, SPECS);
    const ids = (q: TraceListQuery) => store.listTraces(q).traces.map((t) => t.traceId);
    expect(ids({ sort: 'duration', service: 'api' })).toEqual([5, 4, 1, 3].map(traceId));
    expect(ids({ sort: 'start', dir: 'asc', errorsOnly: true })).toEqual([traceId(3)]);
    expect(ids({ sort: 'name', dir: 'asc', q: 'GET' })).toEqual([5, 4, 1, 2].map(traceId));
  });
});

describe('root filters and HTTP status', () => {
  it('rootService + rootName select one group exactly (not a substring, not any span)', () => {
    const store = newStore();
    fill(store, SPECS);
    const r = store.listTraces({ rootService: 'api', rootName: 'GET /a' });
    expect(r.traces.map((t) => t.traceId)).toEqual([5, 4, 1].map(traceId));
    expect(r.total).toBe(3);
    expect(store.listTraces({ rootName: 'GET /' }).total).toBe(0);
  });

  it('reads the root span status from current or older semconv, ignoring child spans', () => {
    const store = newStore();
    store.ingest(
      batch([
        makeSpan({
          trace: 1,
          span: 2,
          parent: 1,
          attributes: [{ key: 'http.response.status_code', value: { intValue: '503' } }],
        }),
      ]),
    );
    // Only a child so far: it stands in for the root.
    expect(store.getSummary(traceId(1))!.httpStatus).toBe(503);
    store.ingest(
      batch([
        makeSpan({
          trace: 1,
          span: 1,
          attributes: [{ key: 'http.status_code', value: { stringValue: '404' } }],
        }),
      ]),
    );
    expect(store.getSummary(traceId(1))!.httpStatus).toBe(404);
    store.ingest(batch([makeSpan({ trace: 2, span: 1, attributes: [] })]));
    expect(store.getSummary(traceId(2))!.httpStatus).toBeNull();
  });
});

describe('grouped view', () => {
  it('groups by root service + name with count, error rate and nearest-rank percentiles', () => {
    const store = newStore();
    fill(store, SPECS);
    const r = store.groupTraces();
    expect(r.traces).toBe(5);
    expect(r.totalGroups).toBe(3);
    expect(r.groups[0]).toMatchObject({
      rootService: 'api',
      rootName: 'GET /a',
      count: 3,
      errorCount: 0,
      errorRate: 0,
      p50Ms: 70,
      p95Ms: 70,
      maxMs: 70,
    });
    expect(r.groups.map((g) => `${g.rootService} ${g.rootName}`)).toEqual([
      'api GET /a',
      'api POST /c',
      'web GET /b',
    ]);
    const c = r.groups.find((g) => g.rootName === 'POST /c')!;
    expect(c).toMatchObject({ count: 1, errorCount: 1, errorRate: 1, p50Ms: 10, p95Ms: 10 });
  });

  it('applies the list filters and the group limit', () => {
    const store = newStore();
    fill(store, SPECS);
    expect(store.groupTraces({ service: 'web' }).groups).toHaveLength(1);
    expect(store.groupTraces({ errorsOnly: true }).groups.map((g) => g.rootName)).toEqual(['POST /c']);
    const limited = store.groupTraces({ limit: 1 });
    expect(limited.groups).toHaveLength(1);
    expect(limited.totalGroups).toBe(3);
    expect(() => store.groupTraces({ limit: 0 })).toThrow(QueryError);
  });

  it.each([
    [[], 0.5, 0],
    [[7], 0.95, 7],
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 0.95, 19],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 0.5, 10],
  ])('percentile(%j, %d) = %d', (values, p, want) => {
    expect(percentile(values, p)).toBe(want);
  });
});

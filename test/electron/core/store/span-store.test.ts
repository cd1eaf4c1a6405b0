import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SpanStore, type SpanStoreOptions } from '../../../../electron/core/store/span-store.js';
import { estimateSpanBytes } from '../../../../electron/core/store/span-bytes.js';
import { QueryError } from '../../../../electron/core/store/query-error.js';
import { batch, makeSpan, traceId, traceSpans } from './fixtures.js';

const stores: SpanStore[] = [];
function newStore(options: SpanStoreOptions = {}): SpanStore {
  const s = new SpanStore(options);
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function identityHolds(store: SpanStore): boolean {
  const c = store.counters();
  return c.received === c.stored + c.evicted + c.rejected && c.accepted === c.received - c.rejected;
}

function ids(store: SpanStore): string[] {
  return store.listTraces({ limit: 1000 }).traces.map((t) => t.traceId);
}

describe('SpanStore grouping', () => {
  it('groups spans by trace and merges late and out-of-order spans into their trace', () => {
    const store = newStore();
    // Child first, root later, in separate requests: one trace in the end.
    store.ingest(batch([makeSpan({ trace: 1, span: 2, parent: 1, name: 'SELECT users', startMs: 5 })]));
    let t = store.getTrace(traceId(1))!;
    expect(t.summary).toMatchObject({ rootName: 'SELECT users', hasRoot: false, spanCount: 1 });
    store.ingest(batch([makeSpan({ trace: 2, span: 9 })]));
    store.ingest(
      batch([
        makeSpan({ trace: 1, span: 3, parent: 1, name: 'GET', startMs: 2, durationMs: 1 }),
        makeSpan({ trace: 1, span: 1, name: 'GET /api/users', startMs: 0, durationMs: 50 }),
      ]),
    );
    t = store.getTrace(traceId(1))!;
    expect(t.summary).toMatchObject({
      rootName: 'GET /api/users',
      rootService: 'checkout',
      hasRoot: true,
      spanCount: 3,
      durationMs: 50,
    });
    // Sorted by start time.
    expect(t.spans.map((s) => s.name)).toEqual(['GET /api/users', 'GET', 'SELECT users']);
    expect(store.counters()).toMatchObject({ received: 4, stored: 4, traces: 2 });
    // Newest first by first receipt: trace 1 arrived first, so it stays second even after new spans.
    expect(ids(store)).toEqual([traceId(2), traceId(1)]);
  });

  it('keeps the first copy of a duplicated span ID and rejects the rest as duplicate_span', () => {
    const store = newStore();
    store.ingest(batch([makeSpan({ trace: 1, span: 1, name: 'first' })]));
    const r = store.ingest(
      batch([
        makeSpan({ trace: 1, span: 1, name: 'second' }),
        makeSpan({ trace: 2, span: 1, name: 'other trace' }),
      ]),
    );
    expect(r.rejectedSpans).toBe(1);
    expect(r.errorMessage).toMatch(/already held/);
    expect(store.getTrace(traceId(1))!.spans.map((s) => s.name)).toEqual(['first']);
    expect(store.getTrace(traceId(2))!.spans).toHaveLength(1);
    expect(store.counters()).toMatchObject({ received: 3, stored: 2, rejected: 1 });
    expect(store.counters().rejectedByReason.duplicate_span).toBe(1);
  });

  it('detects duplicates in large traces (past the span-ID set threshold)', () => {
    const store = newStore();
    store.ingest(batch(traceSpans(1, 100)));
    const r = store.ingest(batch(traceSpans(1, 100)));
    expect(r.rejectedSpans).toBe(100);
    expect(store.counters()).toMatchObject({ stored: 100, rejected: 100 });
  });

  it('counts decoder rejections and passes decoder errors through', () => {
    const store = newStore();
    const r = store.ingest({
      spans: [makeSpan({ trace: 1, span: 1 })],
      rejected: [{ reason: 'invalid_trace_id', count: 2 }],
      errors: ['2 spans with an all-zero trace ID'],
    });
    expect(r).toEqual({ rejectedSpans: 2, errorMessage: '2 spans with an all-zero trace ID' });
    store.recordBadRequest();
    expect(store.counters()).toMatchObject({
      received: 3,
      accepted: 1,
      stored: 1,
      rejected: 2,
      badRequests: 1,
      rejectedByReason: { invalid_trace_id: 2 },
    });
  });

  it('counts errors by status and by exception event', () => {
    const store = newStore();
    store.ingest(
      batch([
        makeSpan({ trace: 1, span: 1, error: true }),
        makeSpan({ trace: 1, span: 2, parent: 1, exception: true }),
        makeSpan({ trace: 1, span: 3, parent: 1 }),
      ]),
    );
    expect(store.getTrace(traceId(1))!.summary.errorCount).toBe(2);
  });
});

describe('SpanStore limits', () => {
  it('evicts the oldest traces (by first receipt) whole when over maxSpans', () => {
    const store = newStore({ maxSpans: 6 });
    store.ingest(batch(traceSpans(1, 2)));
    store.ingest(batch(traceSpans(2, 2)));
    store.ingest(batch(traceSpans(3, 2)));
    store.ingest(batch(traceSpans(4, 1)));
    expect(ids(store)).toEqual([traceId(4), traceId(3), traceId(2)]);
    expect(store.counters()).toMatchObject({ received: 7, stored: 5, evicted: 2, traces: 3 });
    // A late span of the oldest trace joins it; the next-oldest trace goes instead (traces are kept whole).
    store.ingest(batch(traceSpans(5, 1)));
    store.ingest(batch([makeSpan({ trace: 2, span: 2999, parent: 2001 })]));
    expect(ids(store)).toEqual([traceId(5), traceId(4), traceId(2)]);
    expect(store.getTrace(traceId(2))!.spans).toHaveLength(3);
    expect(store.counters()).toMatchObject({ received: 9, stored: 5, evicted: 4, traces: 3 });
    expect(store.evicting()).toBe(true);
    expect(identityHolds(store)).toBe(true);
  });

  it('never evicts pinned traces; rejects as store_full when everything else is pinned', () => {
    const store = newStore({ maxSpans: 4 });
    store.ingest(batch(traceSpans(1, 2)));
    store.ingest(batch(traceSpans(2, 2)));
    expect(store.pin(traceId(1), true)!.pinned).toBe(true);
    store.ingest(batch(traceSpans(3, 2))); // evicts 2, not 1
    expect(ids(store)).toEqual([traceId(3), traceId(1)]);
    store.pin(traceId(3), true);
    const r = store.ingest(batch(traceSpans(4, 3)));
    expect(r.rejectedSpans).toBe(3);
    expect(r.errorMessage).toMatch(/pinned/);
    expect(store.counters().rejectedByReason.store_full).toBe(3);
    expect(ids(store)).toEqual([traceId(3), traceId(1)]);
    // Unpinning makes room again.
    store.pin(traceId(1), false);
    store.ingest(batch(traceSpans(5, 1)));
    expect(ids(store)).toEqual([traceId(5), traceId(3)]);
    expect(identityHolds(store)).toBe(true);
  });

  it('does not evict the trace a span is joining to make room for that span', () => {
    const store = newStore({ maxSpans: 3 });
    store.ingest(batch(traceSpans(1, 3)));
    const r = store.ingest(batch([makeSpan({ trace: 1, span: 77, parent: 1001 })]));
    expect(r.rejectedSpans).toBe(1);
    expect(store.getTrace(traceId(1))!.spans).toHaveLength(3);
  });

  it('evicts by estimated bytes', () => {
    const one = estimateSpanBytes(makeSpan({ trace: 1, span: 1 }));
    const store = newStore({ maxBytes: one * 5 });
    for (let t = 1; t <= 8; t++) store.ingest(batch([makeSpan({ trace: t, span: 1 })]));
    expect(store.counters()).toMatchObject({ stored: 5, evicted: 3, storedBytes: one * 5 });
    expect(ids(store)).toEqual([8, 7, 6, 5, 4].map(traceId));
    // A span larger than the whole budget is refused, not stored over the limit.
    const huge = makeSpan({
      trace: 99,
      span: 1,
      attributes: [{ key: 'x', value: { stringValue: 'y'.repeat(one * 6) } }],
    });
    expect(store.ingest(batch([huge])).rejectedSpans).toBe(1);
    expect(store.counters().storedBytes).toBeLessThanOrEqual(one * 5);
  });

  it('estimates bytes from string lengths and counts', () => {
    const base = makeSpan({ trace: 1, span: 1, attributes: [] });
    const withAttr = makeSpan({
      trace: 1,
      span: 1,
      attributes: [{ key: 'k', value: { stringValue: 'vvvv' } }],
    });
    expect(estimateSpanBytes(withAttr) - estimateSpanBytes(base)).toBe(64 + 1 + 4);
    const withEvent = makeSpan({ trace: 1, span: 1, attributes: [], exception: true });
    expect(estimateSpanBytes(withEvent) - estimateSpanBytes(base)).toBe(
      96 + 'exception'.length + 64 + 14 + 10,
    );
  });

  it('keeps received = stored + evicted + rejected over random batches, pins, unpins and clears', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('ingest' as const),
        spans: fc.array(
          fc.record({ trace: fc.integer({ min: 1, max: 12 }), span: fc.integer({ min: 1, max: 30 }) }),
          {
            maxLength: 25,
          },
        ),
        decoderRejected: fc.integer({ min: 0, max: 3 }),
      }),
      fc.record({
        kind: fc.constant('pin' as const),
        trace: fc.integer({ min: 1, max: 12 }),
        on: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('clear' as const) }),
      fc.record({ kind: fc.constant('limits' as const), maxSpans: fc.integer({ min: 1, max: 40 }) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 2000, max: 20000 }),
        fc.array(op, { maxLength: 40 }),
        (initialMaxSpans, maxBytes, ops) => {
          let maxSpans = initialMaxSpans;
          const store = newStore({ maxSpans, maxBytes });
          const pinnedSpans = () =>
            store
              .listTraces({ limit: 1000 })
              .traces.filter((t) => t.pinned)
              .reduce((n, t) => n + t.spanCount, 0);
          for (const o of ops) {
            if (o.kind === 'ingest') {
              const rejected = o.decoderRejected
                ? [{ reason: 'invalid_span_id' as const, count: o.decoderRejected }]
                : [];
              store.ingest(
                batch(
                  o.spans.map((s) => makeSpan(s)),
                  rejected,
                ),
              );
            } else if (o.kind === 'pin') store.pin(traceId(o.trace), o.on);
            else if (o.kind === 'limits') {
              store.setLimits({ maxSpans: o.maxSpans });
              maxSpans = o.maxSpans;
            } else store.clear();
            const c = store.counters();
            if (!identityHolds(store)) return false;
            // Over a limit only when pinned traces alone hold more than it allows.
            if (c.stored > Math.max(maxSpans, pinnedSpans())) return false;
            if (c.storedBytes > maxBytes) return false;
            const listed = store.listTraces({ limit: 1000 });
            if (listed.total !== c.traces) return false;
            if (listed.traces.reduce((n, t) => n + t.spanCount, 0) !== c.stored) return false;
          }
          store.close();
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('applies lower limits live, evicting oldest unpinned traces down to them', () => {
    let now = 0;
    const store = newStore({ maxSpans: 100, now: () => now, idleTimeoutMs: 10_000 });
    for (let t = 1; t <= 5; t++) store.ingest(batch(traceSpans(t, 3)));
    store.pin(traceId(1), true);
    store.setLimits({ maxSpans: 7 });
    expect(ids(store)).toEqual([traceId(5), traceId(1)]);
    store.setLimits({ maxSpans: 1 }); // only the pinned trace is left, over the limit: kept
    expect(ids(store)).toEqual([traceId(1)]);
    expect(store.ingest(batch(traceSpans(9, 1))).rejectedSpans).toBe(1);
    expect(identityHolds(store)).toBe(true);
    now = 2000;
    store.setLimits({ idleTimeoutMs: 1000 });
    expect(store.listTraces().traces[0]!.complete).toBe(true);
  });

  it('clear empties everything, pinned traces too, and zeroes every counter', () => {
    const store = newStore({ maxSpans: 2 });
    store.ingest(batch(traceSpans(1, 2)));
    store.pin(traceId(1), true);
    store.ingest(batch(traceSpans(2, 2)));
    store.recordBadRequest();
    store.clear();
    const c = store.counters();
    expect(c).toEqual({
      received: 0,
      accepted: 0,
      stored: 0,
      evicted: 0,
      rejected: 0,
      rejectedByReason: {
        invalid_trace_id: 0,
        invalid_span_id: 0,
        invalid_parent_span_id: 0,
        store_full: 0,
        duplicate_span: 0,
      },
      badRequests: 0,
      traces: 0,
      storedBytes: 0,
    });
    expect(store.evicting()).toBe(false);
    expect(store.listTraces()).toEqual({ traces: [], total: 0, nextCursor: null });
    expect(store.getTrace(traceId(1))).toBeNull();
  });
});

describe('SpanStore completeness (idle window)', () => {
  it('marks a trace complete once no span arrived for the idle window, and reopens it on a late span', () => {
    let now = 1_000_000;
    const store = newStore({ idleTimeoutMs: 5000, now: () => now });
    store.ingest(batch(traceSpans(1, 1)));
    now += 3000;
    store.ingest(batch(traceSpans(2, 1)));
    now += 2500; // trace 1 idle 5.5 s, trace 2 idle 2.5 s
    store.checkIdle();
    expect(store.getTrace(traceId(1))!.summary.complete).toBe(true);
    expect(store.getTrace(traceId(2))!.summary.complete).toBe(false);
    store.ingest(batch([makeSpan({ trace: 1, span: 5, parent: 1001 })]));
    expect(store.getTrace(traceId(1))!.summary.complete).toBe(false);
    now += 5000;
    store.checkIdle();
    expect(store.listTraces().traces.every((t) => t.complete)).toBe(true);
  });

  it('tells subscribers when a trace becomes complete, from its own timer', async () => {
    const store = newStore({ idleTimeoutMs: 30 });
    let dirty = 0;
    const feed = store.subscribe(() => dirty++);
    store.ingest(batch(traceSpans(1, 2)));
    expect(dirty).toBe(1);
    expect(feed.take().upserted.map((t) => [t.traceId, t.complete])).toEqual([[traceId(1), false]]);
    // The store's own (unref'd) timer fires; wait for it without assuming how busy the machine is.
    for (let waited = 0; dirty < 2 && waited < 3000; waited += 10)
      await new Promise((r) => setTimeout(r, 10));
    expect(dirty).toBe(2);
    expect(feed.take().upserted.map((t) => [t.traceId, t.complete])).toEqual([[traceId(1), true]]);
  });
});

describe('SpanStore change feed', () => {
  it('collects upserts and removals per feed and reports a clear', () => {
    const store = newStore({ maxSpans: 2 });
    let dirty = 0;
    const feed = store.subscribe(() => dirty++);
    for (let i = 0; i < 50; i++)
      store.ingest(batch([makeSpan({ trace: 1, span: 100 + i })].slice(0, i < 2 ? 1 : 0)));
    store.ingest(batch(traceSpans(2, 1)));
    store.ingest(batch(traceSpans(3, 1)));
    expect(dirty).toBe(1); // clean → dirty once, however many changes
    const c = feed.take();
    expect(c.cleared).toBe(false);
    expect(c.upserted.map((t) => t.traceId).sort()).toEqual([traceId(2), traceId(3)]);
    expect(c.removed).toEqual([traceId(1)]);
    store.clear();
    expect(feed.take()).toEqual({ cleared: true, upserted: [], removed: [], more: false });
    feed.close();
    store.ingest(batch(traceSpans(4, 1)));
    expect(dirty).toBe(2);
  });

  it('hands out at most the asked number of summaries, in order, and keeps the rest queued', () => {
    const store = newStore();
    let dirty = 0;
    const feed = store.subscribe(() => dirty++);
    for (let t = 1; t <= 5; t++) store.ingest(batch(traceSpans(t, 1)));
    const first = feed.take(2);
    expect(first.upserted.map((s) => s.traceId)).toEqual([traceId(1), traceId(2)]);
    expect(first.more).toBe(true);
    store.ingest(batch(traceSpans(6, 1)));
    expect(dirty).toBe(1); // still dirty: the consumer was told there is more, the store stays quiet
    const rest = feed.take(10);
    expect(rest.upserted.map((s) => s.traceId)).toEqual([3, 4, 5, 6].map(traceId));
    expect(rest.more).toBe(false);
    store.ingest(batch(traceSpans(7, 1)));
    expect(dirty).toBe(2);
    feed.close();
  });
});

describe('SpanStore queries', () => {
  function bigStore(): SpanStore {
    const store = newStore();
    for (let t = 1; t <= 100_000; t += 500) {
      const spans = [];
      for (let k = t; k < t + 500; k++) {
        spans.push(
          makeSpan({
            trace: k,
            span: 1,
            name: k % 1000 === 0 ? `GET /checkout/${k}` : 'GET /health',
            service: k % 2 === 0 ? 'frontend' : 'backend',
            durationMs: k % 100,
            error: k % 7 === 0,
          }),
        );
      }
      store.ingest(batch(spans));
    }
    return store;
  }

  it('pages 100 000 traces newest first with an opaque cursor, quickly', () => {
    const store = bigStore();
    const t0 = performance.now();
    let page = store.listTraces({ limit: 1000 });
    const seen: string[] = [];
    let pages = 0;
    for (;;) {
      pages++;
      seen.push(...page.traces.map((t) => t.traceId));
      if (!page.nextCursor) break;
      page = store.listTraces({ limit: 1000, cursor: page.nextCursor });
    }
    expect(pages).toBe(100);
    expect(seen).toHaveLength(100_000);
    expect(seen[0]).toBe(traceId(100_000));
    expect(seen[99_999]).toBe(traceId(1));
    expect(new Set(seen).size).toBe(100_000);
    const first = performance.now();
    store.listTraces({ limit: 100 });
    expect(performance.now() - first).toBeLessThan(50);
    expect(first - t0).toBeLessThan(3000);
  });

  it.each([
    [{ service: 'frontend' }, (k: number) => k % 2 === 0],
    [{ errorsOnly: true }, (k: number) => k % 7 === 0],
    [{ minDurationMs: 90 }, (k: number) => k % 100 >= 90],
    [{ q: 'CHECKOUT/' }, (k: number) => k % 1000 === 0],
    [
      { service: 'backend', errorsOnly: true, minDurationMs: 50 },
      (k: number) => k % 2 === 1 && k % 7 === 0 && k % 100 >= 50,
    ],
  ])('filters %o', (query, pred) => {
    const store = bigStore();
    let total = 0;
    for (let k = 1; k <= 100_000; k++) if (pred(k)) total++;
    const t0 = performance.now();
    const first = store.listTraces({ ...query, limit: 100 });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(first.total).toBe(total);
    const all: number[] = [];
    let page = first;
    for (;;) {
      all.push(...page.traces.map((t) => parseInt(t.traceId, 16)));
      if (!page.nextCursor) break;
      page = store.listTraces({ ...query, limit: 100, cursor: page.nextCursor });
    }
    expect(all).toHaveLength(total);
    expect(all.every(pred)).toBe(true);
    expect(all).toEqual([...all].sort((a, b) => b - a));
  });

  it('rejects a bad limit or cursor naming the parameter', () => {
    const store = newStore();
    expect(() => store.listTraces({ limit: 0 })).toThrow(QueryError);
    expect(() => store.listTraces({ cursor: 'garbage!' })).toThrow(
      expect.objectContaining({ param: 'cursor' }),
    );
    expect(() => store.listSpans({ limit: 5000 })).toThrow(expect.objectContaining({ param: 'limit' }));
  });

  it('searches text literally and case-insensitively (regex characters are not special)', () => {
    const store = newStore();
    store.ingest(
      batch([
        makeSpan({ trace: 1, span: 1, name: 'GET /a.b(c)' }),
        makeSpan({ trace: 2, span: 1, name: 'GET /axb' }),
        makeSpan({
          trace: 3,
          span: 1,
          attributes: [{ key: 'db.query.text', value: { stringValue: 'SELECT * FROM Users' } }],
        }),
      ]),
    );
    const q = (text: string) => store.listTraces({ q: text }).traces.map((t) => parseInt(t.traceId, 16));
    expect(q('a.b(')).toEqual([1]);
    expect(q('SELECT *')).toEqual([3]);
    expect(q('from users')).toEqual([3]);
    expect(q('[')).toEqual([]);
    expect(store.listSpans({ q: '/A.B' }).total).toBe(1);
  });

  it('lists spans with filters and paging', () => {
    const store = newStore();
    store.ingest(
      batch([
        makeSpan({ trace: 1, span: 1, name: 'GET /a', service: 'web' }),
        makeSpan({
          trace: 1,
          span: 2,
          parent: 1,
          name: 'SELECT',
          service: 'db',
          error: true,
          durationMs: 100,
        }),
        makeSpan({ trace: 2, span: 3, name: 'GET /b', service: 'web', exception: true }),
      ]),
    );
    const all = store.listSpans({ limit: 2 });
    expect(all.total).toBe(3);
    expect(all.spans.map((s) => s.name)).toEqual(['GET /b', 'SELECT']);
    const rest = store.listSpans({ limit: 2, cursor: all.nextCursor! });
    expect(rest.spans.map((s) => s.name)).toEqual(['GET /a']);
    expect(rest.nextCursor).toBeNull();
    expect(store.listSpans({ errorsOnly: true }).spans.map((s) => s.name)).toEqual(['GET /b', 'SELECT']);
    expect(store.listSpans({ service: 'db' }).spans[0]).toMatchObject({
      name: 'SELECT',
      service: 'db',
      statusCode: 2,
      durationMs: 100,
      parentSpanId: '0000000000000001',
      hasException: false,
    });
    expect(store.listSpans({ traceId: traceId(1).toUpperCase() }).total).toBe(2);
    expect(store.listSpans({ q: 'get /', minDurationMs: 5 }).total).toBe(2);
  });
});

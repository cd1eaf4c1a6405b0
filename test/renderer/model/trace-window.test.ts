import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SORT,
  appendPage,
  mergeDelta,
  sortRows,
  sortToQuery,
  updateSortedWindow,
  type TraceWindow,
} from '../../../renderer/src/model/trace-window.js';
import { sortGroups } from '../../../renderer/src/model/group-sort.js';
import type { TraceGroup } from '../../../shared/api/contract.js';
import { EMPTY_FILTER } from '../../../renderer/src/model/trace-filter.js';
import { T0, makeSummary, ns } from '../fixtures.js';

const s = (id: string, at: number, patch = {}) =>
  makeSummary({ traceId: id, firstReceivedAt: T0 + at, ...patch });
const ids = (w: TraceWindow) => w.rows.map((r) => r.traceId);
const win = (rows = [s('c', 3), s('b', 2), s('a', 1)], nextCursor: string | null = null): TraceWindow => ({
  rows,
  total: rows.length,
  nextCursor,
});

describe('mergeDelta', () => {
  it('replaces changed traces in place', () => {
    const w = win();
    const late = { ...w.rows[1]!, spanCount: 7, revision: 2 };
    const r = mergeDelta(w, { upserted: [late], removed: [] }, EMPTY_FILTER);
    expect(ids(r.window)).toEqual(['c', 'b', 'a']);
    expect(r.window.rows[1]!.spanCount).toBe(7);
    expect(r.window.rows[0]).toBe(w.rows[0]);
  });
  it('never steps back to an older revision', () => {
    const w = win([s('a', 1, { revision: 5, spanCount: 9 })]);
    const r = mergeDelta(w, { upserted: [s('a', 1, { revision: 3 })], removed: [] }, EMPTY_FILTER);
    expect(r.window).toBe(w);
  });
  it('inserts new traces newest first and counts them', () => {
    const r = mergeDelta(win(), { upserted: [s('d', 4), s('e', 5)], removed: [] }, EMPTY_FILTER);
    expect(ids(r.window)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(r.window.total).toBe(5);
    expect(r.inserted).toBe(2);
  });
  it('inserts a trace that newly matches at its receipt position', () => {
    const f = { ...EMPTY_FILTER, errorsOnly: true };
    const w = win([s('c', 3, { errorCount: 1 }), s('a', 1, { errorCount: 1 })]);
    const r = mergeDelta(w, { upserted: [s('b', 2, { errorCount: 1, revision: 2 })], removed: [] }, f);
    expect(ids(r.window)).toEqual(['c', 'b', 'a']);
  });
  it('leaves traces older than the tail to paging when more pages remain', () => {
    const w = win([s('c', 3), s('b', 2)], 'cursor');
    const r = mergeDelta(w, { upserted: [s('a', 1)], removed: [] }, EMPTY_FILTER);
    expect(ids(r.window)).toEqual(['c', 'b']);
  });
  it('leaves an update of an unloaded trace received in the same ms as the tail to paging', () => {
    const w = win([s('c', 3), s('b', 2)], 'cursor');
    const r = mergeDelta(
      w,
      { upserted: [s('b2', 2, { complete: true, revision: 2 })], removed: [] },
      EMPTY_FILTER,
    );
    expect(r.window).toBe(w);
  });
  it('drops removed traces', () => {
    const r = mergeDelta(win(), { upserted: [], removed: ['b', 'zzz'] }, EMPTY_FILTER);
    expect(ids(r.window)).toEqual(['c', 'a']);
    expect(r.window.total).toBe(2);
  });
  it('skips new traces the filter excludes and reports the undecidable ones', () => {
    const f = { ...EMPTY_FILTER, q: 'select' };
    const r = mergeDelta(
      win(),
      { upserted: [s('d', 4, { rootName: 'db select' }), s('e', 5, { rootName: 'GET /' })], removed: [] },
      f,
    );
    expect(ids(r.window)).toEqual(['d', 'c', 'b', 'a']);
    expect(r.undecided).toBe(1);
  });
  it('trusts an authoritative (server-filtered) page', () => {
    const f = { ...EMPTY_FILTER, q: 'attr-value' };
    const r = mergeDelta(win(), { upserted: [s('d', 4)], removed: [] }, f, true);
    expect(ids(r.window)[0]).toBe('d');
  });
  it('returns the same window object when nothing changed', () => {
    const w = win();
    expect(mergeDelta(w, { upserted: [], removed: [] }, EMPTY_FILTER).window).toBe(w);
  });
});

describe('appendPage', () => {
  it('appends without duplicating traces the stream already brought', () => {
    const r = appendPage(win([s('c', 3), s('b', 2)], 'x'), {
      traces: [s('b', 2), s('a', 1)],
      total: 3,
      nextCursor: null,
    });
    expect(ids(r)).toEqual(['c', 'b', 'a']);
    expect(r.nextCursor).toBeNull();
  });
});

describe('sortRows', () => {
  const rows = [
    s('c', 3, { durationMs: 5, startTimeUnixNano: ns(30), rootService: 'web' }),
    s('b', 2, { durationMs: 50, startTimeUnixNano: ns(20), httpStatus: 404, rootService: 'Api' }),
    s('a', 1, { durationMs: 5, startTimeUnixNano: ns(10), httpStatus: 200, rootService: 'web' }),
  ];
  it('keeps server order for the default sort', () => {
    expect(sortRows(rows, DEFAULT_SORT)).toBe(rows);
  });
  it.each([
    [{ column: 'duration', desc: true }, ['b', 'c', 'a']],
    [{ column: 'duration', desc: false }, ['c', 'a', 'b']],
    [{ column: 'start', desc: false }, ['a', 'b', 'c']],
    [{ column: 'received', desc: false }, ['a', 'b', 'c']],
    [{ column: 'name', desc: false }, ['a', 'b', 'c']],
    [{ column: 'httpStatus', desc: true }, ['b', 'a', 'c']],
    [{ column: 'service', desc: false }, ['b', 'c', 'a']],
  ] as const)('%j', (sort, expected) => {
    expect(sortRows(rows, sort).map((r) => r.traceId)).toEqual(expected);
  });
});

describe('sortToQuery', () => {
  it.each([
    [DEFAULT_SORT, {}],
    [
      { column: 'received', desc: false },
      { sort: 'received', dir: 'asc' },
    ],
    [
      { column: 'duration', desc: true },
      { sort: 'duration', dir: 'desc' },
    ],
  ] as const)('%j → %j', (sort, want) => {
    expect(sortToQuery(sort)).toEqual(want);
  });
});

describe('updateSortedWindow', () => {
  const win: TraceWindow = { rows: [s('a', 1), s('b', 2)], total: 5, nextCursor: 'x' };
  it('replaces newer revisions and drops removed rows in place, never inserting', () => {
    const r = updateSortedWindow(
      win,
      { upserted: [{ ...win.rows[1]!, durationMs: 99, revision: 9 }], removed: ['a'] },
      EMPTY_FILTER,
    );
    expect(r.window.rows.map((t) => [t.traceId, t.durationMs])).toEqual([['b', 99]]);
    expect(r.window.total).toBe(4);
    expect(r.outside).toBe(0);
  });
  it('counts new traces that may match, so the caller refetches', () => {
    const r = updateSortedWindow(
      win,
      { upserted: [s('n', 9), s('e', 10, { errorCount: 0 })], removed: [] },
      { ...EMPTY_FILTER, errorsOnly: true },
    );
    expect(r.window).toBe(win);
    expect(r.outside).toBe(0);
    const r2 = updateSortedWindow(win, { upserted: [s('n', 9)], removed: [] }, EMPTY_FILTER);
    expect(r2.outside).toBe(1);
  });
});

describe('sortGroups', () => {
  const g = (rootName: string, count: number, p95Ms: number): TraceGroup => ({
    rootService: 'api',
    rootName,
    count,
    errorCount: 0,
    errorRate: 0,
    p50Ms: 1,
    p95Ms,
    maxMs: p95Ms,
    lastReceivedAt: 0,
  });
  const groups = [g('b', 5, 10), g('a', 5, 30), g('c', 1, 20)];
  it.each([
    [{ column: 'count', desc: true }, ['b', 'a', 'c']],
    [{ column: 'p95Ms', desc: true }, ['a', 'c', 'b']],
    [{ column: 'name', desc: false }, ['a', 'b', 'c']],
  ] as const)('%j', (sort, want) => {
    expect(sortGroups(groups, sort).map((x) => x.rootName)).toEqual(want);
  });
});

import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/src/state/store.js';
import { displayedTraces, waitingTraces, PAGE_SIZE } from '../../../renderer/src/state/traces-slice.js';
import { FakeApi, stats } from './fake-api.js';
import { T0, makeSummary } from '../fixtures.js';

function setup(n = 3) {
  const api = new FakeApi();
  // Newest first, as the server lists them.
  api.traces = Array.from({ length: n }, (_, i) =>
    makeSummary({ traceId: `t${n - i}`, firstReceivedAt: T0 + n - i }),
  );
  const timers: (() => void)[] = [];
  const store = createAppStore({ api, setTimer: (fn) => timers.push(fn) });
  return { api, store, timers, ids: () => store.getState().traces.rows.map((r) => r.traceId) };
}

describe('traces slice', () => {
  it('loads the first page with the filter as query parameters', async () => {
    const { store, api, ids } = setup();
    await store.getState().reloadTraces();
    expect(ids()).toEqual(['t3', 't2', 't1']);
    expect(api.calls).toEqual([`list {"limit":${PAGE_SIZE}}`]);
    expect(store.getState().tracesLoaded).toBe(true);
  });

  it('pages with the cursor and stops at the end', async () => {
    const { store, ids } = setup(PAGE_SIZE + 5);
    await store.getState().reloadTraces();
    expect(ids().length).toBe(PAGE_SIZE);
    await store.getState().loadMoreTraces();
    expect(ids().length).toBe(PAGE_SIZE + 5);
    expect(store.getState().traces.nextCursor).toBeNull();
  });

  it('ignores a page that answers for an older filter', async () => {
    const { store, api, ids } = setup();
    let answerFirst!: () => void;
    const original = api.listTraces.bind(api);
    let call = 0;
    api.listTraces = async (q) => {
      call++;
      if (call === 1) {
        await new Promise<void>((r) => (answerFirst = r));
        return { traces: [makeSummary({ traceId: 'stale' })], total: 1, nextCursor: null };
      }
      return original(q);
    };
    const first = store.getState().reloadTraces();
    const second = store.getState().reloadTraces();
    await second;
    answerFirst();
    await first;
    expect(ids()).toEqual(['t3', 't2', 't1']);
  });

  it('applies stream deltas in place and at the head', async () => {
    const { store, ids } = setup();
    await store.getState().reloadTraces();
    const late = { ...store.getState().traces.rows[1]!, spanCount: 9, revision: 2 };
    store.getState().applyDelta([late, makeSummary({ traceId: 't4', firstReceivedAt: T0 + 10 })], ['t1']);
    expect(ids()).toEqual(['t4', 't3', 't2']);
    expect(store.getState().traces.rows[2]!.spanCount).toBe(9);
  });

  it('keeps the keyboard cursor on its trace when rows arrive above it', async () => {
    const { store } = setup();
    await store.getState().reloadTraces();
    store.getState().setCursor(1);
    store.getState().applyDelta([makeSummary({ traceId: 't4', firstReceivedAt: T0 + 10 })], []);
    expect(store.getState().cursor).toBe(2);
    store.getState().applyDelta([], ['t2']);
    expect(store.getState().cursor).toBe(-1);
  });

  it('holds the view while paused, counts what waits, and shows it on resume', async () => {
    const { store, ids } = setup();
    await store.getState().reloadTraces();
    store.getState().pause();
    store.getState().applyDelta([makeSummary({ traceId: 't4', firstReceivedAt: T0 + 10 })], []);
    store.getState().applyDelta([makeSummary({ traceId: 't5', firstReceivedAt: T0 + 11 })], []);
    store.getState().applyDelta([{ ...store.getState().traces.rows[0]!, revision: 5 }], []);
    expect(ids()).toEqual(['t3', 't2', 't1']);
    expect(waitingTraces(store.getState())).toBe(2);
    store.getState().resume();
    expect(ids()).toEqual(['t5', 't4', 't3', 't2', 't1']);
    expect(store.getState().traces.rows[2]!.revision).toBe(5);
    expect(waitingTraces(store.getState())).toBe(0);
  });

  it('refetches the head when a free-text filter cannot be decided locally', async () => {
    const { store, api, timers } = setup();
    store.setState({
      filter: { service: '', q: 'needle', errorsOnly: false, minDurationMs: null, group: null },
    });
    store.getState().applyDelta([makeSummary({ traceId: 't9', rootName: 'other' })], []);
    expect(timers.length).toBe(1);
    api.traces = [makeSummary({ traceId: 't9', rootName: 'has needle', firstReceivedAt: T0 + 50 })];
    timers[0]!();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().traces.rows.map((r) => r.traceId)).toEqual(['t9']);
  });

  it('clears the list at once and closes the open trace', async () => {
    const { store, api } = setup();
    await store.getState().reloadTraces();
    store.setState({ openTraceId: 't1' });
    await store.getState().clearAll();
    expect(api.calls).toContain('clear');
    expect(store.getState().traces.rows).toEqual([]);
    expect(store.getState().openTraceId).toBeNull();
  });

  it('pins optimistically and rolls back when the server refuses', async () => {
    const { store, api } = setup();
    await store.getState().reloadTraces();
    await store.getState().togglePin('t2');
    expect(store.getState().traces.rows[1]!.pinned).toBe(true);
    expect(api.calls).toContain('pin t2 true');
    api.failPin = true;
    await store.getState().togglePin('t2');
    expect(store.getState().traces.rows[1]!.pinned).toBe(true);
    expect(store.getState().apiError).toContain('pin failed');
  });

  it('asks the server to sort over every trace, not just the loaded page', async () => {
    const { store, api, ids } = setup(PAGE_SIZE + 50);
    // The longest trace is the oldest one: outside the first (newest) page.
    api.traces = api.traces.map((t, i) => ({ ...t, durationMs: i === api.traces.length - 1 ? 9999 : i }));
    await store.getState().reloadTraces();
    expect(ids()).not.toContain('t1');
    store.getState().setSort({ column: 'duration', desc: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(api.calls.at(-1)).toBe(`list {"sort":"duration","dir":"desc","limit":${PAGE_SIZE}}`);
    expect(ids()[0]).toBe('t1');
    // More pages continue in the same order.
    await store.getState().loadMoreTraces();
    expect(api.calls.at(-1)).toMatch(/"sort":"duration","dir":"desc"/);
    expect(ids().length).toBe(PAGE_SIZE + 50);
    // Back to live order: the default query again.
    store.getState().setSort({ column: 'received', desc: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(api.calls.at(-1)).toBe(`list {"limit":${PAGE_SIZE}}`);
  });

  it('in a sorted list, updates rows in place and refetches the loaded range when new traces arrive', async () => {
    const { store, api, ids, timers } = setup();
    store.getState().setSort({ column: 'duration', desc: false });
    await new Promise((r) => setTimeout(r, 0));
    const before = ids();
    const changed = { ...store.getState().traces.rows[0]!, durationMs: 77, revision: 5 };
    store.getState().applyDelta([changed], []);
    expect(store.getState().traces.rows[0]!.durationMs).toBe(77);
    expect(ids()).toEqual(before);
    // The display re-sorts the loaded rows with the server's keys: the longer trace moves to the end.
    expect(displayedTraces(store.getState()).map((r) => r.traceId)).toEqual([...before.slice(1), before[0]]);
    // Nothing new: no refetch scheduled.
    expect(timers).toHaveLength(0);
    const fresh = makeSummary({ traceId: 't9', durationMs: 1 });
    api.traces = [fresh, ...api.traces];
    store.getState().applyDelta([fresh], []);
    store.getState().applyDelta([{ ...fresh, revision: 2 }], []);
    expect(timers).toHaveLength(1);
    timers[0]!();
    await new Promise((r) => setTimeout(r, 0));
    expect(api.calls.at(-1)).toBe(`list {"sort":"duration","dir":"asc","limit":${PAGE_SIZE}}`);
    expect(ids()[0]).toBe('t9');
  });

  it('changing the filter reloads with the new query', async () => {
    const { store, api } = setup();
    store.getState().setFilter({ errorsOnly: true, minDurationMs: 100 });
    await new Promise((r) => setTimeout(r, 0));
    expect(api.calls.at(-1)).toBe(`list {"errorsOnly":true,"minDurationMs":100,"limit":${PAGE_SIZE}}`);
  });
});

describe('stream slice', () => {
  it('updates stats from every message and reloads after a reconnect', async () => {
    const { store, api } = setup();
    store.getState().handleStreamMessage({ type: 'hello', stats: stats(3) });
    expect(store.getState().stats!.counters.traces).toBe(3);
    expect(api.calls).toEqual([]);
    store.getState().handleStreamMessage({ type: 'hello', stats: stats(3) });
    expect(api.calls.length).toBe(1);
  });
  it('routes deltas to the list and a cleared message empties it', async () => {
    const { store, ids } = setup();
    await store.getState().reloadTraces();
    store.getState().handleStreamMessage({
      type: 'delta',
      upserted: [makeSummary({ traceId: 't7', firstReceivedAt: T0 + 70 })],
      removed: [],
      stats: stats(4),
    });
    expect(ids()[0]).toBe('t7');
  });
  it('while paused, a clear empties nothing yet but resume starts from the cleared state', async () => {
    const { store, api, ids } = setup();
    await store.getState().reloadTraces();
    store.getState().pause();
    api.traces = [];
    store.getState().handleStreamMessage({ type: 'cleared', stats: stats(0) });
    expect(ids()).toEqual(['t3', 't2', 't1']);
    store.getState().resume();
    expect(ids()).toEqual([]);
  });
});

describe('groups slice', () => {
  it('loads groups when the view opens, and a group opens the filtered trace list', async () => {
    const { store, api } = setup();
    api.groups = {
      groups: [
        {
          rootService: 'api',
          rootName: 'GET /t2',
          count: 1,
          errorCount: 0,
          errorRate: 0,
          p50Ms: 10,
          p95Ms: 10,
          maxMs: 10,
          lastReceivedAt: T0,
        },
      ],
      totalGroups: 1,
      traces: 1,
    };
    store.getState().setFilter({ errorsOnly: true });
    store.getState().setView('groups');
    await new Promise((r) => setTimeout(r, 0));
    expect(api.calls).toContain('groups {"errorsOnly":true,"limit":1000}');
    expect(store.getState().groups).toEqual(api.groups);
    store.getState().setFilter({ errorsOnly: false });
    store.getState().openGroup({ rootService: 'api', rootName: 'GET /t2' });
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().view).toBe('traces');
    expect(api.calls.at(-1)).toBe(`list {"rootService":"api","rootName":"GET /t2","limit":${PAGE_SIZE}}`);
    expect(store.getState().traces.rows.map((r) => r.traceId)).toEqual(['t2']);
    // A delta for another group stays out of the filtered list.
    store.getState().applyDelta([makeSummary({ traceId: 't7', rootName: 'GET /other' })], []);
    expect(store.getState().traces.rows.map((r) => r.traceId)).toEqual(['t2']);
  });

  it('refreshes the groups from the stream at most once per interval, only while shown', async () => {
    const { store, timers } = setup();
    store.getState().groupsChanged();
    expect(timers).toHaveLength(0);
    store.getState().setView('groups');
    store.getState().groupsChanged();
    store.getState().groupsChanged();
    expect(timers).toHaveLength(1);
  });
});

describe('outcomes slice', () => {
  function outcome(traceId: string, revision: number, transactions = 1) {
    return { traceId, revision, transactions, spans: 3, errors: 0, lints: 2, lintErrors: 0 };
  }
  it('batches the rows asked for and refetches only rows whose revision moved', async () => {
    const { store, api, timers } = setup();
    const rows = [makeSummary({ traceId: 'a', revision: 1 }), makeSummary({ traceId: 'b', revision: 1 })];
    api.outcomeData.set('a', outcome('a', 1));
    api.outcomeData.set('b', outcome('b', 1));
    store.getState().requestOutcomes(rows);
    store.getState().requestOutcomes(rows);
    expect(timers).toHaveLength(1);
    timers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(api.calls.filter((c) => c.startsWith('outcomes'))).toEqual(['outcomes a,b?profile=collector']);
    expect(store.getState().outcomes.a).toEqual(outcome('a', 1));
    // Same revisions: nothing to fetch.
    store.getState().requestOutcomes(rows);
    expect(timers).toHaveLength(0);
    api.outcomeData.set('b', outcome('b', 2, 4));
    store.getState().requestOutcomes([rows[0]!, { ...rows[1]!, revision: 2 }]);
    timers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(api.calls.at(-1)).toBe('outcomes b?profile=collector');
    expect(store.getState().outcomes.b!.transactions).toBe(4);
  });

  it('starts over when the Sentry profile changes (every count depends on it)', async () => {
    const { store, api, timers } = setup();
    const rows = [makeSummary({ traceId: 'a', revision: 1 })];
    api.outcomeData.set('a', outcome('a', 1));
    store.getState().requestOutcomes(rows);
    timers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    store.setState({ sentryProfile: 'sentry-otlp' });
    store.getState().requestOutcomes(rows);
    expect(store.getState().outcomes).toEqual({});
    timers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(api.calls.at(-1)).toBe('outcomes a?profile=sentry-otlp');
  });
});

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
    store.setState({ filter: { service: '', q: 'needle', errorsOnly: false, minDurationMs: null } });
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

  it('sorts the loaded rows without touching the window order', async () => {
    const { store } = setup();
    await store.getState().reloadTraces();
    store.setState({
      traces: {
        ...store.getState().traces,
        rows: store.getState().traces.rows.map((r, i) => ({ ...r, durationMs: [5, 50, 20][i]! })),
      },
    });
    store.getState().setSort({ column: 'duration', desc: true });
    expect(displayedTraces(store.getState()).map((r) => r.traceId)).toEqual(['t2', 't1', 't3']);
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

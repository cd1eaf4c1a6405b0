import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/src/state/store.js';
import { FakeApi, stats } from './fake-api.js';
import { makeSpan, makeSummary, sid } from '../fixtures.js';

function setup(spanCount = 3) {
  const api = new FakeApi();
  const spans = [
    makeSpan({ id: '1', start: 0, end: 100 }),
    makeSpan({ id: '2', parent: '1', start: 10, end: 50, service: 'db', error: true }),
    makeSpan({ id: '3', parent: '2', start: 20, end: 30, service: 'db' }),
  ].slice(0, spanCount);
  api.full.set('t1', { summary: makeSummary({ traceId: 't1', revision: 1 }), spans });
  const timers: (() => void)[] = [];
  const store = createAppStore({ api, setTimer: (fn) => timers.push(fn) });
  return { api, store, timers };
}

describe('trace view slice', () => {
  it('opens a trace into a waterfall with the first span selected', async () => {
    const { store } = setup();
    await store.getState().openTrace('t1');
    const s = store.getState();
    expect(s.waterfall!.preorder.length).toBe(3);
    expect(s.selectedSpanId).toBe(sid('1'));
    expect(s.collapsed.size).toBe(0);
  });
  it('shows the error of a trace that cannot be loaded', async () => {
    const { store } = setup();
    await store.getState().openTrace('nope');
    expect(store.getState().traceError).toContain('no trace nope');
  });
  it('jumps to errors, expanding what hides them', async () => {
    const { store } = setup();
    await store.getState().openTrace('t1');
    store.getState().setCollapsed(new Set([sid('1')]));
    store.getState().jumpToError(1);
    expect(store.getState().selectedSpanId).toBe(sid('2'));
    expect(store.getState().collapsed.has(sid('1'))).toBe(false);
  });
  it('collapses and expands a service, and everything', async () => {
    const { store } = setup();
    await store.getState().openTrace('t1');
    store.getState().toggleServiceCollapsed('db');
    expect([...store.getState().collapsed]).toEqual([sid('2')]);
    store.getState().expandAll();
    expect(store.getState().collapsed.size).toBe(0);
    store.getState().collapseAll();
    expect([...store.getState().collapsed]).toEqual([sid('2')]);
  });
  it('refetches (throttled) when late spans of the open trace arrive, keeping the selection', async () => {
    const { store, api, timers } = setup(2);
    await store.getState().openTrace('t1');
    store.getState().selectSpan(sid('2'));
    api.full.set('t1', {
      summary: makeSummary({ traceId: 't1', revision: 2, spanCount: 3 }),
      spans: [...api.full.get('t1')!.spans, makeSpan({ id: '3', parent: '2', start: 20, end: 30 })],
    });
    const msg = {
      type: 'delta' as const,
      upserted: [makeSummary({ traceId: 't1', revision: 2 })],
      removed: [],
      stats: stats(1),
    };
    store.getState().handleStreamMessage(msg);
    store.getState().handleStreamMessage(msg);
    expect(timers.length).toBe(1);
    timers[0]!();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().waterfall!.preorder.length).toBe(3);
    expect(store.getState().selectedSpanId).toBe(sid('2'));
  });
  it('marks the open trace as gone when the store evicts it, keeping the last copy', async () => {
    const { store } = setup();
    await store.getState().openTrace('t1');
    store
      .getState()
      .handleStreamMessage({ type: 'delta', upserted: [], removed: ['other'], stats: stats(1) });
    expect(store.getState().traceGone).toBe(false);
    store.getState().handleStreamMessage({ type: 'delta', upserted: [], removed: ['t1'], stats: stats(0) });
    expect(store.getState().traceGone).toBe(true);
    expect(store.getState().waterfall).not.toBeNull();
  });
  it('closing forgets the trace', async () => {
    const { store } = setup();
    await store.getState().openTrace('t1');
    store.getState().closeTrace();
    expect(store.getState().openTraceId).toBeNull();
    expect(store.getState().waterfall).toBeNull();
  });
});

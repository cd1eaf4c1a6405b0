import { describe, expect, it } from 'vitest';
import type { SpanRow } from '../../../shared/api/contract.js';
import { createAppStore } from '../../../renderer/src/state/store.js';
import { ApiError } from '../../../renderer/src/api/client.js';
import { FakeApi, stats } from './fake-api.js';
import { makeSummary } from '../fixtures.js';

const row = (spanId: string): SpanRow => ({
  traceId: 'a'.repeat(32),
  spanId,
  parentSpanId: '',
  name: `span ${spanId}`,
  service: 'api',
  kind: 2,
  statusCode: 0,
  startTimeUnixNano: '1',
  durationMs: 1,
  attributeCount: 0,
  hasException: false,
});

function setup() {
  const api = new FakeApi();
  const timers: (() => void)[] = [];
  const store = createAppStore({ api, setTimer: (fn) => timers.push(fn) });
  return { api, store, timers };
}

describe('spans slice', () => {
  it('loads spans with the list filter when the span view opens', async () => {
    const { api, store } = setup();
    api.spans = [row('1'), row('2')];
    store.setState({ filter: { service: 'api', q: '', errorsOnly: true, minDurationMs: null, group: null } });
    store.getState().setView('spans');
    await new Promise((r) => setTimeout(r, 0));
    expect(api.calls).toContain('spans');
    expect(store.getState().spanRows.map((r) => r.spanId)).toEqual(['1', '2']);
    expect(store.getState().spansLoaded).toBe(true);
  });

  it('appends further pages without duplicates', async () => {
    const { api, store } = setup();
    api.spans = [row('1')];
    await store.getState().reloadSpans();
    store.setState({ spanCursor: 'next' });
    api.spans = [row('1'), row('3')];
    await store.getState().loadMoreSpans();
    expect(store.getState().spanRows.map((r) => r.spanId)).toEqual(['1', '3']);
    expect(store.getState().spanCursor).toBeNull();
  });

  it('refreshes the first page (throttled) when traces change on the stream', async () => {
    const { api, store, timers } = setup();
    store.getState().setView('spans');
    await new Promise((r) => setTimeout(r, 0));
    const delta = {
      type: 'delta' as const,
      upserted: [makeSummary({ traceId: 't1' })],
      removed: [],
      stats: stats(1),
    };
    store.getState().handleStreamMessage(delta);
    store.getState().handleStreamMessage(delta);
    expect(timers.length).toBe(1);
    api.spans = [row('9')];
    timers[0]!();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().spanRows.map((r) => r.spanId)).toEqual(['9']);
  });

  it('does not refresh while paused', () => {
    const { store, timers } = setup();
    store.setState({ view: 'spans', paused: true });
    store.getState().handleStreamMessage({
      type: 'delta',
      upserted: [makeSummary({ traceId: 't1' })],
      removed: [],
      stats: stats(1),
    });
    expect(timers.length).toBe(0);
  });
});

describe('stats and connection slices', () => {
  it('loads the receivers for the empty state', async () => {
    const { store } = setup();
    await store.getState().loadReceivers();
    expect(store.getState().receivers!.env.http.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://localhost:4318');
  });

  it('explains a refused token instead of showing a bare 401', async () => {
    const { api, store } = setup();
    api.receivers = async () => {
      throw new ApiError(401, 'GET /api/v1/receivers: 401 unauthorized');
    };
    await store.getState().loadReceivers();
    expect(store.getState().apiError).toContain('?token=');
  });

  it('tracks the stream state and the retry delay', () => {
    const { store } = setup();
    expect(store.getState().connection).toBe('connecting');
    store.getState().setConnection('disconnected', 2000);
    expect(store.getState()).toMatchObject({ connection: 'disconnected', retryInMs: 2000 });
    store.getState().setConnection('open');
    expect(store.getState()).toMatchObject({ connection: 'open', retryInMs: null });
  });

  it('sends the demo trace and reports a failure', async () => {
    const { api, store } = setup();
    expect(await store.getState().sendDemo()).toBe('demo');
    api.sendDemo = async () => {
      throw new ApiError(502, 'POST /api/v1/demo: 502 could not send the demo trace');
    };
    expect(await store.getState().sendDemo()).toBeNull();
    expect(store.getState().apiError).toContain('could not send the demo trace');
  });
});

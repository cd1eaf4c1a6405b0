import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/src/state/store.js';
import { ApiError } from '../../../renderer/src/api/client.js';
import { buildSentryPreview } from '../../../shared/sentry/preview.js';
import type { SentryPreviewResponse } from '../../../shared/api/contract.js';
import { FakeApi } from './fake-api.js';
import { makeSpan, makeSummary, sid } from '../fixtures.js';

const TRACE = 'a'.repeat(32);

function setup() {
  const api = new FakeApi();
  const spans = [
    makeSpan({ id: '1', start: 0, end: 100 }),
    makeSpan({ id: '2', parent: '1', start: 10, end: 50 }),
    makeSpan({ id: '3', parent: '2', start: 20, end: 30 }),
  ];
  spans[0]!.kind = 2;
  api.full.set(TRACE, { summary: makeSummary({ traceId: TRACE, revision: 1 }), spans });
  // Answer like the API: the query's profile and options go into the preview.
  api.previews.set(TRACE, (query) => {
    const q = new URLSearchParams(query);
    const options = Object.fromEntries(
      [...q.entries()].filter(([k]) => k !== 'profile').map(([k, v]) => [k, v === 'true']),
    );
    return buildSentryPreview(api.full.get(TRACE)!.spans, {
      profile: q.get('profile') === 'sentry-otlp' ? 'sentry-otlp' : 'collector',
      options,
    });
  });
  const store = createAppStore({ api, setTimer: () => undefined });
  return { api, store, spans };
}

const sentryCalls = (api: FakeApi) => api.calls.filter((c) => c.startsWith('sentry '));

afterEach(() => {
  delete (globalThis as { sessionStorage?: unknown }).sessionStorage;
});

describe('sentry slice', () => {
  it('starts on the waterfall and loads the open trace preview once per revision and query', async () => {
    const { api, store } = setup();
    expect(store.getState().traceTab).toBe('waterfall');
    await store.getState().openTrace(TRACE);
    await store.getState().loadSentryPreview();
    await store.getState().loadSentryPreview();
    const s = store.getState();
    expect(sentryCalls(api)).toEqual([`sentry ${TRACE}?profile=collector`]);
    expect(s.sentryPreview!.transactions.length).toBe(1);
    expect(s.sentrySelected).toBe('/transactions/0');
    expect(s.sentryLoading).toBe(false);
  });

  it('refetches when the trace revision changes', async () => {
    const { api, store } = setup();
    await store.getState().openTrace(TRACE);
    await store.getState().loadSentryPreview();
    const t = api.full.get(TRACE)!;
    api.full.set(TRACE, {
      ...t,
      summary: { ...t.summary, revision: 2 },
      spans: [...t.spans, makeSpan({ id: '4', parent: '1' })],
    });
    await store.getState().refreshTrace();
    await store.getState().loadSentryPreview();
    expect(sentryCalls(api).length).toBe(2);
    expect(store.getState().sentryPreview!.transactions[0]!.spans!.length).toBe(3);
  });

  it('an option change refetches with it as a query parameter; reset drops it', async () => {
    const { api, store } = setup();
    await store.getState().openTrace(TRACE);
    await store.getState().loadSentryPreview();
    store.getState().setSentryOption('httpRouteNames', false);
    await Promise.resolve();
    await store.getState().loadSentryPreview();
    expect(sentryCalls(api)[1]).toBe(`sentry ${TRACE}?profile=collector&httpRouteNames=false`);
    expect(store.getState().sentryPreview!.options.httpRouteNames).toBe(false);
    store.getState().resetSentryOptions();
    expect(store.getState().sentryOverrides).toEqual({});
    expect(sentryCalls(api)[2]).toBe(`sentry ${TRACE}?profile=collector`);
  });

  it('the profile switch fetches segments and selects the first', async () => {
    const { store } = setup();
    await store.getState().openTrace(TRACE);
    store.getState().setSentryProfile('sentry-otlp');
    await store.getState().loadSentryPreview(true);
    const s = store.getState();
    expect(s.sentryPreview!.profile).toBe('sentry-otlp');
    expect(s.sentrySelected).toBe('/segments/0');
  });

  it('only the latest request lands, even when an older one answers last', async () => {
    const { api, store } = setup();
    await store.getState().openTrace(TRACE);
    const answer = api.previews.get(TRACE) as (q: string) => SentryPreviewResponse;
    let calls = 0;
    // The first request answers after the second one.
    api.previews.set(TRACE, (q) => {
      const p = answer(q);
      return (++calls === 1
        ? new Promise((r) => setTimeout(() => r(p), 20))
        : p) as unknown as SentryPreviewResponse;
    });
    const first = store.getState().loadSentryPreview(true);
    store.getState().setSentryOption('spanData', false);
    await first;
    expect(calls).toBe(2);
    expect(store.getState().sentryPreview!.options.spanData).toBe(false);
  });

  it.each([
    [new ApiError(404, `GET /api/v1/traces/${TRACE}/sentry: 404 gone`), 404, 'no longer in the store'],
    [
      new ApiError(
        400,
        `GET /api/v1/traces/x/sentry: 400 bad parameter 'httpRouteNames': expected true or false`,
      ),
      400,
      "The preview refused the request: bad parameter 'httpRouteNames': expected true or false",
    ],
    [new Error('network down'), null, 'network down'],
  ])('shows %s plainly', async (err, status, text) => {
    const { api, store } = setup();
    api.previews.set(TRACE, () => {
      throw err;
    });
    await store.getState().openTrace(TRACE);
    await store.getState().loadSentryPreview();
    expect(store.getState().sentryError).toContain(text);
    expect(store.getState().sentryErrorStatus).toBe(status);
    expect(store.getState().sentryLoading).toBe(false);
  });

  it('j/k walk the trace tree (transactions, their spans, in tree order) within bounds; kept on refetch', async () => {
    const { api, store, spans } = setup();
    // An orphan: a second transaction, after the first one's spans in the tree.
    api.full.get(TRACE)!.spans.push(makeSpan({ id: '9', parent: 'ff', start: 5, end: 6 }));
    await store.getState().openTrace(TRACE);
    await store.getState().loadSentryPreview();
    expect(spans.length).toBe(4);
    const walk = (dir: 1 | -1, n: number) => {
      const seen: (string | null)[] = [];
      for (let k = 0; k < n; k++) {
        store.getState().moveSentrySelection(dir);
        seen.push(store.getState().sentrySelected);
      }
      return seen;
    };
    expect(walk(-1, 1)).toEqual(['/transactions/0']);
    expect(walk(1, 4)).toEqual([
      '/transactions/0/spans/0',
      '/transactions/0/spans/1',
      '/transactions/1',
      '/transactions/1',
    ]);
    await store.getState().loadSentryPreview(true);
    expect(store.getState().sentrySelected).toBe('/transactions/1');
    expect(walk(-1, 1)).toEqual(['/transactions/0/spans/1']);
  });

  it('←/→/Enter fold the selected tree row or go to its parent; folds hide rows from j', async () => {
    const { store } = setup();
    await store.getState().openTrace(TRACE);
    await store.getState().loadSentryPreview();
    const s = () => store.getState();
    // The transaction › span 2 › span 3.
    s().selectSentryItem('/transactions/0/spans/1');
    s().foldSentrySelection('collapse'); // a leaf: to its parent
    expect(s().sentrySelected).toBe('/transactions/0/spans/0');
    s().foldSentrySelection('collapse');
    expect([...s().sentryCollapsed]).toEqual(['/transactions/0/spans/0']);
    s().moveSentrySelection(1); // nothing below the fold
    expect(s().sentrySelected).toBe('/transactions/0/spans/0');
    s().foldSentrySelection('collapse'); // folded already: to its parent
    expect(s().sentrySelected).toBe('/transactions/0');
    s().foldSentrySelection('expand'); // open already: nothing
    expect([...s().sentryCollapsed]).toEqual(['/transactions/0/spans/0']);
    s().foldSentrySelection('toggle');
    expect(s().sentryCollapsed.has('/transactions/0')).toBe(true);
    s().foldSentrySelection('toggle');
    s().moveSentrySelection(1);
    s().foldSentrySelection('expand');
    expect([...s().sentryCollapsed]).toEqual([]);
    // Selecting a hidden row (from the event list, or e) unfolds what hides it.
    s().toggleSentryCollapsed('/transactions/0');
    s().selectSentryItem('/transactions/0/spans/1');
    expect([...s().sentryCollapsed]).toEqual([]);
    // Folds are the trace's: kept on a refetch, dropped with another profile.
    s().toggleSentryCollapsed('/transactions/0/spans/0');
    await s().loadSentryPreview(true);
    expect([...s().sentryCollapsed]).toEqual(['/transactions/0/spans/0']);
    s().setSentryProfile('sentry-otlp');
    await s().loadSentryPreview();
    expect([...s().sentryCollapsed]).toEqual([]);
    expect(s().sentryTree!.rows.every((r) => r.pointer.startsWith('/segments/0/spans/'))).toBe(true);
  });

  it('e/E jump to the error events of the tree, unfolding them', async () => {
    const { api, store } = setup();
    const exception = (type: string, at: number) => ({
      timeUnixNano: String(1_700_000_000_000_000_000n + BigInt(at) * 1_000_000n),
      name: 'exception',
      attributes: [{ key: 'exception.type', value: { stringValue: type } }],
      droppedAttributesCount: 0,
    });
    const t = api.full.get(TRACE)!;
    t.spans[2] = makeSpan({
      id: '3',
      parent: '2',
      start: 20,
      end: 30,
      error: true,
      events: [exception('A', 21)],
    });
    t.spans[0]!.events = [exception('B', 90)];
    await store.getState().openTrace(TRACE);
    await store.getState().loadSentryPreview();
    const s = () => store.getState();
    expect(s().sentryPreview!.errors).toHaveLength(2);
    const errorRows = s()
      .sentryTree!.rows.filter((r) => r.kind === 'error')
      .map((r) => r.pointer);
    expect(errorRows).toHaveLength(2);
    s().toggleSentryCollapsed('/transactions/0');
    s().jumpToSentryError(1);
    expect(s().sentrySelected).toBe(errorRows[0]);
    expect(s().sentryCollapsed.size).toBe(0);
    s().jumpToSentryError(1);
    expect(s().sentrySelected).toBe(errorRows[1]);
    s().jumpToSentryError(1); // no further error: stays
    expect(s().sentrySelected).toBe(errorRows[1]);
    s().jumpToSentryError(-1);
    expect(s().sentrySelected).toBe(errorRows[0]);
  });

  it('a lint span opens the waterfall on that span, revealing it', async () => {
    const { store } = setup();
    await store.getState().openTrace(TRACE);
    store.getState().setTraceTab('sentry');
    store.getState().setCollapsed(new Set([sid('1'), sid('2')]));
    store.getState().showSpanInWaterfall(sid('3'));
    const s = store.getState();
    expect(s.traceTab).toBe('waterfall');
    expect(s.selectedSpanId).toBe(sid('3'));
    expect(s.collapsed.has(sid('1'))).toBe(false);
    expect(s.collapsed.has(sid('2'))).toBe(false);
  });

  it('remembers the profile and options for the session (sessionStorage), ignoring junk', async () => {
    const mem = new Map<string, string>();
    (globalThis as { sessionStorage?: unknown }).sessionStorage = {
      getItem: (k: string) => mem.get(k) ?? null,
      setItem: (k: string, v: string) => void mem.set(k, v),
    };
    const a = setup().store;
    a.getState().setSentryProfile('sentry-otlp');
    a.getState().setSentryOption('groupOrphans', false);
    const b = setup().store.getState();
    expect(b.sentryProfile).toBe('sentry-otlp');
    expect(b.sentryOverrides).toEqual({ groupOrphans: false });
    mem.set(
      'inspector.sentry',
      JSON.stringify({ profile: 'zzz', overrides: { nope: false, spanData: 'x' } }),
    );
    const c = setup().store.getState();
    expect(c.sentryProfile).toBe('collector');
    expect(c.sentryOverrides).toEqual({});
    mem.set('inspector.sentry', '{not json');
    expect(setup().store.getState().sentryProfile).toBe('collector');
  });

  it('clears the preview', async () => {
    const { store } = setup();
    await store.getState().openTrace(TRACE);
    await store.getState().loadSentryPreview();
    store.getState().clearSentryPreview();
    const s = store.getState();
    expect([s.sentryPreview, s.sentryFetched, s.sentrySelected]).toEqual([null, null, null]);
  });
});

import { describe, expect, it } from 'vitest';
import type { SamplingSimulateResponse } from '../../../shared/api/contract.js';
import { createAppStore } from '../../../renderer/src/state/store.js';
import { ApiError } from '../../../renderer/src/api/client.js';
import { FakeApi, stats } from './fake-api.js';
import { makeSummary } from '../fixtures.js';

const DSN = 'https://abc123@o1.ingest.sentry.io/42';

function setup() {
  const api = new FakeApi();
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const store = createAppStore({
    api,
    setTimer: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => {
      (t as { cleared: boolean }).cleared = true;
    },
  });
  const fire = async () => {
    for (const t of timers.splice(0)) if (!t.cleared) t.fn();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { api, store, timers, fire };
}

const sim = (kept: number, total: number, errors: number): SamplingSimulateResponse => ({
  rules: {} as never,
  total,
  kept,
  dropped: total - kept,
  byReason: {
    excluded: 0,
    error: errors,
    latency: 0,
    included: 0,
    'percentage-kept': kept - errors,
    'percentage-dropped': total - kept,
  },
  decisions: [],
});

describe('forwarding slice: targets', () => {
  it('adds a target: refuses a bad DSN locally, then saves with an id from the name and masks the key', async () => {
    const { api, store } = setup();
    await store.getState().loadForwarding();
    store.getState().editTarget(null);
    store.getState().updateTargetForm({ name: 'Dev project', dsn: 'https://abc@o1.ingest.sentry.io/x' });
    expect(await store.getState().saveTargetForm()).toBeNull();
    expect(store.getState().targetSaveError).toContain('Fix the fields');
    expect(api.puts).toEqual([]);

    store.getState().updateTargetForm({ dsn: DSN, environment: 'dev' });
    expect(await store.getState().saveTargetForm()).toBe('dev-project');
    expect(api.puts[0]).toEqual({
      id: 'dev-project',
      body: {
        kind: 'sentry-envelope',
        enabled: true,
        name: 'Dev project',
        dsn: DSN,
        environment: 'dev',
        resourceRules: [],
      },
    });
    const s = store.getState();
    expect(s.forwarding!.targets.map((t) => t.id)).toEqual(['dev-project']);
    // The form now holds the saved target: the key is masked and saving again keeps it.
    expect(s.targetForm!.id).toBe('dev-project');
    expect(s.targetForm!.dsn).toBe('https://****@o1.ingest.sentry.io/42');
    await store.getState().saveTargetForm();
    expect(api.puts[1]!.body.dsn).toBe('https://****@o1.ingest.sentry.io/42');
  });

  it('shows the core’s refusal', async () => {
    const { api, store } = setup();
    api.putError = new ApiError(400, 'PUT /api/v1/forwarding/targets/x: 400 dsn (host): bad host');
    store.getState().editTarget(null);
    store.getState().updateTargetForm({ dsn: DSN });
    expect(await store.getState().saveTargetForm()).toBeNull();
    expect(store.getState().targetSaveError).toContain('dsn (host): bad host');
    expect(store.getState().targetSaving).toBe(false);
  });

  it('enables, disables, tests and removes a target', async () => {
    const { api, store } = setup();
    await api.putTarget('dev', { kind: 'sentry-envelope', dsn: DSN, options: { spanData: false } });
    await store.getState().loadForwarding();
    await store.getState().setTargetEnabled('dev', false);
    expect(api.puts.at(-1)!.body).toMatchObject({
      enabled: false,
      dsn: 'https://****@o1.ingest.sentry.io/42',
      options: { spanData: false },
    });
    expect(store.getState().forwarding!.targets[0]!.enabled).toBe(false);

    api.testAnswer = { ok: false, stage: 'auth', message: 'Sentry refused the key', httpStatus: 401 };
    const pending = store.getState().testTarget('dev');
    expect(store.getState().targetTests.dev).toEqual({ pending: true });
    await pending;
    expect(store.getState().targetTests.dev!.result).toMatchObject({ ok: false, stage: 'auth' });

    store.getState().setPreviewTarget('dev');
    await store.getState().removeTarget('dev');
    expect(api.calls).toContain('delete dev');
    expect(store.getState().forwarding!.targets).toEqual([]);
    expect(store.getState().targetTests.dev).toBeUndefined();
    expect(store.getState().previewTargetId).toBeNull();
  });

  it('save and test runs the test on the saved id', async () => {
    const { api, store } = setup();
    store.getState().editTarget(null);
    store.getState().updateTargetForm({ dsn: DSN });
    await store.getState().saveAndTestTargetForm();
    expect(api.calls.filter((c) => c.startsWith('put') || c.startsWith('test'))).toEqual([
      'put sentry',
      'test sentry',
    ]);
    expect(store.getState().targetTests.sentry!.result!.ok).toBe(true);
  });
});

describe('forwarding slice: sampling', () => {
  it('debounces the simulator while the slider moves and shows the last answer', async () => {
    const { api, store, fire } = setup();
    await store.getState().loadForwarding();
    api.simulate = (q) => {
      const rules = JSON.parse(new URLSearchParams(q.slice(1)).get('rules')!) as { percentage: number };
      return sim(rules.percentage / 10, 10, 1);
    };
    store.getState().resetSamplingDraft();
    for (const p of [90, 70, 50]) store.getState().updateSamplingDraft({ percentage: p });
    await fire();
    const sims = api.calls.filter((c) => c.startsWith('simulate'));
    expect(sims.length).toBe(1);
    expect(sims[0]).toContain(encodeURIComponent('"percentage":50'));
    expect(store.getState().simulation!.kept).toBe(5);
    // The draft is not saved until asked.
    expect(api.calls.some((c) => c.startsWith('sampling'))).toBe(false);
  });

  it('does not simulate a draft with a broken regex, and says why', async () => {
    const { api, store, fire } = setup();
    await store.getState().loadForwarding();
    store.getState().resetSamplingDraft();
    store.getState().updateSamplingDraft({ exclude: [{ field: 'spanName', value: '(', match: 'regex' }] });
    await fire();
    expect(api.calls.some((c) => c.startsWith('simulate'))).toBe(false);
    expect(store.getState().simulationError).toContain('exclude 1: not a valid regular expression');
  });

  it('saves the draft, and the auto switch saves only enabled', async () => {
    const { api, store } = setup();
    await store.getState().loadForwarding();
    store.getState().resetSamplingDraft();
    store.getState().updateSamplingDraft({ percentage: 20 });
    await store.getState().setAutoForward(true);
    expect(api.calls).toContain('sampling {"enabled":true}');
    expect(store.getState().forwarding!.sampling).toMatchObject({ enabled: true, percentage: 100 });
    expect(store.getState().samplingDraft).toMatchObject({ enabled: true, percentage: 20 });
    await store.getState().saveSampling();
    expect(store.getState().forwarding!.sampling).toMatchObject({ enabled: true, percentage: 20 });
  });
});

describe('forwarding slice: selection and send', () => {
  it('selects with shift-click ranges, all matching the filter, and forgets evicted traces', async () => {
    const { api, store } = setup();
    api.traces = ['a', 'b', 'c', 'd'].map((id) =>
      makeSummary({ traceId: id, errorCount: id === 'b' || id === 'd' ? 1 : 0 }),
    );
    const shown = ['a', 'b', 'c', 'd'];
    store.getState().toggleTraceSelected('a');
    store.getState().toggleTraceSelected('c', shown);
    expect([...store.getState().selection.ids].sort()).toEqual(['a', 'b', 'c']);
    store.getState().clearSelection();
    store.setState({ filter: { service: '', q: '', errorsOnly: true, minDurationMs: null, group: null } });
    await store.getState().selectAllMatching();
    expect([...store.getState().selection.ids].sort()).toEqual(['b', 'd']);
    expect(api.calls.at(-1)).toBe('list {"errorsOnly":true,"limit":1000}');
    store.getState().handleStreamMessage({ type: 'delta', upserted: [], removed: ['b'], stats: stats(3) });
    expect([...store.getState().selection.ids]).toEqual(['d']);
  });

  it('asks before sending, names the targets, sends, and follows the traces’ status on the stream', async () => {
    const { api, store } = setup();
    await api.putTarget('dev', { kind: 'sentry-envelope', dsn: DSN });
    await api.putTarget('off', { kind: 'sentry-envelope', dsn: DSN, enabled: false });
    await store.getState().loadForwarding();
    store.getState().setTracesSelected(['t1', 't2', 't3'], true);
    store.getState().askSend(['t1', 't2']);
    expect(store.getState().sendDialog).toMatchObject({
      traceIds: ['t1', 't2'],
      targetIds: ['dev'],
      response: null,
    });
    expect(api.forwards).toEqual([]);
    await store.getState().confirmSend();
    expect(api.forwards).toEqual([{ traceIds: ['t1', 't2'], targetIds: ['dev'] }]);
    expect([...store.getState().selection.ids]).toEqual(['t3']);
    expect(store.getState().sendDialog!.response!.traces.map((t) => t.targets[0]!.outcome)).toEqual([
      'queued',
      'queued',
    ]);

    const sent = makeSummary({ traceId: 't1' });
    sent.forwarding = {
      state: 'sent',
      targets: [{ targetId: 'dev', state: 'sent', eventIds: ['e1'], sends: 1 }],
    };
    store.getState().handleStreamMessage({
      type: 'delta',
      upserted: [sent, makeSummary({ traceId: 'zz' })],
      removed: [],
      stats: stats(2),
    });
    expect(Object.keys(store.getState().sendDialog!.live)).toEqual(['t1']);
    expect(store.getState().sendDialog!.live.t1!.state).toBe('sent');
  });

  it('sends again only when asked, and reports a failed request', async () => {
    const { api, store } = setup();
    await api.putTarget('dev', { kind: 'sentry-envelope', dsn: DSN });
    await store.getState().loadForwarding();
    store.getState().askSend(['t1']);
    store.getState().setSendResend(true);
    api.forward = async () => {
      throw new ApiError(503, 'POST /api/v1/forward: 503 forwarding is not running');
    };
    await store.getState().confirmSend();
    expect(store.getState().sendDialog!.error).toContain('forwarding is not running');
    expect(store.getState().sendDialog!.sending).toBe(false);
    api.forward = FakeApi.prototype.forward;
    await store.getState().confirmSend();
    expect(api.forwards.at(-1)).toEqual({ traceIds: ['t1'], targetIds: ['dev'], resend: true });
  });

  it('sends a selection bigger than one request takes in slices, and says what a failed slice left unsent', async () => {
    const { api, store } = setup();
    await api.putTarget('dev', { kind: 'sentry-envelope', dsn: DSN });
    await store.getState().loadForwarding();
    const ids = Array.from({ length: 2500 }, (_, i) => i.toString(16).padStart(32, '0'));
    store.getState().setTracesSelected(ids, true);
    store.getState().askSend(ids);
    await store.getState().confirmSend();
    expect(api.forwards.map((f) => [f.traceIds[0], f.traceIds.length])).toEqual([
      [ids[0], 1000],
      [ids[1000], 1000],
      [ids[2000], 500],
    ]);
    expect(store.getState().sendDialog).toMatchObject({ error: null, sending: false });
    expect(store.getState().sendDialog!.response!.traces.map((t) => t.traceId)).toEqual(ids);
    expect(store.getState().selection.ids.size).toBe(0);

    // The second slice fails: the first is shown as sent, the rest stays selected, the error counts it.
    store.getState().setTracesSelected(ids, true);
    store.getState().askSend(ids);
    let calls = 0;
    api.forward = async function (this: FakeApi, req) {
      if (++calls === 2) throw new ApiError(503, 'POST /api/v1/forward: 503 forwarding is not running');
      return FakeApi.prototype.forward.call(this, req);
    };
    await store.getState().confirmSend();
    const d = store.getState().sendDialog!;
    expect(d.response!.traces).toHaveLength(1000);
    expect(d.error).toMatch(/forwarding is not running.*\(1500 traces not sent\)/);
    expect([...store.getState().selection.ids]).toEqual(ids.slice(1000));
  });

  it('the Sentry tab previews for the chosen target', async () => {
    const { api, store } = setup();
    await api.putTarget('dev', { kind: 'sentry-otlp', dsn: DSN });
    await store.getState().loadForwarding();
    store.setState({ openTraceId: 't1' });
    store.getState().setPreviewTarget('dev');
    await new Promise((r) => setTimeout(r, 0));
    expect(api.calls).toContain('sentry t1?target=dev');
  });
});

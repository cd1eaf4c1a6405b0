import { describe, expect, it } from 'vitest';
import type {
  ForwardingStatus,
  ForwardTargetView,
  SamplingSimulateResponse,
  TargetForwardStatus,
} from '../../../shared/api/contract.js';
import {
  decisionCell,
  errorText,
  forwardingColumns,
  forwardingIndicator,
  forwardResultText,
  simulationText,
  targetCounters,
  testResultText,
  traceForwardCell,
  untilText,
} from '../../../renderer/src/model/forwarding-status.js';
import { formatClock } from '../../../renderer/src/model/format.js';

const NOW = 1_700_000_000_000;
const target = (id: string, enabled = true): ForwardTargetView => ({
  id,
  name: `Target ${id}`,
  kind: 'sentry-envelope',
  enabled,
  dsn: 'https://****@h/1',
  resourceRules: [],
  endpoint: 'https://h/api/1/envelope/',
});
const tstatus = (p: Partial<TargetForwardStatus> & { targetId: string }): TargetForwardStatus => ({
  queued: 0,
  sent: 0,
  failed: 0,
  dropped: 0,
  ...p,
});
const status = (targets: TargetForwardStatus[]): ForwardingStatus => ({
  counters: {
    queued: targets.reduce((a, t) => a + t.queued, 0),
    sent: targets.reduce((a, t) => a + t.sent, 0),
    failed: targets.reduce((a, t) => a + t.failed, 0),
    dropped: 0,
  },
  targets,
  sampler: { decisions: 0, lateDecisions: 0, kept: 0, dropped: 0, byReason: {} as never },
});

describe('forwarding indicator', () => {
  it('invites to add a target when there is none', () => {
    expect(forwardingIndicator([], null, false, NOW)).toMatchObject({ tone: 'off', text: 'forwarding off' });
  });
  it('counts targets and the queue', () => {
    const i = forwardingIndicator(
      [target('a'), target('b', false)],
      status([tstatus({ targetId: 'a', queued: 3, sent: 2 })]),
      true,
      NOW,
    );
    expect(i.tone).toBe('busy');
    expect(i.text).toBe('auto · 1/2 targets · 3 queued');
    expect(i.detail).toContain('sent 2, queued 3');
  });
  it('shows a rate limit in force, until when', () => {
    const i = forwardingIndicator(
      [target('a')],
      status([tstatus({ targetId: 'a', rateLimitedUntil: { transaction: NOW + 30_000, error: NOW - 1 } })]),
      false,
      NOW,
    );
    expect(i.tone).toBe('warn');
    expect(i.text).toBe('1/1 target · rate-limited in 30 s');
    expect(i.detail).toContain(`Target a rate-limited until ${formatClock(NOW + 30_000)}`);
  });
  it('shows the last error until a later success', () => {
    const err = { at: NOW - 10, reason: 'forbidden', httpStatus: 403, bodyExcerpt: '{"detail":"bad key"}' };
    const failing = forwardingIndicator(
      [target('a')],
      status([tstatus({ targetId: 'a', lastError: err })]),
      false,
      NOW,
    );
    expect(failing.tone).toBe('error');
    expect(failing.text).toBe('1/1 target · error: HTTP 403');
    expect(failing.detail).toContain('Target a: HTTP 403: forbidden — {"detail":"bad key"}');
    const recovered = forwardingIndicator(
      [target('a')],
      status([tstatus({ targetId: 'a', lastError: err, lastSuccessAt: NOW })]),
      false,
      NOW,
    );
    expect(recovered.tone).toBe('ok');
  });
});

describe('wording', () => {
  it.each([
    [NOW + 900, 'in 1 s'],
    [NOW + 90_000, 'in 90 s'],
    [NOW - 5, 'now'],
  ])('until %d → %s', (t, want) => expect(untilText(t, NOW)).toBe(want));

  it('error text with and without HTTP', () => {
    expect(errorText({ at: 0, reason: 'connection reset' })).toBe('connection reset');
    expect(errorText({ at: 0, reason: 'too large', httpStatus: 413, bodyExcerpt: 'x' })).toBe(
      'HTTP 413: too large — x',
    );
  });

  it('trace cells by state', () => {
    const targets = [target('a')];
    expect(traceForwardCell(undefined, targets, NOW)).toBeNull();
    const sent = traceForwardCell(
      {
        state: 'sent',
        targets: [{ targetId: 'a', state: 'sent', eventIds: ['e1', 'e2'], sends: 1, sentAt: NOW }],
      },
      targets,
      NOW,
    )!;
    expect(sent).toMatchObject({ text: 'sent', tone: 'ok' });
    expect(sent.detail).toContain('event IDs e1, e2');
    const failed = traceForwardCell(
      {
        state: 'failed',
        targets: [
          { targetId: 'a', state: 'failed', eventIds: [], sends: 1, reason: 'bad key', httpStatus: 401 },
        ],
      },
      targets,
      NOW,
    )!;
    expect(failed).toMatchObject({ text: 'failed', tone: 'error' });
    expect(failed.detail).toBe('Target a: failed — HTTP 401: bad key');
    // The core's reasons already start with the status: it is not said twice.
    const coreWorded = traceForwardCell(
      {
        state: 'failed',
        targets: [
          {
            targetId: 'a',
            state: 'failed',
            eventIds: [],
            sends: 1,
            reason: 'HTTP 403 forbidden: the project does not exist',
            httpStatus: 403,
          },
        ],
      },
      targets,
      NOW,
    )!;
    expect(coreWorded.detail).toBe('Target a: failed — HTTP 403 forbidden: the project does not exist');
    const limited = traceForwardCell(
      {
        state: 'rate-limited',
        targets: [
          { targetId: 'a', state: 'rate-limited', eventIds: [], sends: 1, rateLimitedUntil: NOW + 5000 },
        ],
      },
      targets,
      NOW,
    )!;
    expect(limited).toMatchObject({ text: 'rate-limited in 5 s', tone: 'warn' });
  });

  it('forward results per target', () => {
    expect(forwardResultText({ traceId: 't', outcome: 'not-found', targets: [] }, [])).toContain(
      'no longer in the store',
    );
    expect(
      forwardResultText(
        {
          traceId: 't',
          outcome: 'ok',
          targets: [
            { targetId: 'a', outcome: 'queued', eventIds: ['1', '2'] },
            { targetId: 'b', outcome: 'already-sent', eventIds: ['3'] },
            { targetId: 'c', outcome: 'error', eventIds: [], message: 'no root' },
          ],
        },
        [target('a')],
      ),
    ).toBe(
      'Target a: queued (2 events); b: already sent (use "Send again" to send new events); c: error — no root',
    );
  });

  it.each([
    [{ ok: true, stage: 'ok', message: 'accepted' }, 'Connected: the target accepted a test envelope'],
    [{ ok: false, stage: 'auth', message: 'key refused', httpStatus: 403 }, 'Key refused (401/403)'],
    [
      { ok: false, stage: 'project', message: 'no project 42', httpStatus: 404 },
      'Unknown project — HTTP 404',
    ],
    [{ ok: false, stage: 'dns', message: 'ENOTFOUND' }, 'Host not found (DNS)'],
  ] as const)('test result %j', (r, headline) => {
    const t = testResultText(r);
    expect(t.headline).toBe(headline);
    expect(t.ok).toBe(r.ok);
    expect(t.message).toBe(r.message);
  });

  it('simulator sentence and decisions', () => {
    const sim = {
      total: 10,
      kept: 4,
      dropped: 6,
      byReason: { error: 2 },
    } as unknown as SamplingSimulateResponse;
    expect(simulationText(sim)).toBe('Would keep 4 of 10 traces (2 with errors)');
    expect(decisionCell({ keep: false, reason: 'excluded', detail: 'span "GET /health"' })).toEqual({
      text: 'drop',
      tone: 'off',
      detail: 'excluded by a rule: span "GET /health"',
    });
    expect(targetCounters(undefined)).toBe('nothing sent yet');
    expect(targetCounters(tstatus({ targetId: 'a', queued: 1, sent: 2, failed: 3, dropped: 4 }))).toBe(
      'queued 1 · sent 2 · failed 3 · dropped 4',
    );
  });
});

describe('forwardingColumns', () => {
  it.each([
    // targets, auto forwarding, sampling controls open → sampling, forwarded
    [0, false, false, false, false],
    [0, true, false, false, false],
    [0, false, true, true, false],
    [1, false, false, false, true],
    [1, true, false, true, true],
    [2, false, true, true, true],
  ])(
    '%d targets, auto %s, sampling controls open %s: Sampling %s, Forwarded %s',
    (targets, auto, panel, sampling, forward) => {
      expect(forwardingColumns(targets, auto, panel)).toEqual({ sampling, forward });
    },
  );
});

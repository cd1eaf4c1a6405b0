// Forwarding status in words: the status-bar indicator, per-target counters, a trace's send state in the
// list, Test connection results, the sampling simulator's sentence. Pure, so the wording is unit-tested.
import type {
  ForwardingStatus,
  ForwardTargetView,
  ForwardTraceResult,
  SamplingDecision,
  SamplingReason,
  SamplingSimulateResponse,
  TargetForwardStatus,
  TargetTestResponse,
  TraceForwardStatus,
} from '../../../shared/api/contract.js';
import { formatClock, formatCount, plural } from './format.js';

type Tone = 'off' | 'ok' | 'busy' | 'warn' | 'error';

/** "in 42 s" / "at 12:03:04.000" for a time in the future; "now" once it passed. */
export function untilText(until: number, now: number): string {
  const s = Math.ceil((until - now) / 1000);
  if (s <= 0) return 'now';
  if (s < 120) return `in ${s} s`;
  return `at ${formatClock(until)}`;
}

/** The latest rate limit of a target (over its categories), if it still holds. */
export function rateLimitEnd(t: TargetForwardStatus, now: number): number | null {
  let end: number | null = null;
  for (const until of Object.values(t.rateLimitedUntil ?? {}))
    if (until > now && (end === null || until > end)) end = until;
  return end;
}

interface Indicator {
  tone: Tone;
  text: string;
  /** Longer text for the tooltip and the accessible name. */
  detail: string;
}

/** The status-bar indicator: targets, queue, last error or rate limit. */
export function forwardingIndicator(
  targets: readonly ForwardTargetView[] | null,
  status: ForwardingStatus | null | undefined,
  autoForward: boolean,
  now: number,
): Indicator {
  if (!targets || targets.length === 0)
    return {
      tone: 'off',
      text: 'forwarding off',
      detail: 'No forwarding target. Click to add a Sentry DSN or an OTLP endpoint.',
    };
  const enabled = targets.filter((t) => t.enabled).length;
  const queued = status?.counters.queued ?? 0;
  const parts = [`${enabled}/${targets.length} ${plural(targets.length, 'target')}`];
  if (queued > 0) parts.push(`${formatCount(queued)} queued`);
  const detail = [
    `${enabled} of ${targets.length} targets enabled; automatic forwarding ${autoForward ? 'on' : 'off'}`,
    `sent ${status?.counters.sent ?? 0}, queued ${queued}, failed ${status?.counters.failed ?? 0}, dropped ${status?.counters.dropped ?? 0}`,
  ];
  let tone: Tone = queued > 0 ? 'busy' : 'ok';
  const limited = (status?.targets ?? [])
    .map((t) => ({ t, end: rateLimitEnd(t, now) }))
    .filter((x) => x.end !== null);
  if (limited.length) {
    const end = Math.max(...limited.map((x) => x.end!));
    parts.push(`rate-limited ${untilText(end, now)}`);
    detail.push(
      ...limited.map((x) => `${nameOf(targets, x.t.targetId)} rate-limited until ${formatClock(x.end!)}`),
    );
    tone = 'warn';
  }
  const latest = latestError(status);
  if (latest && latest.error.at > (latestSuccess(status, latest.targetId) ?? 0)) {
    parts.push(`error: ${shortError(latest.error)}`);
    detail.push(`${nameOf(targets, latest.targetId)}: ${errorText(latest.error)}`);
    tone = 'error';
  }
  if (autoForward) parts.unshift('auto');
  return { tone, text: parts.join(' · '), detail: detail.join('\n') };
}

type LastError = NonNullable<TargetForwardStatus['lastError']>;

function latestError(status: ForwardingStatus | null | undefined) {
  let best: { targetId: string; error: LastError } | null = null;
  for (const t of status?.targets ?? [])
    if (t.lastError && (!best || t.lastError.at > best.error.at))
      best = { targetId: t.targetId, error: t.lastError };
  return best;
}

function latestSuccess(status: ForwardingStatus | null | undefined, targetId: string): number | undefined {
  return status?.targets.find((t) => t.targetId === targetId)?.lastSuccessAt;
}

function shortError(e: LastError): string {
  return e.httpStatus
    ? `HTTP ${e.httpStatus}`
    : e.reason.length > 40
      ? `${e.reason.slice(0, 40)}…`
      : e.reason;
}

/**
 * "HTTP 403: <reason>", said once: the core's reasons for an HTTP answer already start with the status
 * ("HTTP 403 forbidden"), others (a test double's, an older core's) may not.
 */
function withStatus(reason: string, httpStatus: number | undefined): string {
  if (!httpStatus || reason.startsWith(`HTTP ${httpStatus}`)) return reason;
  return `HTTP ${httpStatus}: ${reason}`;
}

/** "HTTP 403: <reason> — <body excerpt>" */
export function errorText(e: LastError): string {
  const head = withStatus(e.reason, e.httpStatus);
  return e.bodyExcerpt ? `${head} — ${e.bodyExcerpt}` : head;
}

export function nameOf(targets: readonly ForwardTargetView[] | null, id: string): string {
  return targets?.find((t) => t.id === id)?.name || id;
}

/** A trace's send state in the list: short text, tone, and the details for the tooltip. */
interface TraceForwardCell {
  text: string;
  tone: Tone;
  detail: string;
}

export function traceForwardCell(
  f: TraceForwardStatus | undefined,
  targets: readonly ForwardTargetView[] | null,
  now: number,
): TraceForwardCell | null {
  if (!f || f.state === 'not-sent') return null;
  const lines = f.targets.map((t) => {
    const who = nameOf(targets, t.targetId);
    switch (t.state) {
      case 'sent':
        return `${who}: sent${t.sentAt ? ` at ${formatClock(t.sentAt)}` : ''}${t.eventIds.length ? ` — event IDs ${t.eventIds.join(', ')}` : ''}`;
      case 'failed':
        return `${who}: failed — ${withStatus(t.reason ?? 'no reason given', t.httpStatus)}`;
      case 'rate-limited':
        return `${who}: rate-limited${t.rateLimitedUntil ? ` until ${formatClock(t.rateLimitedUntil)}` : ''}`;
      default:
        return `${who}: queued`;
    }
  });
  const limit = Math.max(0, ...f.targets.map((t) => t.rateLimitedUntil ?? 0));
  const text =
    f.state === 'rate-limited' && limit > now
      ? `rate-limited ${untilText(limit, now)}`
      : f.state === 'rate-limited'
        ? 'rate-limited'
        : f.state;
  const tone: Tone =
    f.state === 'sent' ? 'ok' : f.state === 'failed' ? 'error' : f.state === 'queued' ? 'busy' : 'warn';
  return { text, tone, detail: lines.join('\n') };
}

/** The answer of POST /forward for one trace, in words (the send dialog's result list). */
export function forwardResultText(
  r: ForwardTraceResult,
  targets: readonly ForwardTargetView[] | null,
): string {
  if (r.outcome === 'not-found') return 'not sent: the trace is no longer in the store';
  return r.targets
    .map((t) => {
      const who = nameOf(targets, t.targetId);
      switch (t.outcome) {
        case 'queued':
          return `${who}: queued${t.eventIds.length ? ` (${t.eventIds.length} ${plural(t.eventIds.length, 'event')})` : ''}`;
        case 'already-sent':
          return `${who}: already sent (use "Send again" to send new events)`;
        case 'already-queued':
          return `${who}: already queued`;
        case 'would-send':
          return `${who}: would send`;
        case 'not-found':
          return `${who}: trace not found`;
        default:
          return `${who}: error — ${t.message ?? 'could not be queued'}`;
      }
    })
    .join('; ');
}

const STAGE_HEADLINE: Record<TargetTestResponse['stage'], string> = {
  ok: 'Connected: the target accepted a test envelope',
  dns: 'Host not found (DNS)',
  tcp: 'Could not connect',
  tls: 'TLS handshake failed',
  http: 'Unexpected HTTP answer',
  auth: 'Key refused (401/403)',
  project: 'Unknown project',
  'rate-limit': 'Rate-limited',
};

/** Test connection's result in plain words: a headline for the stage, then the core's message. */
export function testResultText(r: TargetTestResponse): { ok: boolean; headline: string; message: string } {
  const status = !r.ok && r.httpStatus && !STAGE_HEADLINE[r.stage].includes(String(r.httpStatus));
  return {
    ok: r.ok,
    headline: `${STAGE_HEADLINE[r.stage]}${status ? ` — HTTP ${r.httpStatus}` : ''}`,
    message: r.message,
  };
}

/** Sampling simulator: "Would keep N of M traces (E with errors)". */
export function simulationText(sim: SamplingSimulateResponse): string {
  const e = sim.byReason.error ?? 0;
  return `Would keep ${formatCount(sim.kept)} of ${formatCount(sim.total)} ${plural(sim.total, 'trace')} (${formatCount(e)} with errors)`;
}

export const REASON_LABEL: Record<SamplingReason, string> = {
  excluded: 'excluded by a rule',
  error: 'kept: has an error',
  latency: 'kept: slow',
  included: 'kept: matches a rule',
  'percentage-kept': 'kept by percentage',
  'percentage-dropped': 'dropped by percentage',
};

/** A sampling decision in a trace row: short label, and the detail (which rule or value decided). */
export function decisionCell(d: SamplingDecision): { text: string; tone: Tone; detail: string } {
  return {
    text: d.keep ? 'keep' : 'drop',
    tone: d.keep ? 'ok' : 'off',
    detail: `${REASON_LABEL[d.reason]}: ${d.detail}`,
  };
}

/** Per-target counters for the status table. */
export function targetCounters(t: TargetForwardStatus | undefined): string {
  if (!t) return 'nothing sent yet';
  return `queued ${formatCount(t.queued)} · sent ${formatCount(t.sent)} · failed ${formatCount(t.failed)} · dropped ${formatCount(t.dropped)}`;
}

/**
 * Which forwarding columns the trace list shows. Without a target both would only ever say "—", so they
 * make room for the rest; Sampling shows while rules decide (automatic forwarding on) or while the sampling
 * controls preview a draft on the rows.
 */
export function forwardingColumns(
  targetCount: number,
  autoForward: boolean,
  samplingPanelOpen: boolean,
): { sampling: boolean; forward: boolean } {
  return {
    sampling: samplingPanelOpen || (targetCount > 0 && autoForward),
    forward: targetCount > 0,
  };
}

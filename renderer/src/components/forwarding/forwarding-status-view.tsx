// The status section: global counters (every item enqueued is queued, sent, failed or dropped), the
// sampler's tallies, and per target the queue, sent, failed, dropped and last error with its HTTP status
// and an excerpt of the response body.
import { useApp } from '../../state/store.js';
import { SAMPLING_REASONS } from '../../../../shared/sampling/types.js';
import { errorText, nameOf, rateLimitEnd, REASON_LABEL } from '../../model/forwarding-status.js';
import { formatClock, formatCount } from '../../model/format.js';
import { useNow } from './use-now.js';

export function ForwardingStatusView() {
  const status = useApp((s) => s.stats?.forwarding ?? s.forwarding?.status);
  const targets = useApp((s) => s.forwarding?.targets ?? null);
  const storage = useApp((s) => s.forwarding?.secretStorage);
  const file = useApp((s) => s.forwarding?.file);
  const now = useNow(1000);
  if (!status) return <p className="dim">No forwarding status yet.</p>;
  const c = status.counters;
  return (
    <div className="fwd-status">
      <p>
        Items (envelopes or OTLP requests) ever queued:{' '}
        <b>{formatCount(c.queued + c.sent + c.failed + c.dropped)}</b> — queued <b>{formatCount(c.queued)}</b>
        , sent <b>{formatCount(c.sent)}</b>, failed <b>{formatCount(c.failed)}</b>, dropped{' '}
        <b>{formatCount(c.dropped)}</b>.
      </p>
      <table className="fwd-table" aria-label="Per-target delivery">
        <thead>
          <tr>
            <th>Target</th>
            <th className="cell-right">Queued</th>
            <th className="cell-right">Sent</th>
            <th className="cell-right">Failed</th>
            <th className="cell-right">Dropped</th>
            <th>Last success</th>
            <th>Last error</th>
          </tr>
        </thead>
        <tbody>
          {status.targets.map((t) => {
            const limited = rateLimitEnd(t, now);
            // A removed target keeps its row (its counts are in the totals above), marked as gone.
            const removed = targets !== null && !targets.some((x) => x.id === t.targetId);
            return (
              <tr key={t.targetId} data-target-id={t.targetId} className={removed ? 'dim' : undefined}>
                <td>
                  {nameOf(targets, t.targetId)}
                  {removed && ' (removed)'}
                </td>
                <td className="cell-right">{formatCount(t.queued)}</td>
                <td className="cell-right">{formatCount(t.sent)}</td>
                <td className="cell-right">{formatCount(t.failed)}</td>
                <td className="cell-right">{formatCount(t.dropped)}</td>
                <td>{t.lastSuccessAt ? formatClock(t.lastSuccessAt) : '—'}</td>
                <td className="target-error">
                  {limited !== null && (
                    <div className="status-warn">Rate-limited until {formatClock(limited)}</div>
                  )}
                  {t.lastError ? (
                    <span title={t.lastError.bodyExcerpt}>
                      {formatClock(t.lastError.at)} {errorText(t.lastError)}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="small">
        Automatic sampling since start: {formatCount(status.sampler.decisions)} decisions (
        {formatCount(status.sampler.lateDecisions)} late), kept {formatCount(status.sampler.kept)}, dropped{' '}
        {formatCount(status.sampler.dropped)}
        {SAMPLING_REASONS.filter((r) => (status.sampler.byReason[r] ?? 0) > 0).map((r) => (
          <span key={r}>
            {' '}
            · {REASON_LABEL[r]} {formatCount(status.sampler.byReason[r])}
          </span>
        ))}
      </p>
      <p className="dim small">
        {storage === 'os-encrypted'
          ? 'DSNs are kept encrypted by the operating system'
          : 'DSNs are kept in a settings file only you can read (mode 0600)'}
        {file ? ` — ${file}` : ' — not saved: changes last until the inspector exits'}.
      </p>
    </div>
  );
}

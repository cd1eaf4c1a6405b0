// "Send to Sentry": the confirmation (how many traces, to which targets, send again or not), then per
// trace what happened — queued, then sent with event IDs, failed with the reason, rate-limited until T —
// as the status arrives on the live stream.
import { useApp } from '../../state/store.js';
import { forwardResultText, nameOf, traceForwardCell } from '../../model/forwarding-status.js';
import { KIND_LABEL } from '../../model/target-form.js';
import { shortId, plural } from '../../model/format.js';
import { useNow } from './use-now.js';
import { Modal } from './modal.js';

export function SendDialog() {
  const d = useApp((s) => s.sendDialog);
  const targets = useApp((s) => s.forwarding?.targets ?? null);
  const setTargets = useApp((s) => s.setSendTargets);
  const setResend = useApp((s) => s.setSendResend);
  const confirm = useApp((s) => s.confirmSend);
  const close = useApp((s) => s.closeSendDialog);
  const openPanel = useApp((s) => s.openForwardingPanel);
  const rows = useApp((s) => s.traces.rows);
  const now = useNow(1000);
  if (!d) return null;
  const n = d.traceIds.length;
  const chosen = targets?.filter((t) => d.targetIds.includes(t.id)) ?? [];
  const names = chosen.map((t) => t.name || t.id).join(', ');
  const title = `Send ${n} ${plural(n, 'trace')}${names ? ` to ${names}` : ''}?`;
  const byId = new Map(rows.map((r) => [r.traceId, r]));
  return (
    <Modal label="Send to Sentry" className="send-dialog" onClose={close}>
      <header className="modal-head">
        <h2>
          {d.response
            ? `Sent ${d.response.traces.length} ${plural(d.response.traces.length, 'trace')}`
            : title}
        </h2>
      </header>
      <div className="modal-body">
        {!d.response && (
          <>
            {targets && targets.length === 0 ? (
              <p>
                There is no forwarding target yet.{' '}
                <button
                  type="button"
                  className="btn btn-link"
                  onClick={() => {
                    close();
                    openPanel('targets');
                  }}
                >
                  Add a Sentry DSN
                </button>
              </p>
            ) : (
              <fieldset className="field">
                <legend className="field-label">Targets</legend>
                {targets?.map((t) => (
                  <label key={t.id} className="field-inline">
                    <input
                      type="checkbox"
                      checked={d.targetIds.includes(t.id)}
                      onChange={(e) =>
                        setTargets(
                          e.target.checked ? [...d.targetIds, t.id] : d.targetIds.filter((x) => x !== t.id),
                        )
                      }
                    />
                    {t.name || t.id} <span className="dim small">{KIND_LABEL[t.kind]}</span>
                    {!t.enabled && <span className="dim small">(disabled: gets only what you send)</span>}
                  </label>
                ))}
              </fieldset>
            )}
            <label className="field-inline">
              <input type="checkbox" checked={d.resend} onChange={(e) => setResend(e.target.checked)} />
              Send again traces already sent (as new events)
            </label>
            <p className="dim small">
              Exactly these traces are sent, whatever the sampling rules say; each target gets what its Sentry
              tab preview shows.
            </p>
          </>
        )}
        {d.error && (
          <div className="field-error" role="alert">
            {d.error}
          </div>
        )}
        {d.response && (
          <ul className="send-results" aria-label="Send results">
            {d.response.traces.map((r) => {
              const summary = byId.get(r.traceId);
              const live = traceForwardCell(d.live[r.traceId] ?? summary?.forwarding, targets, now);
              return (
                <li key={r.traceId} data-trace-id={r.traceId}>
                  <span className="mono">{shortId(r.traceId, 12)}</span>{' '}
                  <span>{summary?.rootName ?? ''}</span>{' '}
                  {live ? (
                    <span className={`fwd-cell fwd-${live.tone}`} data-testid="send-state">
                      {live.text}
                    </span>
                  ) : (
                    <span className="dim" data-testid="send-state">
                      {r.outcome === 'ok' ? 'queued' : 'not found'}
                    </span>
                  )}
                  <div className="small dim">{live?.detail ?? forwardResultText(r, targets)}</div>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <footer className="form-actions">
        {!d.response ? (
          <>
            <button
              type="button"
              className="btn btn-primary"
              disabled={d.sending || chosen.length === 0}
              onClick={() => void confirm()}
            >
              {d.sending ? 'Sending…' : `Send ${n} ${plural(n, 'trace')}`}
            </button>
            <button type="button" className="btn" onClick={close}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-primary" onClick={close}>
            Done
          </button>
        )}
        {chosen.length > 0 && !d.response && (
          <span className="dim small">to {chosen.map((t) => nameOf(targets, t.id)).join(', ')}</span>
        )}
      </footer>
    </Modal>
  );
}

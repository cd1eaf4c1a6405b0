// "Send to Sentry" in a trace's header: the same confirmation as from the list, for this one trace.
import { useApp } from '../../state/store.js';
import { traceForwardCell } from '../../model/forwarding-status.js';

export function SendTraceButton({ traceId }: { traceId: string }) {
  const askSend = useApp((s) => s.askSend);
  const f = useApp((s) => s.trace?.summary.forwarding);
  const targets = useApp((s) => s.forwarding?.targets ?? null);
  const c = traceForwardCell(f, targets, Date.now());
  return (
    <>
      {c && (
        <span className={`fwd-cell fwd-${c.tone}`} title={c.detail}>
          {c.text}
        </span>
      )}
      <button type="button" className="btn" aria-label="Send to Sentry…" onClick={() => askSend([traceId])}>
        Send<span className="btn-wide-only"> to Sentry</span>…
      </button>
    </>
  );
}

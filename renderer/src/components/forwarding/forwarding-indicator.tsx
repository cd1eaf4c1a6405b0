// The status bar's forwarding indicator: targets, queue, rate limit, last error; opens the panel.
import { useApp } from '../../state/store.js';
import { forwardingIndicator } from '../../model/forwarding-status.js';
import { useNow } from './use-now.js';

export function ForwardingIndicator() {
  const targets = useApp((s) => s.forwarding?.targets ?? null);
  const status = useApp((s) => s.stats?.forwarding ?? s.forwarding?.status);
  const auto = useApp((s) => s.forwarding?.sampling.enabled ?? false);
  const open = useApp((s) => s.openForwardingPanel);
  const now = useNow(1000);
  const i = forwardingIndicator(targets, status, auto, now);
  return (
    <button
      type="button"
      className={`fwd-indicator fwd-${i.tone}`}
      title={i.detail}
      aria-label={`Forwarding: ${i.text}`}
      data-testid="forwarding-indicator"
      onClick={() => open(targets && targets.length ? 'status' : 'targets')}
    >
      <span className="dot" aria-hidden="true" />
      {/* The one part of the status bar that gives way when the window is narrow: cut with an ellipsis,
          whole in the tooltip and the accessible name. */}
      <span className="fwd-indicator-text">{i.text}</span>
    </button>
  );
}

// The trace list's forwarding cells: the selection checkbox (shift-click selects a range), the header
// checkbox, the sampling decision and the send state.
import type { MouseEvent } from 'react';
import type { TraceSummary } from '../../../../shared/api/contract.js';
import { useApp } from '../../state/store.js';
import { decisionCell, traceForwardCell } from '../../model/forwarding-status.js';
import { headerState } from '../../model/trace-selection.js';

/** The rows in the order shown, for shift-click ranges (set by the list on each render). */
let shownIds: readonly string[] = [];
export function setShownTraceIds(ids: readonly string[]): void {
  shownIds = ids;
}

export function SelectCell({ t }: { t: TraceSummary }) {
  const checked = useApp((s) => s.selection.ids.has(t.traceId));
  const toggle = useApp((s) => s.toggleTraceSelected);
  return (
    <input
      type="checkbox"
      className="row-check"
      checked={checked}
      aria-label={`Select trace ${t.rootName || t.traceId}`}
      // Click, not change: the shift key is on the mouse event, and the row must not open.
      onClick={(e: MouseEvent<HTMLInputElement>) => {
        e.stopPropagation();
        toggle(t.traceId, e.shiftKey ? shownIds : undefined);
      }}
      onChange={() => undefined}
    />
  );
}

export function SelectHeader() {
  const state = useApp((s) => headerState(s.selection, shownIds));
  const setSelected = useApp((s) => s.setTracesSelected);
  return (
    <input
      type="checkbox"
      className="row-check"
      aria-label="Select all loaded traces"
      checked={state === 'all'}
      ref={(el) => {
        if (el) el.indeterminate = state === 'some';
      }}
      onChange={() => setSelected(shownIds, state !== 'all')}
    />
  );
}

export function SamplingCell({ t }: { t: TraceSummary }) {
  // While the sampling controls are open, the draft's simulated decision; else the automatic one.
  const simulated = useApp((s) =>
    s.forwardingPanel === 'sampling'
      ? s.simulation?.decisions.find((d) => d.traceId === t.traceId)
      : undefined,
  );
  const d = simulated ?? t.forwarding?.sampling;
  if (!d) return <span className="dim">—</span>;
  const c = decisionCell(d);
  return (
    <span className={`fwd-cell fwd-${c.tone}`} title={`${simulated ? 'Draft rules would: ' : ''}${c.detail}`}>
      {simulated ? `would ${c.text}` : c.text}
    </span>
  );
}

export function ForwardCell({ t }: { t: TraceSummary }) {
  const targets = useApp((s) => s.forwarding?.targets ?? null);
  const c = traceForwardCell(t.forwarding, targets, Date.now());
  if (!c) return <span className="dim">—</span>;
  return (
    <span className={`fwd-cell fwd-${c.tone}`} title={c.detail} data-testid="forward-state">
      {c.text}
    </span>
  );
}

// Above the trace list while traces are checked: how many, "select all matching the filter", Send, Clear.
import { useApp } from '../../state/store.js';
import { formatCount } from '../../model/format.js';

export function SelectionBar() {
  const selected = useApp((s) => s.selection.ids);
  const total = useApp((s) => s.traces.total);
  const selectAll = useApp((s) => s.selectAllMatching);
  const selectingAll = useApp((s) => s.selectingAll);
  const clear = useApp((s) => s.clearSelection);
  const askSend = useApp((s) => s.askSend);
  if (selected.size === 0) return null;
  return (
    <div className="selection-bar" role="region" aria-label="Selection">
      <b data-testid="selected-count">{formatCount(selected.size)} selected</b>
      {selected.size < total && (
        <button
          type="button"
          className="btn btn-small btn-link"
          disabled={selectingAll}
          onClick={() => void selectAll()}
        >
          {selectingAll ? 'Selecting…' : `Select all ${formatCount(total)} matching the filter`}
        </button>
      )}
      <span className="spacer" />
      <button type="button" className="btn btn-small btn-primary" onClick={() => askSend([...selected])}>
        Send to Sentry…
      </button>
      <button type="button" className="btn btn-small" onClick={clear}>
        Clear selection
      </button>
    </div>
  );
}

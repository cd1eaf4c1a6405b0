import { useApp } from '../state/store.js';
import { waitingTraces } from '../state/traces-slice.js';
import { formatCount, plural } from '../model/format.js';

export function ListControls() {
  const paused = useApp((s) => s.paused);
  const waiting = useApp(waitingTraces);
  const pause = useApp((s) => s.pause);
  const resume = useApp((s) => s.resume);
  const clearAll = useApp((s) => s.clearAll);
  return (
    <div className="list-controls">
      {paused ? (
        <button
          type="button"
          className="btn btn-primary"
          aria-label="Resume"
          onClick={resume}
          title="Resume (p)"
        >
          ▶ Resume
        </button>
      ) : (
        <button
          type="button"
          className="btn"
          aria-label="Pause"
          onClick={pause}
          title="Freeze the view; data keeps arriving (p)"
        >
          ❚❚ Pause
        </button>
      )}
      <span className={`waiting ${paused ? 'waiting-on' : ''}`} role="status" aria-label="Waiting traces">
        {paused ? `${formatCount(waiting)} new ${plural(waiting, 'trace')} waiting` : ''}
      </span>
      <button
        type="button"
        className="btn"
        aria-label="Clear all traces"
        onClick={() => void clearAll()}
        title="Remove every trace from the inspector"
      >
        Clear
      </button>
    </div>
  );
}

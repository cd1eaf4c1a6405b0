// `?` (or the app bar's ? button) opens the list of keyboard shortcuts; `?` or Esc closes it. Its keys are
// handled before the app's (capture phase), so Esc here closes the help and nothing else.
import { useEffect, useRef, useState } from 'react';

/** Every key use-keyboard.ts handles, as the help shows it. Keep the two in step. */
const SHORTCUTS: [keys: string[], what: string][] = [
  [['/'], 'Go to the filter'],
  [['Esc'], 'In the filter: leave it, keeping the text'],
  [['Esc', 'Esc'], 'In the filter: leave it, then clear the text filter'],
  [['j', 'k'], 'Next / previous row (also ↓ ↑), in the Sentry tab its tree'],
  [['Home', 'End'], 'First / last row (of the rows loaded, in a list)'],
  [['Enter'], 'Open the trace; in a trace, fold or unfold the row'],
  [['Esc'], 'Back from a trace to the list'],
  [['e', 'Shift+E'], 'Next / previous error span (Sentry tab: error event)'],
  [['←', '→'], 'Collapse / expand the row, or go to its parent (also h l)'],
  [['s'], 'Waterfall / Sentry tab of the open trace'],
  [['p'], 'Pause / resume the live list'],
  [['?'], 'This help'],
];

function isTyping(t: EventTarget | null): boolean {
  return (
    t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))
  );
}

export function KeyboardHelp() {
  const [open, setOpen] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === '?' || (open && e.key === 'Escape')) {
        e.preventDefault();
        e.stopPropagation();
        setOpen((o) => (e.key === 'Escape' ? false : !o));
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [open]);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  return (
    <>
      <button
        type="button"
        className="btn btn-small appbar-help"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => setOpen(true)}
      >
        ?
      </button>
      {open && (
        <div className="kbd-help-backdrop" onClick={() => setOpen(false)}>
          <div
            className="kbd-help"
            role="dialog"
            aria-modal="true"
            aria-label="Keyboard shortcuts"
            onClick={(e) => e.stopPropagation()}
          >
            <h2>Keyboard shortcuts</h2>
            <table>
              <tbody>
                {SHORTCUTS.map(([keys, what]) => (
                  <tr key={`${keys.join()}-${what}`}>
                    <td>
                      {keys.map((k, i) => (
                        <span key={i}>
                          {i > 0 && ' '}
                          <kbd>{k}</kbd>
                        </span>
                      ))}
                    </td>
                    <td>{what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="dim small">Keys do nothing while you type in a field, except Esc and Enter.</p>
            <button ref={closeRef} type="button" className="btn" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </div>
      )}
    </>
  );
}
